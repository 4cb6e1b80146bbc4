package dev.stepline.sfn.runtime.dataflow;

import dev.stepline.sfn.asl.JsonPathExpression;
import dev.stepline.sfn.asl.PathRoot;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.asl.PayloadTemplate;
import dev.stepline.sfn.asl.ReferencePath;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
        if (path == null) {
            return Json.object();
        }
        return switch (Paths.evaluate(path, scope)) {
            case Paths.Lookup.Found found -> found.value();
            // AWS's text names neither the field nor the input (spec §6.3 steps 2 and 8).
            case Paths.Lookup.Missing missing -> throw invalidPath(path, missing.reason());
        };
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
        return evaluate(payload.template(), scope, null);
    }

    /**
     * {@code ResultPath}: places {@code result} into a deep copy of {@code rawInput} at {@code path}; a
     * null path discards the result (returns {@code rawInput}); {@code $} returns {@code result}.
     *
     * @throws StatesError {@code States.ResultPathMatchFailure} when the path cannot be created in the input
     */
    public static JsonNode placeResult(ReferencePath path, JsonNode rawInput, JsonNode result) throws StatesError {
        if (path == null) {
            return rawInput.deepCopy();
        }
        if (path.root() != PathRoot.INPUT) {
            // The parser rejects these; guard anyway so a bad model cannot write into $$ or a variable.
            throw StatesError.runtime("ResultPath must address the state input ('$'), not '" + path.text() + "'.");
        }
        if (path.steps().isEmpty()) {
            return result.deepCopy();
        }
        JsonNode output = rawInput.deepCopy();
        JsonNode node = output;
        List<ReferencePath.Step> steps = path.steps();
        for (int i = 0; i < steps.size(); i++) {
            boolean last = i == steps.size() - 1;
            ReferencePath.Step step = steps.get(i);
            JsonNode value = last ? result.deepCopy() : null;
            node = switch (step) {
                case ReferencePath.Field f -> {
                    if (!(node instanceof ObjectNode object)) {
                        throw resultPathFailure(path, rawInput);
                    }
                    if (last) {
                        object.set(f.name(), value);
                        yield value;
                    }
                    JsonNode child = object.get(f.name());
                    if (child == null) {
                        // Intermediate objects are created, as AWS does for "$.a.b" on {}.
                        if (steps.get(i + 1) instanceof ReferencePath.Index) {
                            throw resultPathFailure(path, rawInput);
                        }
                        child = object.putObject(f.name());
                    }
                    yield child;
                }
                case ReferencePath.Index index -> {
                    if (!(node instanceof ArrayNode array) || index.index() >= array.size()) {
                        throw resultPathFailure(path, rawInput);
                    }
                    if (last) {
                        array.set(index.index(), value);
                        yield value;
                    }
                    yield array.get(index.index());
                }
            };
        }
        return output;
    }

    /** Reads a reference path (Choice {@code Variable}); returns null when nothing is there. */
    public static JsonNode read(ReferencePath path, Scope scope) {
        JsonNode value = Paths.read(path, scope);
        return value == null ? null : value.deepCopy();
    }

    /**
     * Evaluates one template node. {@code field} is the source key ({@code name.$}) of the member
     * being built, used in messages; null at the top.
     */
    static JsonNode evaluate(PayloadTemplate template, Scope scope, String field) throws StatesError {
        return switch (template) {
            case PayloadTemplate.Literal literal -> literal.value().deepCopy();
            case PayloadTemplate.ObjectTemplate object -> {
                ObjectNode out = Json.object();
                for (PayloadTemplate.ObjectTemplate.Entry entry : object.entries()) {
                    out.set(entry.key(), evaluate(entry.value(), scope, entry.sourceKey()));
                }
                yield out;
            }
            case PayloadTemplate.ArrayTemplate array -> {
                ArrayNode out = Json.NODES.arrayNode();
                for (PayloadTemplate element : array.elements()) {
                    out.add(evaluate(element, scope, field));
                }
                yield out;
            }
            case PayloadTemplate.PathValue value -> fieldPath(value.path(), scope, field);
            case PayloadTemplate.IntrinsicValue value -> Intrinsics.evaluate(value.call(), scope, field);
            case PayloadTemplate.JsonataValue ignored -> throw jsonataUnsupported();
        };
    }

    /**
     * The value of a path given for a named field ({@code key.$}, {@code ErrorPath}, an intrinsic
     * argument), with AWS's "could not be found in the input" text when it selects nothing.
     */
    static JsonNode fieldPath(JsonPathExpression path, Scope scope, String field) throws StatesError {
        return switch (Paths.evaluate(path, scope)) {
            case Paths.Lookup.Found found -> found.value();
            case Paths.Lookup.Missing missing -> throw field == null
                    ? invalidPath(path, missing.reason())
                    : notFoundFor(path, field, scope);
        };
    }

    /** {@code Invalid path '$.x' : No results for path: $['x']} (spec §6.3, aws-snap). */
    static StatesError invalidPath(JsonPathExpression path, String reason) {
        return StatesError.runtime("Invalid path '" + path.text() + "' : " + reason);
    }

    /**
     * {@code The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{...}'}
     * (spec §6.3 step 3 and §6.15). The input shown is the scope's {@code $} even for {@code $$} and
     * variable paths; AWS's text only ever says "the input".
     */
    static StatesError notFoundFor(JsonPathExpression path, String field, Scope scope) {
        return StatesError.runtime("The JSONPath '" + path.text() + "' specified for the field '" + field
                + "' could not be found in the input '" + Json.compact(scope.input()) + "'");
    }

    /** Unreachable for parsed definitions: JSONata fields are evaluated by {@link JsonataEvaluator}. */
    static StatesError jsonataUnsupported() {
        return StatesError.runtime("A JSONata expression cannot be evaluated in a JSONPath field.");
    }

    /**
     * Wording from an AWS execution quoted in aws/aws-cdk issue #29473
     * ({@code Unable to apply ReferencePath $.partitioned to input "..."}): the input is shown as JSON.
     */
    private static StatesError resultPathFailure(ReferencePath path, JsonNode rawInput) {
        return new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath " + path.text() + " to input " + Json.compact(rawInput));
    }
}
