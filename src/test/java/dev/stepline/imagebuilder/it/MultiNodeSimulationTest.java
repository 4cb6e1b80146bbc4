package dev.stepline.imagebuilder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.server.ServerConfig;
import dev.stepline.testing.Postgres;
import dev.stepline.testing.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/** Two nodes on one PostgreSQL database: simulation settings and faults set through one apply on both. */
class MultiNodeSimulationTest {
    @Test
    void settingsAndFaultsChangedThroughOneNodeApplyOnTheOther() throws Exception {
        String url = Postgres.freshSchemaUrl();
        try (TestServer a = TestServer.with(node(url)); TestServer b = TestServer.with(node(url))) {
            Ib ibA = Ib.on(a);
            Ib ibB = Ib.on(b);
            ibA.admin("PUT", "settings", "{\"stepSeconds\": 0}");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ibB.admin("GET", "settings", null), body -> body.contains("\"stepSeconds\":0.0"));

            String recipe = ibA.recipe("sim-recipe");
            String infra = ibA.infrastructure("sim-infra");
            String workflow = ibA.workflow("sometimes-fails", WorkflowType.BUILD, """
                    schemaVersion: 1.0
                    steps:
                      - name: Launch
                        action: LaunchInstance
                        inputs:
                          waitFor: ssmAgent
                    """);
            ibA.fault("sometimes-fails", "Launch", "FAIL", 0);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ibB.admin("GET", "faults", null), body -> body.contains("\"step\":\"Launch\""));
            String failed = ibB.createImage(recipe, infra, Ib.use(workflow));
            assertThat(ibB.awaitStatus(failed, ImageStatus.FAILED, ImageStatus.AVAILABLE).state().status())
                    .isEqualTo(ImageStatus.FAILED);

            ibB.admin("DELETE", "faults", null);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ibA.admin("GET", "faults", null), body -> body.contains("\"faults\":[]"));
            String built = ibA.createImage(recipe, infra, Ib.use(workflow));
            assertThat(ibA.awaitStatus(built, ImageStatus.FAILED, ImageStatus.AVAILABLE).state().status())
                    .isEqualTo(ImageStatus.AVAILABLE);
        }
    }

    private static ServerConfig node(String url) throws java.io.IOException {
        return ServerConfig.defaults().withDataDir(Files.createTempDirectory("stepline-node")).withDatabaseUrl(url);
    }
}
