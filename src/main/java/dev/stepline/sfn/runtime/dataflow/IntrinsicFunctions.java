package dev.stepline.sfn.runtime.dataflow;

import dev.stepline.sfn.asl.IntrinsicCall;
import dev.stepline.sfn.asl.IntrinsicFunction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The 18 intrinsic functions applied to already-resolved argument values (spec §6.7, §7 limits). */
final class IntrinsicFunctions {
    /** {@code States.ArrayRange} may produce at most this many elements (spec §7). */
    static final int MAX_RANGE_ELEMENTS = 1000;
    /** {@code States.Hash} and {@code States.Base64*} accept at most this many characters (spec §7). */
    static final int MAX_INPUT_CHARS = 10_000;
    private static final List<String> HASH_ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private IntrinsicFunctions() {
    }

    static JsonNode apply(IntrinsicCall call, List<JsonNode> args) throws StatesError {
        IntrinsicFunction fn = call.function();
        return switch (fn) {
            case FORMAT -> format(call, args);
            case STRING_TO_JSON -> stringToJson(fn, args);
            case JSON_TO_STRING -> Json.NODES.stringNode(Json.compact(args.get(0)));
            case ARRAY -> {
                ArrayNode out = Json.NODES.arrayNode();
                args.forEach(out::add);
                yield out;
            }
            case ARRAY_PARTITION -> partition(fn, args);
            case ARRAY_CONTAINS -> {
                JsonNode wanted = args.get(1);
                boolean found = false;
                for (JsonNode element : array(fn, args, 0)) {
                    found |= Nodes.same(element, wanted);
                }
                yield Json.NODES.booleanNode(found);
            }
            case ARRAY_RANGE -> range(fn, args);
            case ARRAY_GET_ITEM -> {
                ArrayNode array = array(fn, args, 0);
                long index = integer(fn, args, 1, "index");
                if (index < 0 || index >= array.size()) {
                    throw failure(fn, "index " + index + " is out of bounds for an array of length " + array.size());
                }
                yield array.get((int) index);
            }
            case ARRAY_LENGTH -> Json.NODES.numberNode(array(fn, args, 0).size());
            case ARRAY_UNIQUE -> {
                ArrayNode out = Json.NODES.arrayNode();
                Set<String> seen = new HashSet<>();
                for (JsonNode element : array(fn, args, 0)) {
                    if (seen.add(Nodes.canonical(element))) {
                        out.add(element);
                    }
                }
                yield out;
            }
            case BASE64_ENCODE -> Json.NODES.stringNode(Base64.getEncoder()
                    .encodeToString(limited(fn, args, 0).getBytes(StandardCharsets.UTF_8)));
            case BASE64_DECODE -> base64Decode(fn, args);
            case HASH -> hash(fn, args);
            case JSON_MERGE -> merge(fn, args);
            case MATH_RANDOM -> random(fn, args);
            case MATH_ADD -> {
                long sum = rounded(fn, args, 0, "first") + rounded(fn, args, 1, "second");
                yield Nodes.number(sum);
            }
            case STRING_SPLIT -> split(fn, args);
            case UUID -> Json.NODES.stringNode(UUID.randomUUID().toString());
        };
    }

