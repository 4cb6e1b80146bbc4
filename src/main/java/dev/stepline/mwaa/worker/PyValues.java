package dev.stepline.mwaa.worker;

import java.lang.reflect.Array;
import dev.stepline.mwaa.dag.PyRepr;
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

    /** Python's float repr. */
    static String floatRepr(double d) {
        return PyRepr.pythonFloat(d);
    }

    /** Python's string repr. */
    static String quote(String text) {
        return PyRepr.quote(text);
    }
}
