package dev.stepline.mwaa.worker;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One attempt as a worker runs it: the TASK item's payload (see {@code DagDialect}), its rendered
 * operator arguments, its working directory and its log.
 *
 * @param executionId the run's engine execution (where signals for a deferred attempt go)
 * @param payload  the work item's payload
 * @param rendered the operator arguments after templating (template fields rendered, others as written)
 */
record Attempt(String executionId, ObjectNode payload, ObjectNode rendered, Path workDir, AttemptLog log) {

    String id() {
        return payload.get("ti").asString();
    }

    String taskId() {
        return payload.get("taskId").asString();
    }

    String operator() {
        return payload.get("operator").asString();
    }

    String operatorName() {
        String op = operator();
        return op.substring(op.lastIndexOf('.') + 1);
    }

    String account() {
        return payload.get("account").asString();
    }

    String region() {
        return payload.get("region").asString();
    }

    /** A rendered argument, or null when absent. */
    JsonNode arg(String name) {
        JsonNode value = rendered.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** A rendered argument as text (Python {@code str()} of a scalar), or {@code otherwise}. */
    String text(String name, String otherwise) {
        JsonNode value = arg(name);
        return value == null ? otherwise : value.isString() ? value.asString() : value.toString();
    }

    boolean flag(String name, boolean otherwise) {
        JsonNode value = arg(name);
        return value == null ? otherwise : value.asBoolean(otherwise);
    }
}
