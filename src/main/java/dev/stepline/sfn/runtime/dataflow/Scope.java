package dev.stepline.sfn.runtime.dataflow;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a path or template can read while a state runs: {@code $} (the value being processed —
 * the state input, or the task result for ResultSelector), {@code $$} (the context object) and
 * {@code $name} (workflow variables, visible in this scope).
 *
 * @param input     the value {@code $} refers to
 * @param context   the context object {@code $$}
 * @param variables variable values by name (read-only)
 */
public record Scope(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    public Scope {
        requireNonNull(input, "input is null");
        requireNonNull(context, "context is null");
        requireNonNull(variables, "variables is null");
    }

    /** The same context and variables with {@code $} bound to {@code value}. */
    public Scope withInput(JsonNode value) {
        return new Scope(value, context, variables);
    }
}
