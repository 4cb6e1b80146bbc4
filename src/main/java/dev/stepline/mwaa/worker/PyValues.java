package dev.stepline.mwaa.worker;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Python's view of template values: JSON (params, XComs) becomes {@link PyList}, {@link PyDict},
 * {@link #NONE}, strings, longs, doubles and booleans, and any value renders as Python's
 * {@code str()} would show it ({@code ['a', 'b']}, {@code True}, {@code None}, {@code {'k': 1}}).
 */
final class PyValues {
    private PyValues() {
    }

    /** Python's {@code None}: a value (unlike Java null, which the strict engine treats as undefined), false in tests. */
    static final PyNone NONE = new PyNone();

    static final class PyNone implements com.hubspot.jinjava.util.HasObjectTruthValue {
        private PyNone() {
        }

        @Override
        public boolean getObjectTruthValue() {
            return false;
        }

        @Override
        public String toString() {
            return "None";
        }
    }

    /** A list that shows itself as Python does (also in {@code ~} concatenation and the {@code string} filter). */
    static final class PyList extends ArrayList<Object> {
        PyList(Collection<?> items) {
            super(items);
        }

        @Override
        public String toString() {
            return repr(this);
        }
    }

    /** A dict that shows itself as Python does. */
    static final class PyDict extends LinkedHashMap<String, Object> {
        @Override
        public String toString() {
            return repr(this);
        }
    }

    /** A JSON value as the Python object {@code json.loads} would give. */
    static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(fromJson(item)));
            return new PyList(items);
        }
        PyDict dict = new PyDict();
        node.properties().forEach(e -> dict.put(e.getKey(), fromJson(e.getValue())));
        return dict;
    }

    /** Python's {@code str(value)}. */
    static String str(Object value) {
        return value instanceof CharSequence text ? text.toString() : repr(value);
    }

    /** Python's {@code repr(value)}. */
    static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("None");
            case PyNone none -> out.append("None");
            case CharSequence text -> out.append(quote(text.toString()));
            case Character c -> out.append(quote(c.toString()));
            case Boolean b -> out.append(b ? "True" : "False");
            case Double d -> out.append(floatRepr(d));
            case Float f -> out.append(floatRepr(f.doubleValue()));
            case BigDecimal d -> out.append(floatRepr(d.doubleValue()));
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Short s -> out.append(s);
            case Byte b -> out.append(b);
            case BigInteger i -> out.append(i);
            case Map<?, ?> map -> {
                out.append('{');
                Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
                while (entries.hasNext()) {
                    Map.Entry<?, ?> e = entries.next();
                    append(out, e.getKey());
                    out.append(": ");
                    append(out, e.getValue());
                    if (entries.hasNext()) {
                        out.append(", ");
                    }
                }
                out.append('}');
            }
            case Collection<?> items -> {
                out.append('[');
                Iterator<?> it = items.iterator();
                while (it.hasNext()) {
                    append(out, it.next());
                    if (it.hasNext()) {
                        out.append(", ");
                    }
                }
                out.append(']');
            }
            default -> {
                if (value.getClass().isArray()) {
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < Array.getLength(value); i++) {
                        items.add(Array.get(value, i));
                    }
                    append(out, items);
                } else {
                    out.append(value);
                }
            }
        }
    }

    /** Python's float repr for the common cases: {@code 1.0}, {@code 2.5}, {@code 1e+20}, {@code inf}, {@code nan}. */
    static String floatRepr(double d) {
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
            return new BigDecimal(text).toPlainString();
        }
        String mantissa = text.substring(0, e).replaceAll("\\.0$", "");
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    /** Python's string repr: single quotes unless the text has a single quote and no double quote. */
    static String quote(String text) {
        char q = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(q);
        for (char c : text.toCharArray()) {
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
}
