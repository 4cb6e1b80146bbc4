package dev.stepline.sfn.runtime.dataflow;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Small node helpers shared by the data-flow classes. */
final class Nodes {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Nodes() {
    }

    /** A number node that keeps the literal's form: {@code 1} stays an integer, {@code 1.0} a decimal. */
    static JsonNode number(BigDecimal value) {
        if (value.scale() <= 0) {
            BigInteger integer = value.toBigIntegerExact();
            if (integer.bitLength() < 32) {
                return Json.NODES.numberNode(integer.intValue());
            }
            if (integer.bitLength() < 64) {
                return Json.NODES.numberNode(integer.longValue());
            }
            return Json.NODES.numberNode(integer);
        }
        return Json.NODES.numberNode(value);
    }

    /** A number node for a long, as small as it fits. */
    static JsonNode number(long value) {
        return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
    }

    /**
     * The value of an integer-typed node within long range, else null. Decimal forms such as
     * {@code 1.0} do not count: AWS parses the number's text as a long.
     */
    static Long exactLong(JsonNode node) {
        if (node == null || !node.isIntegralNumber()) {
            return null;
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            return null;
        }
        return value.longValue();
    }

    /** A value as AWS shows it in messages: strings raw, everything else as compact JSON. */
    static String display(JsonNode node) {
        if (node == null) {
            return "null";
        }
        return node.isString() ? node.stringValue() : Json.compact(node);
    }

    /** JSON equality with numbers compared by value ({@code 1} equals {@code 1.0}). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> members = a.properties().iterator();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                JsonNode other = b.get(member.getKey());
                if (other == null || !same(member.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * A text that is equal for two values exactly when {@link #same} holds: numbers by value,
     * object members in sorted order. Used to find duplicates without pairwise comparison.
     */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        canonical(node, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            out.append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (String name : new java.util.TreeSet<>(node.propertyNames())) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(Json.compact(Json.NODES.stringNode(name))).append(':');
                canonical(node.get(name), out);
            }
            out.append('}');
        } else {
            out.append(Json.compact(node));
        }
    }
}
