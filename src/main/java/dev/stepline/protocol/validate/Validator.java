package dev.stepline.protocol.validate;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Checks a decoded request record against the model constraints written on its components as
 * type-use annotations ({@link Required}, {@link Length}, {@link Range}, {@link Pattern},
 * {@link OneOf}), recursing into nested records, lists and maps. Reports every violation, in
 * member order, worded the way AWS words them; each service turns the list into its own error.
 */
public final class Validator {
    private final PathStyle paths;
    private final UnaryOperator<String> wireName;
    private final boolean fullMatch;
    private final Map<String, java.util.regex.Pattern> patterns = new ConcurrentHashMap<>();

    /**
     * @param paths     how nested member paths are written
     * @param wireName  maps a record component name to the member name on the wire
     * @param fullMatch whether a pattern must match the whole value (Smithy services) or just
     *                  be found in it (coral services, whose model patterns are anchored anyway)
     */
    public Validator(PathStyle paths, UnaryOperator<String> wireName, boolean fullMatch) {
        this.paths = requireNonNull(paths, "paths is null");
        this.wireName = requireNonNull(wireName, "wireName is null");
        this.fullMatch = fullMatch;
    }

    public List<Violation> validate(Object request) {
        List<Violation> out = new ArrayList<>();
        if (request != null) {
            checkRecord(request, "", out);
        }
        return out;
    }

    private void checkRecord(Object record, String path, List<Violation> out) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = read(component, record);
            String memberPath = paths.member(path, wireName.apply(component.getName()));
            check(value, component.getAnnotatedType(), memberPath, out);
        }
    }

    private void check(Object value, AnnotatedType type, String path, List<Violation> out) {
        if (value == null) {
            if (type.isAnnotationPresent(Required.class)) {
                out.add(new Violation(path, null, "Member must not be null"));
            }
            return;
        }
        int before = out.size();
        Length length = type.getAnnotation(Length.class);
        if (length != null) {
            long size = sizeOf(value);
            if (size > length.max()) {
                out.add(new Violation(path, value, "Member must have length less than or equal to " + length.max()));
            } else if (size < length.min()) {
                out.add(new Violation(path, value, "Member must have length greater than or equal to " + length.min()));
            }
        }
        Range range = type.getAnnotation(Range.class);
        if (range != null && value instanceof Number number) {
            long n = number.longValue();
            if (n > range.max()) {
                out.add(new Violation(path, value, "Member must have value less than or equal to " + range.max()));
            } else if (n < range.min()) {
                out.add(new Violation(path, value, "Member must have value greater than or equal to " + range.min()));
            }
        }
        OneOf oneOf = type.getAnnotation(OneOf.class);
        if (oneOf != null && out.size() == before && !Arrays.asList(oneOf.value()).contains(value.toString())) {
            out.add(new Violation(path, value,
                    "Member must satisfy enum value set: [" + String.join(", ", oneOf.value()) + "]"));
        }
        Pattern pattern = type.getAnnotation(Pattern.class);
        if (pattern != null && out.size() == before && value instanceof String s && !matches(pattern.value(), s)) {
            out.add(new Violation(path, value, "Member must satisfy regular expression pattern: " + pattern.value()));
        }
        if (value instanceof List<?> list) {
            AnnotatedType element = typeArgument(type, 0);
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), element, paths.element(path, i), out);
            }
        } else if (value instanceof Map<?, ?> map) {
            AnnotatedType keyType = typeArgument(type, 0);
            AnnotatedType valueType = typeArgument(type, 1);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                check(entry.getKey(), keyType, paths.mapValue(path, key), out);
                check(entry.getValue(), valueType, paths.mapValue(path, key), out);
            }
        } else if (value.getClass().isRecord()) {
            checkRecord(value, path, out);
        }
    }

    private boolean matches(String regex, String value) {
        var compiled = patterns.computeIfAbsent(regex, r -> java.util.regex.Pattern.compile(r, java.util.regex.Pattern.DOTALL));
        return fullMatch ? compiled.matcher(value).matches() : compiled.matcher(value).find();
    }

    private static long sizeOf(Object value) {
        if (value instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        return 0;
    }

    private static AnnotatedType typeArgument(AnnotatedType type, int index) {
        if (type instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType[] args = parameterized.getAnnotatedActualTypeArguments();
            if (index < args.length) {
                return args[index];
            }
        }
        return NO_ANNOTATIONS;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** Stands for the type of an element whose declaration carries no annotations. */
    private static final AnnotatedType NO_ANNOTATIONS = Unannotated.class.getRecordComponents()[0].getAnnotatedType();

    private record Unannotated(Object value) {}
}
