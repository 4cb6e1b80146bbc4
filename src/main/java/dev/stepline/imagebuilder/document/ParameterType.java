package dev.stepline.imagebuilder.document;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The workflow parameter types (spec §2.2). Values travel on the wire as lists of strings
 * ({@code WorkflowParameterDetail.defaultValue}, {@code WorkflowParameter.value}); inside a
 * running workflow, {@code $.parameters.<name>} is typed: string → string, integer → number,
 * boolean → bool, stringList → array.
 */
public enum ParameterType {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean"),
    STRING_LIST("stringList");

    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The longest value the service accepts for one parameter value. */
    public static final int MAX_VALUE_LENGTH = 1024;

    private final String wireName;

    ParameterType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in documents and on the wire, e.g. {@code stringList}. */
    public String wireName() {
        return wireName;
    }

    /** The exact wire name to its constant. */
    public static Optional<ParameterType> fromWire(String value) {
        for (ParameterType type : values()) {
            if (type.wireName.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks values supplied as strings (a workflow's {@code parameters} in CreateImage): one
     * value for string, integer and boolean, any number for stringList; integers must parse,
     * booleans must be {@code true} or {@code false}; each value at most 1024 characters.
     *
     * @return a problem description, or empty when the values fit
     */
    public Optional<String> checkValues(List<String> values) {
        for (String value : values) {
            if (value == null) {
                return Optional.of("Parameter values must not be null.");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                return Optional.of("Parameter values must be at most " + MAX_VALUE_LENGTH + " characters.");
            }
        }
        if (this == STRING_LIST) {
            return Optional.empty();
        }
        if (values.size() != 1) {
            return Optional.of("A parameter of type " + wireName + " takes exactly one value.");
        }
        String value = values.get(0);
        return switch (this) {
            case INTEGER -> INTEGER_TEXT.matcher(value).matches() && fitsLong(value)
                    ? Optional.empty()
                    : Optional.of("The value '" + value + "' is not an integer.");
            case BOOLEAN -> value.equals("true") || value.equals("false")
                    ? Optional.empty()
                    : Optional.of("The value '" + value + "' is not a boolean; use true or false.");
            default -> Optional.empty();
        };
    }

    /**
     * The typed JSON value for {@code $.parameters.<name>}, from values that passed {@link #checkValues}.
     */
    public JsonNode toJson(List<String> values) {
        return switch (this) {
            case STRING -> NODES.stringNode(values.get(0));
            case INTEGER -> NODES.numberNode(Long.parseLong(values.get(0)));
            case BOOLEAN -> NODES.booleanNode(Boolean.parseBoolean(values.get(0)));
            case STRING_LIST -> {
                ArrayNode array = NODES.arrayNode();
                values.forEach(array::add);
                yield array;
            }
        };
    }

    /**
     * A document's {@code default} as wire strings: boolean {@code true} → {@code ["true"]},
     * integer {@code 5} → {@code ["5"]}, stringList → its elements, string → {@code [s]}.
     *
     * @return empty when the node does not fit this type
     */
    Optional<List<String>> defaultToStrings(JsonNode node) {
        switch (this) {
            case STRING -> {
                return node.isValueNode() && !node.isNull() ? Optional.of(List.of(node.asString())) : Optional.empty();
            }
            case INTEGER -> {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return Optional.of(List.of(Long.toString(node.longValue())));
                }
                if (node.isString() && INTEGER_TEXT.matcher(node.stringValue()).matches()
                        && fitsLong(node.stringValue())) {
                    return Optional.of(List.of(Long.toString(Long.parseLong(node.stringValue()))));
                }
                return Optional.empty();
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return Optional.of(List.of(Boolean.toString(node.booleanValue())));
                }
                if (node.isString() && (node.stringValue().equals("true") || node.stringValue().equals("false"))) {
                    return Optional.of(List.of(node.stringValue()));
                }
                return Optional.empty();
            }
            case STRING_LIST -> {
                if (!node.isArray()) {
                    return Optional.empty();
                }
                List<String> items = new ArrayList<>(node.size());
                for (JsonNode item : node) {
                    if (!item.isValueNode() || item.isNull()) {
                        return Optional.empty();
                    }
                    items.add(item.asString());
                }
                return Optional.of(List.copyOf(items));
            }
            default -> throw new AssertionError(this);
        }
    }

    private static boolean fitsLong(String digits) {
        BigInteger value = new BigInteger(digits);
        return value.bitLength() < 64;
    }
}
