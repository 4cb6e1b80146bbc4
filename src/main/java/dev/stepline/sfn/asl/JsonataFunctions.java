package dev.stepline.sfn.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The functions Step Functions adds to JSONata (spec §6.4): {@code $partition}, {@code $range},
 * {@code $hash}, {@code $random}, {@code $uuid}, {@code $parse}; and {@code $eval} removed ("all
 * built-ins except $eval"). Installed on every compiled expression before it is shared.
 *
 * <p>Failures throw {@link IllegalArgumentException}; the runtime reports its message as the cause of a
 * {@code States.QueryEvaluationError}.
 */
final class JsonataFunctions {
    /** Like {@code States.ArrayRange} (spec §7). */
    static final int MAX_RANGE_ELEMENTS = 1000;
    static final List<String> HASH_ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    private static final JsonMapper PARSER = JsonMapper.builder().build();

    private JsonataFunctions() {
    }

    static Jsonata install(Jsonata expression) {
        expression.setOutputConvertNulls(false);
        expression.registerFunction("partition", Jsonata.function("partition",
                (Jsonata.Fn2<Object, Object, Object>) JsonataFunctions::partition, null));
        expression.registerFunction("range", Jsonata.function("range",
                (Jsonata.Fn3<Object, Object, Object, Object>) JsonataFunctions::range, null));
        expression.registerFunction("hash", Jsonata.function("hash",
                (Jsonata.Fn2<Object, Object, Object>) JsonataFunctions::hash, null));
        expression.registerFunction("random", Jsonata.function("random",
                (Jsonata.FnVarArgs<Object>) JsonataFunctions::random, null));
        expression.registerFunction("uuid", Jsonata.function("uuid",
                (Jsonata.Fn0<Object>) () -> UUID.randomUUID().toString(), null));
        expression.registerFunction("parse", Jsonata.function("parse",
                (Jsonata.Fn1<Object, Object>) JsonataFunctions::parse, null));
        expression.registerFunction("eval", Jsonata.function("eval",
                (Jsonata.FnVarArgs<Object>) args -> {
                    throw new JException("T1006", 0);
                }, null));
        return expression;
    }

    /** {@code $partition(array, size)}: chunks of {@code size}, the last one possibly shorter. */
    static Object partition(Object array, Object size) {
        List<?> list = array(array, "partition");
        long chunk = integer(size, "partition", "size");
        if (chunk <= 0) {
            throw new IllegalArgumentException("The $partition function's size must be a positive integer.");
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += (int) chunk) {
            out.add(new ArrayList<>(list.subList(i, (int) Math.min(list.size(), i + chunk))));
        }
        return out;
    }

    /**
     * {@code $range(start, end, step)}: end inclusive; a JSONata sequence, so a single element collapses
     * to itself ({@code $range(1, 9, 9)} is {@code 1} on AWS, spec §6.4).
     */
    static Object range(Object start, Object end, Object step) {
        long from = integer(start, "range", "start");
        long to = integer(end, "range", "end");
        long by = integer(step, "range", "step");
        if (by == 0) {
            throw new IllegalArgumentException("The $range function's step must not be 0.");
        }
        List<Object> out = Utils.createSequence();
        for (long i = from; by > 0 ? i <= to : i >= to; i += by) {
            if (out.size() == MAX_RANGE_ELEMENTS) {
                throw new IllegalArgumentException("The $range function can produce at most "
                        + MAX_RANGE_ELEMENTS + " elements.");
            }
            out.add(i);
        }
        return out;
    }

    /** {@code $hash(value, algorithm)}: lowercase hex digest of the string's UTF-8 bytes. */
    static Object hash(Object value, Object algorithm) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("The $hash function's value must be a string.");
        }
        if (!(algorithm instanceof String name) || !HASH_ALGORITHMS.contains(name)) {
            throw new IllegalArgumentException("The $hash function's algorithm must be one of "
                    + String.join(", ", HASH_ALGORITHMS) + ".");
        }
        try {
            byte[] digest = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + name, e);
        }
    }

    /** {@code $random()} / {@code $random(seed)}: a number in [0, 1); the seeded form is deterministic. */
    static Object random(List<?> args) {
        if (args.isEmpty() || args.get(0) == null) {
            return ThreadLocalRandom.current().nextDouble();
        }
        if (args.size() > 1) {
            throw new IllegalArgumentException("The $random function takes at most one argument.");
        }
        return new Random(integer(args.get(0), "random", "seed")).nextDouble();
    }

    /** {@code $parse(json)}: the JSON value of a string. */
    static Object parse(Object text) {
        if (!(text instanceof String json)) {
            throw new IllegalArgumentException("The $parse function's argument must be a string.");
        }
        try {
            return JsonataValues.toJava(PARSER.readTree(json));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The $parse function's argument is not valid JSON: " + json);
        }
    }

    private static List<?> array(Object value, String function) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("The $" + function + " function's first argument must be an array.");
    }

    private static long integer(Object value, String function, String what) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return (long) d;
            }
        }
        throw new IllegalArgumentException("The $" + function + " function's " + what + " must be an integer.");
    }
}
