package dev.stepline.imagebuilder.api;

import dev.stepline.server.ServerConfig;
import dev.stepline.store.Database;
import dev.stepline.store.ResourceStore;
import dev.stepline.store.StoredResource;
import dev.stepline.testing.TestServer;
import tools.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * Puts component rows straight into a test server's store. The component API lives on another
 * branch; recipes only need a row of kind {@code ib:component} at the build-version ARN whose
 * document carries the component YAML in {@code data}.
 */
final class ComponentRows {
    static final String DOCUMENT = """
            name: hello
            schemaVersion: 1.0
            parameters:
              - greeting:
                  type: string
                  default: hi
              - target:
                  type: string
            phases:
              - name: build
                steps:
                  - name: Say
                    action: ExecuteBash
                    inputs:
                      commands:
                        - echo {{ greeting }} {{ target }}
            """;

    private ComponentRows() {}

    /** Inserts a component at {@code arn:aws:imagebuilder:<region>:<account>:component/<name>/<version>/<build>}. */
    static String insert(TestServer server, String account, String region, String name, String version, int build) {
        String arn = "arn:aws:imagebuilder:" + region + ":" + account + ":component/" + name + "/" + version + "/" + build;
        String doc = JsonMapper.builder().build().writeValueAsString(Map.of("name", name, "platform", "Linux", "data", DOCUMENT));
        ServerConfig config = server.server().config();
        try (Database db = config.databaseUrl() == null ? Database.sqlite(config.dataDir()) : Database.postgres(config.databaseUrl())) {
            db.write(tx -> new ResourceStore().insert(tx, new StoredResource(arn, account, region, "ib:component",
                    name + " " + version + "/" + build, System.currentTimeMillis(), 1, doc)));
        }
        return arn;
    }
}
