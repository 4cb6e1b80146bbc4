package dev.stepline.sfn.runtime.dataflow;

import static java.util.Objects.requireNonNull;

import dev.stepline.sfn.asl.JsonataValues;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a JSONata expression of a state can read (spec §6.4): the reserved {@code $states}
 * ({@code input}, {@code context}, and {@code result} or {@code errorOutput} where the field allows them)
 * and the workflow variables visible to the state. {@code $states} is converted to JSONata values once per
 * scope, however many expressions the state evaluates; variables are converted only when an expression
 * reads them.
 */
public final class JsonataScope {
    private final JsonNode input;
    private final JsonNode context;
    private final JsonNode result;
    private final JsonNode errorOutput;
    private final Map<String, JsonNode> variables;
    private Map<String, Object> states;

    public JsonataScope(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        this(input, context, null, null, variables);
    }

    private JsonataScope(JsonNode input, JsonNode context, JsonNode result, JsonNode errorOutput,
                         Map<String, JsonNode> variables) {
        this.input = requireNonNull(input, "input is null");
        this.context = requireNonNull(context, "context is null");
        this.result = result;
        this.errorOutput = errorOutput;
        this.variables = requireNonNull(variables, "variables is null");
    }

    /** The same scope with {@code $states.result} (Task, Parallel and Map {@code Output}/{@code Assign}). */
    public JsonataScope withResult(JsonNode value) {
        return new JsonataScope(input, context, value, null, variables);
    }

    /** The same scope with {@code $states.errorOutput} (a Catcher's {@code Output}/{@code Assign}). */
    public JsonataScope withErrorOutput(JsonNode value) {
        return new JsonataScope(input, context, null, value, variables);
    }

    /** The same scope with another context object (a Map's {@code ItemSelector} sees {@code Map.Item}). */
    public JsonataScope withContext(JsonNode value) {
        return new JsonataScope(input, value, result, errorOutput, variables);
    }

    /** {@code $states.input}. */
    public JsonNode input() {
        return input;
    }

    /** The visible variables by name. */
    public Map<String, JsonNode> variables() {
        return variables;
    }

    /** {@code $states} as a JSONata value. */
    Map<String, Object> states() {
        if (states == null) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("input", JsonataValues.toJava(input));
            map.put("context", JsonataValues.toJava(context));
            if (result != null) {
                map.put("result", JsonataValues.toJava(result));
            }
            if (errorOutput != null) {
                map.put("errorOutput", JsonataValues.toJava(errorOutput));
            }
            states = map;
        }
        return states;
    }
}
