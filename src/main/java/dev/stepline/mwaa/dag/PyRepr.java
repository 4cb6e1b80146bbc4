package dev.stepline.mwaa.dag;

import java.math.BigDecimal;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Renders JSON trees the way Python's {@code repr()} / {@code str()} show the equivalent
 * objects, for error messages that quote user values exactly as Airflow does.
 */
public final class PyRepr {
    private PyRepr() {
    }

    /** {@code repr(value)}: strings quoted, {@code True}/{@code None}, dicts as {@code {'k': v}}. */
    static String repr(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node, true);
        return out.toString();
    }

    /** {@code str(value)}: like {@link #repr} except that a top-level string is not quoted. */
    static String str(JsonNode node) {
        if (node != null && node.isString()) {
            return node.asString();
        }
        return repr(node);
    }

    /** Python's type name of the value: {@code str}, {@code int}, {@code float}, {@code bool}, ... */
    static String typeName(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "NoneType";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isNumber()) {
            return "float";
        }
        if (node.isString()) {
            return "str";
        }
        if (node.isArray()) {
            return "list";
        }
        if (node.isObject()) {
            return "dict";
        }
        return "object";
    }

    /** {@code 'text'} with Python's preferred quote choice and escapes. */
    public static String quote(String text) {
        char q = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(q);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == q) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(q).toString();
    }

    private static void append(StringBuilder out, JsonNode node, boolean quoteStrings) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("None");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "True" : "False");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(pythonFloat(node.doubleValue()));
        } else if (node.isString()) {
            out.append(quoteStrings ? quote(node.asString()) : node.asString());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(out, node.get(i), true);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(quote(e.getKey())).append(": ");
                append(out, e.getValue(), true);
            }
            out.append('}');
        } else {
            out.append(node);
        }
    }

    /** Python's float repr: {@code 1.0}, {@code 2.5}, {@code 1e+20}, {@code inf}, {@code nan}. */
    public static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return BigDecimal.valueOf(d).setScale(1).toPlainString();
        }
        String text = Double.toString(d);
        int e = text.indexOf('E');
        if (e < 0) {
            return text;
        }
        int exponent = Integer.parseInt(text.substring(e + 1));
        if (exponent >= -4 && exponent < 16) {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        }
        String mantissa = text.substring(0, e).replaceAll("\\.0$", "");
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}
