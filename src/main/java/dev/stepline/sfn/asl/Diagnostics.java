package dev.stepline.sfn.asl;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Collects diagnostics while a definition is read, and offers typed field readers that report a
 * wrongly typed field instead of throwing. One instance per parse; not thread-safe.
 */
final class Diagnostics {
    private final List<Diagnostic> list = new ArrayList<>();
    private int errors;

    void error(String code, String message, String location) {
        list.add(Diagnostic.error(code, message, location));
        errors++;
    }

    void schema(String message, String location) {
        error(Diagnostic.Codes.SCHEMA_VALIDATION_FAILED, message, location);
    }

    void warning(String code, String message, String location) {
        list.add(Diagnostic.warning(code, message, location));
    }

    int errorCount() {
        return errors;
    }

    List<Diagnostic> all() {
        return List.copyOf(list);
    }

    List<Diagnostic> warnings() {
        return list.stream().filter(d -> !d.isError()).toList();
    }

    /**
     * Compiles the JSONata expression {@code text} (a {@code {% %}} string) written at {@code location};
     * reports {@code INVALID_JSONATA_EXPRESSION} with the parser's message when it does not parse and
     * {@code UNSUPPORTED_JSONATA_EXPRESSION} for each name it reads from the context item at the top level.
     *
     * @return the expression, or null when reported
     */
    JsonataExpression jsonata(String text, String location) {
        JsonataExpression expression = JsonataExpression.of(text);
        if (expression.syntaxError() != null) {
            error(Diagnostic.Codes.INVALID_JSONATA_EXPRESSION, expression.syntaxError(), location);
            return null;
        }
        for (String name : expression.topLevelReferences()) {
            error(Diagnostic.Codes.UNSUPPORTED_JSONATA_EXPRESSION,
                    "Reference to '" + name + "' at the top level is not supported.", location);
        }
        return expression.topLevelReferences().isEmpty() ? expression : null;
    }

    /** The location of {@code field} inside the object at {@code location}. */
    static String at(String location, String field) {
        return location.equals("/") ? "/" + field : location + "/" + field;
    }

    /** The string value of {@code field}, or null when absent or (reported) not a string. */
    String string(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            schema(Messages.wrongType(field, "a string"), at(location, field));
            return null;
        }
        return value.stringValue();
    }

    /** The boolean value of {@code field}, or null when absent or (reported) not a boolean. */
    Boolean bool(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            schema(Messages.wrongType(field, "a boolean"), at(location, field));
            return null;
        }
        return value.booleanValue();
    }

    /** The object value of {@code field}, or null when absent or (reported) not an object. */
    JsonNode object(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            schema(Messages.wrongType(field, "an object"), at(location, field));
            return null;
        }
        return value;
    }

    /** The array value of {@code field}, or null when absent or (reported) not an array. */
    JsonNode array(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            schema(Messages.wrongType(field, "an array"), at(location, field));
            return null;
        }
        return value;
    }

    /** A string value restricted to {@code allowed}, or null when absent or (reported) invalid. */
    String enumValue(JsonNode node, String field, String location, List<String> allowed) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isString() || !allowed.contains(value.stringValue())) {
            schema(Messages.oneOf(field, allowed), at(location, field));
            return null;
        }
        return value.stringValue();
    }

    /**
     * A non-empty array of strings, or null when absent or (reported) invalid.
     */
    List<String> nonEmptyStrings(JsonNode node, String field, String location) {
        JsonNode value = array(node, field, location);
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            schema(Messages.VALUE_CANNOT_BE_EMPTY, at(location, field));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                schema(Messages.wrongType(field, "an array of strings"), at(location, field));
                return null;
            }
            out.add(element.stringValue());
        }
        return out;
    }

    /** Reports every field of {@code node} not in {@code allowed}, in document order, at {@code location}. */
    void rejectUnknown(JsonNode node, java.util.Set<String> allowed, String location) {
        for (String field : node.propertyNames()) {
            if (!allowed.contains(field)) {
                schema(Messages.notSupported(field), location);
            }
        }
    }

    /** Reports missing required fields (in the order given) with one diagnostic; true when all present. */
    boolean requireAll(JsonNode node, List<String> fields, String location) {
        List<String> missing = fields.stream().filter(f -> !node.has(f)).toList();
        if (!missing.isEmpty()) {
            schema(Messages.required(missing), location);
            return false;
        }
        return true;
    }
}
