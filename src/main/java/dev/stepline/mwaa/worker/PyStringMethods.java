package dev.stepline.mwaa.worker;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python's common {@code str} methods in templates ({@code '{{ params.name.upper() }}'},
 * {@code ds.replace('-', '')}, {@code key.split('/')[-1]}, {@code name.startswith('a')}), which
 * Jinjava would otherwise look up as Java {@link String} methods (none of {@code upper},
 * {@code lower}, {@code startswith}; a regex {@code split}). Methods it does not know are left to the
 * next resolver.
 */
final class PyStringMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String text) || method == null) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result = call(text, method.toString(), args);
        if (result != NOT_HANDLED) {
            context.setPropertyResolved(true);
            return result;
        }
        return null;
    }

    private static final Object NOT_HANDLED = new Object();

    private static Object call(String s, String method, Object[] a) {
        return switch (method + "/" + a.length) {
            case "upper/0" -> s.toUpperCase(Locale.ROOT);
            case "lower/0" -> s.toLowerCase(Locale.ROOT);
            case "strip/0" -> s.strip();
            case "lstrip/0" -> s.stripLeading();
            case "rstrip/0" -> s.stripTrailing();
            case "strip/1" -> rstrip(lstrip(s, str(a[0])), str(a[0]));
            case "lstrip/1" -> lstrip(s, str(a[0]));
            case "rstrip/1" -> rstrip(s, str(a[0]));
            case "title/0" -> title(s);
            case "capitalize/0" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT)
                    + s.substring(1).toLowerCase(Locale.ROOT);
            case "startswith/1" -> s.startsWith(str(a[0]));
            case "endswith/1" -> s.endsWith(str(a[0]));
            case "replace/2" -> s.replace(str(a[0]), str(a[1]));
            case "split/0" -> new PyValues.PyList(s.isBlank() ? List.of() : List.of(s.strip().split("\\s+")));
            case "split/1" -> split(s, str(a[0]), -1);
            case "split/2" -> split(s, str(a[0]), ((Number) a[1]).intValue());
            case "rsplit/1" -> split(s, str(a[0]), -1);
            case "join/1" -> join(s, a[0]);
            case "zfill/1" -> zfill(s, ((Number) a[0]).intValue());
            case "count/1" -> count(s, str(a[0]));
            case "find/1" -> (long) s.indexOf(str(a[0]));
            case "isdigit/0" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            default -> NOT_HANDLED;
        };
    }

    private static String str(Object value) {
        return PyValues.str(value);
    }

    private static PyValues.PyList split(String s, String separator, int maxSplit) {
        List<Object> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((maxSplit < 0 || parts.size() < maxSplit) && !separator.isEmpty() && (at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return new PyValues.PyList(parts);
    }

    private static String join(String separator, Object items) {
        List<String> parts = new ArrayList<>();
        if (items instanceof Iterable<?> iterable) {
            iterable.forEach(item -> parts.add(str(item)));
        } else {
            parts.add(str(items));
        }
        return String.join(separator, parts);
    }

    private static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    private static String rstrip(String s, String chars) {
        int i = s.length();
        while (i > 0 && chars.indexOf(s.charAt(i - 1)) >= 0) {
            i--;
        }
        return s.substring(0, i);
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return out.toString();
    }

    private static String zfill(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        boolean sign = s.startsWith("-") || s.startsWith("+");
        String zeros = "0".repeat(width - s.length());
        return sign ? s.charAt(0) + zeros + s.substring(1) : zeros + s;
    }

    private static long count(String s, String part) {
        if (part.isEmpty()) {
            return s.length() + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read-only: nothing to set
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