    /**
     * {@code {}} placeholders are filled in order; strings go in raw, other values as compact JSON.
     * A literal template is read from its raw text so that an escaped {@code \{\}} is not a placeholder.
     */
    private static JsonNode format(IntrinsicCall call, List<JsonNode> args) throws StatesError {
        IntrinsicFunction fn = call.function();
        boolean literal = call.arguments().get(0) instanceof IntrinsicCall.StringArg;
        String template = literal
                ? ((IntrinsicCall.StringArg) call.arguments().get(0)).raw()
                : string(fn, args, 0, "template");
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (literal && c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw placeholderMismatch(fn, template, literal, args.size() - 1);
                }
                out.append(Nodes.display(args.get(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw placeholderMismatch(fn, template, literal, args.size() - 1);
        }
        return Json.NODES.stringNode(out.toString());
    }

    private static StatesError placeholderMismatch(IntrinsicFunction fn, String template, boolean literal,
                                                   int values) {
        int placeholders = 0;
        for (int i = 0; i + 1 < template.length(); i++) {
            if (literal && template.charAt(i) == '\\') {
                i++;
            } else if (template.charAt(i) == '{' && template.charAt(i + 1) == '}') {
                placeholders++;
                i++;
            }
        }
        return failure(fn, "the template has " + placeholders + " placeholder(s) but " + values
                + " value(s) were given");
    }

    private static JsonNode stringToJson(IntrinsicFunction fn, List<JsonNode> args) throws StatesError {
        String text = string(fn, args, 0, "argument");
        try {
            JsonNode parsed = Json.parse(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw failure(fn, "the argument is not a JSON text: '" + text + "'");
            }
            return parsed;
        } catch (JacksonException e) {
            throw failure(fn, "the argument is not a JSON text: '" + text + "'");
        }
    }

    private static JsonNode partition(IntrinsicFunction fn, List<JsonNode> args) throws StatesError {
        ArrayNode array = array(fn, args, 0);
        long size = integer(fn, args, 1, "chunk size");
        if (size <= 0) {
            throw failure(fn, "the chunk size must be a positive integer, but was " + size);
        }
        ArrayNode out = Json.NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = out.addArray();
            }
            chunk.add(array.get(i));
        }
        return out;
    }

