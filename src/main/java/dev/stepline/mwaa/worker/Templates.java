package dev.stepline.mwaa.worker;

import static java.util.Objects.requireNonNull;

import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.dag.TaskDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Airflow templating (spec §2.4): only an operator's {@code template_fields} are rendered — with
 * Python's jinja2 through {@link PythonHelper} — recursively through lists and mappings. Operators
 * without a known field list (the mocked ones) have every argument rendered.
 */
public final class Templates {
    /** {@code template_fields} of the operators Stepline runs (Airflow 3 / Amazon provider 9.x). */
    static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("BashOperator", Set.of("bash_command", "env", "cwd")),
            Map.entry("PythonOperator", Set.of("templates_dict", "op_args", "op_kwargs")),
            Map.entry("EmptyOperator", Set.of()),
            Map.entry("S3CreateObjectOperator", Set.of("s3_bucket", "s3_key", "data")),
            Map.entry("S3ListOperator", Set.of("bucket", "prefix", "delimiter")),
            Map.entry("S3KeySensor", Set.of("bucket_key", "bucket_name")),
            Map.entry("S3DeleteObjectsOperator", Set.of("keys", "bucket", "prefix")),
            Map.entry("S3CopyObjectOperator", Set.of("source_bucket_key", "dest_bucket_key", "source_bucket_name",
                    "dest_bucket_name")),
            Map.entry("S3CreateBucketOperator", Set.of("bucket_name")),
            Map.entry("S3DeleteBucketOperator", Set.of("bucket_name")),
            Map.entry("StepFunctionStartExecutionOperator", Set.of("state_machine_arn", "name", "state_machine_input", "input")),
            Map.entry("StepFunctionGetExecutionOutputOperator", Set.of("execution_arn")),
            Map.entry("StepFunctionExecutionSensor", Set.of("execution_arn")));

    private final PythonHelper python;

    public Templates(PythonHelper python) {
        this.python = requireNonNull(python, "python is null");
    }

    /** The template fields of an operator (by class simple name); null means every argument. */
    static Set<String> fields(String operatorName) {
        return FIELDS.get(operatorName);
    }

    /**
     * A Jinja syntax error anywhere in the definition's template fields, or null: checked when a run
     * starts, so such a run fails before any task runs (spec §2.4).
     */
    public String compileError(DagDefinition dag) {
        List<String> texts = new ArrayList<>();
        for (TaskDefinition task : dag.tasks().values()) {
            Set<String> fields = fields(task.operatorName());
            task.arguments().properties().forEach(e -> {
                if (fields == null || fields.contains(e.getKey())) {
                    collect(e.getValue(), texts);
                }
            });
        }
        return texts.isEmpty() ? null : python.compileError(texts);
    }

    /** The attempt's arguments with template fields rendered, or the helper's error text. */
    Rendered render(ObjectNode payload, ProcessRegistry registry) throws IOException, InterruptedException {
        ObjectNode args = (ObjectNode) payload.get("args");
        String operator = payload.get("operator").asString();
        Set<String> fields = fields(operator.substring(operator.lastIndexOf('.') + 1));
        ObjectNode templated = JsonNodeFactory.instance.objectNode();
        args.properties().forEach(e -> {
            if ((fields == null || fields.contains(e.getKey())) && hasTemplate(e.getValue())) {
                templated.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode rendered = args.deepCopy();
        if (templated.isEmpty()) {
            return new Rendered(rendered, null);
        }
        ObjectNode answer = python.call("render", request(payload, templated), line -> { }, registry,
                payload.get("ti").asString());
        if (answer.path("error").isString()) {
            return new Rendered(null, answer.get("error").asString());
        }
        answer.get("rendered").properties().forEach(e -> rendered.set(e.getKey(), e.getValue()));
        return new Rendered(rendered, null);
    }

    /** Rendered arguments, or the rendering error. */
    record Rendered(ObjectNode args, String error) {
    }

    /** A helper request: the fields and the template context of the attempt. */
    static ObjectNode request(ObjectNode payload, ObjectNode fields) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.set("fields", fields);
        ObjectNode context = request.putObject("context");
        for (String key : List.of("logicalDateMs", "params", "xcoms", "taskId", "attempt")) {
            if (payload.has(key)) {
                context.set(key, payload.get(key));
            }
        }
        return request;
    }

    private static boolean hasTemplate(JsonNode value) {
        if (value.isString()) {
            String s = value.asString();
            return s.contains("{{") || s.contains("{%") || s.contains("{#");
        }
        if (value.isContainer()) {
            for (JsonNode child : value.isObject() ? value.values() : value) {
                if (hasTemplate(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collect(JsonNode value, List<String> out) {
        if (value.isString()) {
            out.add(value.asString());
        } else if (value.isContainer()) {
            (value.isObject() ? value.values() : value).forEach(child -> collect(child, out));
        }
    }
}
