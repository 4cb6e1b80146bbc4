package dev.stepline.imagebuilder.managed;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.document.WorkflowDocument;
import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.imagebuilder.version.SemanticVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the AWS-managed workflows from {@code /imagebuilder/managed/}: {@code index.yaml} lists
 * name, type, version, build and description; {@code <name>.yaml} holds each document. Every
 * document is checked with {@link WorkflowDocument#parse}, so a broken resource fails at start-up.
 */
public final class ManagedWorkflows {
    private static final String DIRECTORY = "/imagebuilder/managed/";
    private static final List<ManagedWorkflow> ALL = load();

    private ManagedWorkflows() {}

    /** Every managed workflow, in index order. */
    public static List<ManagedWorkflow> all() {
        return ALL;
    }

    /** The managed workflow of this type and name. */
    public static Optional<ManagedWorkflow> find(WorkflowType type, String name) {
        return ALL.stream().filter(w -> w.type() == type && w.name().equals(name)).findFirst();
    }

    private static List<ManagedWorkflow> load() {
        JsonNode index = YAMLMapper.shared().readTree(read("index.yaml"));
        List<ManagedWorkflow> workflows = new ArrayList<>();
        for (JsonNode entry : index) {
            String name = entry.required("name").asString();
            WorkflowType type = WorkflowType.fromWire(entry.required("type").asString())
                    .orElseThrow(() -> new IllegalStateException("bad type for managed workflow " + name));
            BuildVersion buildVersion = new BuildVersion(SemanticVersion.parse(entry.required("version").asString()),
                    entry.required("build").asInt());
            String data = read(name + ".yaml");
            WorkflowDocument document;
            try {
                document = WorkflowDocument.parse(data, type);
            } catch (RuntimeException e) {
                throw new IllegalStateException("managed workflow " + name + " does not validate: " + e.getMessage(), e);
            }
            workflows.add(new ManagedWorkflow(name, type, buildVersion, entry.required("description").asString(),
                    data, document));
        }
        return List.copyOf(workflows);
    }

    private static String read(String file) {
        try (InputStream in = ManagedWorkflows.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIRECTORY + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
