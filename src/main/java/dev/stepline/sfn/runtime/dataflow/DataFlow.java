package dev.stepline.sfn.runtime.dataflow;

import dev.stepline.sfn.asl.JsonPathExpression;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.asl.PayloadTemplate;
import dev.stepline.sfn.asl.ReferencePath;
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
        // TEMPORARY (asl branch): definite dotted paths only; the dataflow branch replaces this.
        if (path == null) {
            return Json.object();
        }
        JsonNode found = tempWalk(path, scope);
        if (found == null) {
            throw StatesError.runtime("Invalid path '" + path.text() + "' : No results for path: " + path.relativePath());
        }
        return found;
    }

    // TEMPORARY (asl branch)
    private static JsonNode tempWalk(JsonPathExpression path, Scope scope) {
        JsonNode node = switch (path.root()) {
            case INPUT -> scope.input();
            case CONTEXT -> scope.context();
            case VARIABLE -> scope.variables().get(path.variableName());
        };
        String rest = path.relativePath().substring(1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(".")) {
                throw new UnsupportedOperationException("TEMPORARY select supports $.a.b only: " + path.text());
            }
            for (String part : rest.substring(1).split("\\.")) {
                if (node == null || !node.isObject()) {
                    return null;
                }
                node = node.get(part);
            }
        }
        return node;
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
        // TEMPORARY (asl branch): literals and simple .$ paths only; the dataflow branch replaces this.
        return tempTemplate(payload.template(), scope);
    }

    // TEMPORARY (asl branch)
    private static JsonNode tempTemplate(PayloadTemplate template, Scope scope) throws StatesError {
        switch (template) {
            case PayloadTemplate.Literal literal -> {
                return literal.value().deepCopy();
            }
            case PayloadTemplate.ObjectTemplate object -> {
                ObjectNode out = Json.object();
                for (PayloadTemplate.ObjectTemplate.Entry entry : object.entries()) {
                    if (entry.value() instanceof PayloadTemplate.PathValue pathValue) {
                        JsonNode value = tempWalk(pathValue.path(), scope);
                        if (value == null) {
                            throw StatesError.runtime("The JSONPath '" + pathValue.path().text()
                                    + "' specified for the field '" + entry.sourceKey()
                                    + "' could not be found in the input '" + Json.compact(scope.input()) + "'");
                        }
                        out.set(entry.key(), value.deepCopy());
                    } else {
                        out.set(entry.key(), tempTemplate(entry.value(), scope));
                    }
                }
                return out;
            }
            case PayloadTemplate.ArrayTemplate array -> {
                ArrayNode out = Json.NODES.arrayNode();
                for (PayloadTemplate element : array.elements()) {
                    out.add(tempTemplate(element, scope));
                }
                return out;
            }
            case PayloadTemplate.PathValue pathValue -> {
                JsonNode value = tempWalk(pathValue.path(), scope);
                if (value == null) {
                    throw StatesError.runtime("The JSONPath '" + pathValue.path().text() + "' could not be found");
                }
                return value.deepCopy();
            }
            default -> throw new UnsupportedOperationException("TEMPORARY template: " + template);
        }
    }

    /**
     * {@code ResultPath}: places {@code result} into a deep copy of {@code rawInput} at {@code path}; a
     * null path discards the result (returns {@code rawInput}); {@code $} returns {@code result}.
     *
     * @throws StatesError {@code States.ResultPathMatchFailure} when the path cannot be created in the input
     */
    public static JsonNode placeResult(ReferencePath path, JsonNode rawInput, JsonNode result) throws StatesError {
        // TEMPORARY (asl branch): null, $ and $.a.b only; the dataflow branch replaces this.
        if (path == null) {
            return rawInput;
        }
        if (path.isRoot()) {
            return result;
        }
        if (!rawInput.isObject()) {
            throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, "Unable to apply ReferencePath "
                    + path.text() + " to input " + Json.compact(rawInput));
        }
        ObjectNode root = (ObjectNode) rawInput.deepCopy();
        ObjectNode node = root;
        for (int i = 0; i < path.steps().size(); i++) {
            String name = ((ReferencePath.Field) path.steps().get(i)).name();
            if (i == path.steps().size() - 1) {
                node.set(name, result);
            } else {
                JsonNode next = node.get(name);
                if (next == null || !next.isObject()) {
                    next = Json.object();
                    node.set(name, next);
                }
                node = (ObjectNode) next;
            }
        }
        return root;
    }

    /** Reads a reference path (Choice {@code Variable}); returns null when nothing is there. */
    public static JsonNode read(ReferencePath path, Scope scope) {
        // TEMPORARY (asl branch): field steps only; the dataflow branch replaces this.
        JsonNode node = switch (path.root()) {
            case INPUT -> scope.input();
            case CONTEXT -> scope.context();
            case VARIABLE -> scope.variables().get(path.variableName());
        };
        for (ReferencePath.Step step : path.steps()) {
            if (node == null) {
                return null;
            }
            node = step instanceof ReferencePath.Field field ? node.get(field.name())
                    : node.get(((ReferencePath.Index) step).index());
        }
        return node;
    }
}
