package dev.stepline.sfn.asl;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between the Jackson trees the runtime keeps and the plain Java values jsonata-java works
 * on ({@code Map}, {@code List}, {@code Number}, {@code String}, {@code Boolean},
 * {@link Jsonata#NULL_VALUE} for JSON null; Java null means "undefined").
 *
 * <p>Number policy (STACK.md §1.2): JSONata follows JavaScript doubles, so integers go in as
 * {@code Long} and fractions as {@code Double}; a result that is a whole number within ±2^53 comes back
 * as an integer ({@code 1.5 * 2} gives {@code 3}, as AWS shows), anything else as a double.
 */
public final class JsonataValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final double SAFE_INTEGER = 9_007_199_254_740_992d;

    private JsonataValues() {
    }

    /** A Jackson value as a JSONata input value (never Java null). */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                map.put(member.getKey(), toJava(member.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toJava(element));
            }
            return list;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            BigDecimal decimal = node.decimalValue();
            if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
                // 1.0 written in the input is the number 1 for JSONata, as in JavaScript
                try {
                    return decimal.longValueExact();
                } catch (ArithmeticException e) {
                    return decimal.doubleValue();
                }
            }
            return node.doubleValue();
        }
        return node.asString();
    }

    /**
     * A JSONata result as a Jackson value.
     *
     * @return the value, or null when the result is undefined
     * @throws IllegalArgumentException when the result contains a function or a number JSON cannot hold;
     *                                  the message names what was found
     */
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                JsonNode member = toJson(entry.getValue());
                if (member != null) {
                    object.set(String.valueOf(entry.getKey()), member);
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                JsonNode item = toJson(element);
                if (item != null) {
                    array.add(item);
                }
            }
            return array;
        }
        if (value instanceof String text) {
            return NODES.stringNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (Utils.isFunction(value) || value instanceof Jsonata.JFunction) {
            throw new IllegalArgumentException("a function");
        }
        return NODES.stringNode(String.valueOf(value));
    }

    /** The JSONata type name of a result, as used in type-mismatch messages ({@code number}, {@code array}, ...). */
    public static String typeName(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "null";
    }

    private static JsonNode number(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return NODES.numberNode(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (number instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("a number that is not finite (" + d + ")");
        }
        if (d == Math.rint(d) && Math.abs(d) <= SAFE_INTEGER) {
            return NODES.numberNode((long) d);
        }
        return NODES.numberNode(d);
    }
}
