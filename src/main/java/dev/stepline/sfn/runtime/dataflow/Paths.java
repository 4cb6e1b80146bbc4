package dev.stepline.sfn.runtime.dataflow;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.Jackson3JsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.Jackson3MappingProvider;
import dev.stepline.sfn.asl.JsonPathExpression;
import dev.stepline.sfn.asl.PathRoot;
import dev.stepline.sfn.asl.ReferencePath;
import java.util.EnumSet;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates paths against a {@link Scope}. General JSONPaths go through Jayway (the dialect AWS
 * uses, so its "definite path must exist" rule and its error texts carry over); reference paths are
 * walked directly.
 */
final class Paths {
    /**
     * No options: a definite path that selects nothing throws, an indefinite one returns an array
     * (empty when nothing matches). The provider works on our own number-preserving nodes.
     */
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new Jackson3JsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new Jackson3MappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(Option.class))
            .build();

    private Paths() {
    }

    /** The outcome of evaluating a path: a value, or Jayway's reason why there is none. */
    sealed interface Lookup {
        /** @param value a fresh copy the caller may keep or mutate */
        record Found(JsonNode value) implements Lookup {
        }

        /** @param reason Jayway's message, e.g. {@code No results for path: $['x']} */
        record Missing(String reason) implements Lookup {
        }
    }

    /**
     * Evaluates {@code path} in {@code scope}.
     *
     * @throws StatesError {@code States.Runtime} when the path names a variable that does not exist
     */
    static Lookup evaluate(JsonPathExpression path, Scope scope) throws StatesError {
        JsonNode root = root(path.root(), path.variableName(), scope);
        if (root == null) {
            throw undefinedVariable(path.variableName(), path.text());
        }
        if (path.relativePath().equals("$")) {
            return new Lookup.Found(root.deepCopy());
        }
        try {
            Object value = JsonPath.using(JAYWAY).parse(root).read(path.relativePath());
            return new Lookup.Found(toNode(value));
        } catch (PathNotFoundException e) {
            return new Lookup.Missing(awsClassNames(e.getMessage()));
        } catch (JsonPathException e) {
            // The parser already compiled the path; what is left are evaluation-time failures such as an
            // aggregate function over non-numbers. Report them like a missing path.
            return new Lookup.Missing(awsClassNames(e.getMessage()));
        }
    }

    /** Reads a reference path; null when nothing is there (including an undefined variable). */
    static JsonNode read(ReferencePath path, Scope scope) {
        JsonNode node = root(path.root(), path.variableName(), scope);
        for (ReferencePath.Step step : path.steps()) {
            if (node == null) {
                return null;
            }
            node = switch (step) {
                case ReferencePath.Field f -> node.isObject() ? node.get(f.name()) : null;
                case ReferencePath.Index i -> node.isArray() ? node.get(i.index()) : null;
            };
        }
        return node;
    }

    static StatesError undefinedVariable(String name, String pathText) {
        return StatesError.runtime("The JSONPath '" + pathText + "' references the variable '" + name
                + "', which is not defined.");
    }

    private static JsonNode root(PathRoot root, String variable, Scope scope) {
        return switch (root) {
            case INPUT -> scope.input();
            case CONTEXT -> scope.context();
            case VARIABLE -> scope.variables().get(variable);
        };
    }

    /** Jayway returns nodes of the document (shared) or plain Java values for functions like {@code length()}. */
    private static JsonNode toNode(Object value) {
        if (value == null) {
            return Json.NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        return Json.MAPPER.valueToTree(value);
    }

    /**
     * Jayway names the provider and node classes in some messages; AWS runs the Jackson 2 provider,
     * so show the names its messages carry rather than ours.
     */
    private static String awsClassNames(String message) {
        if (message == null) {
            return "";
        }
        return message.replace("tools.jackson.databind.node.StringNode", "com.fasterxml.jackson.databind.node.TextNode")
                .replace("tools.jackson.databind.", "com.fasterxml.jackson.databind.")
                .replace("Jackson3JsonNodeJsonProvider", "JacksonJsonNodeJsonProvider");
    }
}