    /** Start and end inclusive; an empty array when the step points away from the end. */
    private static JsonNode range(IntrinsicFunction fn, List<JsonNode> args) throws StatesError {
        long start = integer(fn, args, 0, "start");
        long end = integer(fn, args, 1, "end");
        long step = integer(fn, args, 2, "step");
        if (step == 0) {
            throw failure(fn, "the step must not be 0");
        }
        BigDecimal steps = BigDecimal.valueOf(end).subtract(BigDecimal.valueOf(start))
                .divide(BigDecimal.valueOf(step), 0, RoundingMode.FLOOR);
        long count = steps.signum() < 0 ? 0 : steps.longValue() + 1;
        if (steps.compareTo(BigDecimal.valueOf(MAX_RANGE_ELEMENTS)) >= 0) {
            throw failure(fn, "the range would have more than " + MAX_RANGE_ELEMENTS + " elements");
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (long i = 0; i < count; i++) {
            out.add(Nodes.number(start + i * step));
        }
        return out;
    }

    private static JsonNode base64Decode(IntrinsicFunction fn, List<JsonNode> args) throws StatesError {
        String text = limited(fn, args, 0);
        try {
            return Json.NODES.stringNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw failure(fn, "the argument is not valid Base64: '" + text + "'");
        }
    }

    /** Non-string data is hashed as its compact JSON text. */
    private static JsonNode hash(IntrinsicFunction fn, List<JsonNode> args) throws StatesError {
        JsonNode data = args.get(0);
        if (data.isNull()) {
            throw failure(fn, "the data to hash must not be null");
        }
        String text = Nodes.display(data);
        if (text.length() > MAX_INPUT_CHARS) {
            throw tooLong(fn);
        }
        String algorithm = string(fn, args, 1, "algorithm");
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw failure(fn, "the algorithm '" + algorithm + "' is not supported; use one of "
                    + String.join(", ", HASH_ALGORITHMS));
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return Json.NODES.stringNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    /** Shallow merge only: members of the second object replace those of the first, in place. */
    private static JsonNode merge(IntrinsicFunction fn, List<JsonNode> args) throws StatesError {
        ObjectNode first = object(fn, args, 0);
        ObjectNode second = object(fn, args, 1);
        JsonNode deep = args.get(2);
        if (!deep.isBoolean()) {
            throw failure(fn, "the third argument must be a boolean, but was " + type(deep));
        }
        if (deep.booleanValue()) {
            throw failure(fn, "only a shallow merge is supported: the third argument must be false");
        }
        ObjectNode out = first.deepCopy();
        second.properties().forEach(member -> out.set(member.getKey(), member.getValue()));
        return out;
    }

    /**
     * A random integer between start and end, both inclusive (the AWS guide's example draws "between
     * 1 and 999"; inclusivity of the end is unverified). Non-integers are rounded first; a seed makes
     * the result repeatable.
     */
    private static JsonNode random(IntrinsicFunction fn, List<JsonNode> args) throws StatesError {
        long start = rounded(fn, args, 0, "start");
        long end = rounded(fn, args, 1, "end");
        if (start > end) {
            throw failure(fn, "the start " + start + " is greater than the end " + end);
        }
        long bound = end - start + 1;
        long value = args.size() > 2
                ? new Random(rounded(fn, args, 2, "seed")).nextLong(bound)
                : ThreadLocalRandom.current().nextLong(bound);
        return Nodes.number(start + value);
    }

    /** Every character of the second argument separates tokens; empty tokens are dropped. */
    private static JsonNode split(IntrinsicFunction fn, List<JsonNode> args) throws StatesError {
        String text = string(fn, args, 0, "first argument");
        String delimiters = string(fn, args, 1, "delimiter");
        Set<Integer> separators = new HashSet<>();
        delimiters.codePoints().forEach(separators::add);
        ArrayNode out = Json.NODES.arrayNode();
        StringBuilder token = new StringBuilder();
        for (int cp : text.codePoints().toArray()) {
            if (separators.contains(cp)) {
                if (!token.isEmpty()) {
                    out.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.appendCodePoint(cp);
            }
        }
        if (!token.isEmpty()) {
            out.add(token.toString());
        }
        return out;
    }

    // --- argument access ------------------------------------------------------------------------

    private static ArrayNode array(IntrinsicFunction fn, List<JsonNode> args, int index) throws StatesError {
        if (args.get(index) instanceof ArrayNode array) {
            return array;
        }
        throw failure(fn, "argument " + (index + 1) + " must be an array, but was " + type(args.get(index)));
    }

    private static ObjectNode object(IntrinsicFunction fn, List<JsonNode> args, int index) throws StatesError {
        if (args.get(index) instanceof ObjectNode object) {
            return object;
        }
        throw failure(fn, "argument " + (index + 1) + " must be an object, but was " + type(args.get(index)));
    }

    private static String string(IntrinsicFunction fn, List<JsonNode> args, int index, String what)
            throws StatesError {
        JsonNode node = args.get(index);
        if (!node.isString()) {
            throw failure(fn, "the " + what + " must be a string, but was " + type(node));
        }
        return node.stringValue();
    }

    private static String limited(IntrinsicFunction fn, List<JsonNode> args, int index) throws StatesError {
        String text = string(fn, args, index, "argument");
        if (text.length() > MAX_INPUT_CHARS) {
            throw tooLong(fn);
        }
        return text;
    }

    /** An integer argument; integral decimals such as {@code 2.0} are accepted. */
    private static long integer(IntrinsicFunction fn, List<JsonNode> args, int index, String what)
            throws StatesError {
        JsonNode node = args.get(index);
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            try {
                return value.stripTrailingZeros().longValueExact();
            } catch (ArithmeticException e) {
                // falls through to the failure below
            }
        }
        throw failure(fn, "the " + what + " must be an integer, but was " + Nodes.display(node));
    }

    /**
     * A number rounded to the nearest integer as Java's {@code Math.round} does (halves up), within
     * the 32-bit range the AWS guide gives for the math functions.
     */
    private static long rounded(IntrinsicFunction fn, List<JsonNode> args, int index, String what)
            throws StatesError {
        JsonNode node = args.get(index);
        if (!node.isNumber()) {
            throw failure(fn, "the " + what + " argument must be a number, but was " + type(node));
        }
        BigDecimal value = node.decimalValue().add(HALF).setScale(0, RoundingMode.FLOOR);
        if (value.compareTo(INT_MIN) < 0 || value.compareTo(INT_MAX) > 0) {
            throw failure(fn, "the " + what + " argument " + Nodes.display(node)
                    + " is outside the range of a 32-bit integer");
        }
        return value.longValue();
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static StatesError tooLong(IntrinsicFunction fn) {
        return failure(fn, "the input string is longer than " + MAX_INPUT_CHARS + " characters");
    }

    private static StatesError failure(IntrinsicFunction fn, String reason) {
        return new StatesError(StatesError.INTRINSIC_FAILURE, "Invalid arguments in " + fn.functionName() + ": "
                + reason);
    }
}
