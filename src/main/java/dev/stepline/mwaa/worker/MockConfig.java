package dev.stepline.mwaa.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What allowlisted operators without a local counterpart (Glue, EMR, SageMaker, ...) answer: a JSON
 * file {@code {"<workflow name>": {"<task id>": {"result": <any JSON>} | {"error": "<text>"}}}}, where
 * either name may be {@code "*"}. The most specific entry wins (name and task, name and {@code *},
 * {@code *} and task, {@code *} and {@code *}). A {@code result} becomes XCom {@code return_value};
 * an {@code error} fails the attempt with that text. Without an entry the attempt fails. An entry
 * that matches also wins over the operators Stepline runs itself (S3, Step Functions, Bash, ...).
 */
public final class MockConfig {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final MockConfig EMPTY = new MockConfig(JsonNodeFactory.instance.objectNode());

    private final ObjectNode root;

    private MockConfig(ObjectNode root) {
        this.root = root;
    }

    public static MockConfig load(Path file) {
        if (file == null) {
            return EMPTY;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            if (!root.isObject()) {
                throw new IllegalArgumentException("MWAA mock configuration " + file + " must be a JSON object");
            }
            root.properties().forEach(w -> {
                if (!w.getValue().isObject()) {
                    throw new IllegalArgumentException("MWAA mock configuration " + file + ": \"" + w.getKey()
                            + "\" must map task ids to {\"result\": ...} or {\"error\": ...}");
                }
            });
            return new MockConfig((ObjectNode) root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MWAA mock configuration " + file, e);
        }
    }

    /** The entry for a task of a workflow (by bare name), if any. */
    Optional<JsonNode> find(String workflowName, String taskId) {
        for (String w : new String[] {workflowName, "*"}) {
            JsonNode tasks = root.get(w);
            if (tasks == null) {
                continue;
            }
            for (String t : new String[] {taskId, "*"}) {
                JsonNode entry = tasks.get(t);
                if (entry != null && entry.isObject()) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }
}
