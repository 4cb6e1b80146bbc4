package dev.stepline.sfn.runtime.dataflow;

import dev.stepline.sfn.asl.JsonPathExpression;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.asl.ReferencePath;
import tools.jackson.databind.JsonNode;

/**
 * The JSONPath-mode data flow of a state (spec §6.3): selecting with paths, building payload
 * templates, placing results. Pure functions of their arguments; never mutate the inputs.
 */
public final class DataFlow {
    private DataFlow() {
    }

    /**
     * {@code InputPath}/{@code OutputPath}/{@code ItemsPath} and {@code ...Path} values: the node
     * {@code path} selects. A null path (the field written as JSON null) selects {@code {}}. An
     * indefinite path returns the array of matches ({@code []} when none).
     *
     * @param field the field name used in messages (e.g. {@code InputPath})
     * @throws StatesError {@code States.Runtime} when a definite path selects nothing, with AWS's
     *                     Jayway-style text (e.g. {@code Invalid path '$.x' : No results for path: $['x']})
     */
    public static JsonNode select(JsonPathExpression path, Scope scope, String field) throws StatesError {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Evaluates a JSONPath-mode payload template ({@code Parameters}, {@code ItemSelector},
     * {@code ResultSelector}, {@code Credentials}, JSONPath {@code Assign}): literals copied,
     * {@code key.$} members replaced by their path or intrinsic value, key order kept.
     *
     * @throws StatesError {@code States.Runtime} for a missing definite path
     *                     ({@code The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '<compact json>'}),
     *                     {@code States.IntrinsicFailure}/{@code States.Runtime} from intrinsic functions
     */
    public static JsonNode template(Payload payload, Scope scope) throws StatesError {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * {@code ResultPath}: places {@code result} into a deep copy of {@code rawInput} at {@code path}; a
     * null path discards the result (returns {@code rawInput}); {@code $} returns {@code result}.
     *
     * @throws StatesError {@code States.ResultPathMatchFailure} when the path cannot be created in the input
     */
    public static JsonNode placeResult(ReferencePath path, JsonNode rawInput, JsonNode result) throws StatesError {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Reads a reference path (Choice {@code Variable}); returns null when nothing is there. */
    public static JsonNode read(ReferencePath path, Scope scope) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
