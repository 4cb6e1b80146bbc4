package dev.stepline.sfn.asl;

/**
 * The 18 intrinsic functions of JSONPath mode with their arities (spec §6.7; AWS developer guide,
 * "Intrinsic functions for JSONPath states").
 */
public enum IntrinsicFunction {
    FORMAT("States.Format", 1, Integer.MAX_VALUE),
    STRING_TO_JSON("States.StringToJson", 1, 1),
    JSON_TO_STRING("States.JsonToString", 1, 1),
    ARRAY("States.Array", 0, Integer.MAX_VALUE),
    ARRAY_PARTITION("States.ArrayPartition", 2, 2),
    ARRAY_CONTAINS("States.ArrayContains", 2, 2),
    ARRAY_RANGE("States.ArrayRange", 3, 3),
    ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2),
    ARRAY_LENGTH("States.ArrayLength", 1, 1),
    ARRAY_UNIQUE("States.ArrayUnique", 1, 1),
    BASE64_ENCODE("States.Base64Encode", 1, 1),
    BASE64_DECODE("States.Base64Decode", 1, 1),
    HASH("States.Hash", 2, 2),
    JSON_MERGE("States.JsonMerge", 3, 3),
    MATH_RANDOM("States.MathRandom", 2, 3),
    MATH_ADD("States.MathAdd", 2, 2),
    STRING_SPLIT("States.StringSplit", 2, 2),
    UUID("States.UUID", 0, 0);

    private final String functionName;
    private final int minArgs;
    private final int maxArgs;

    IntrinsicFunction(String functionName, int minArgs, int maxArgs) {
        this.functionName = functionName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    /** The name as written, e.g. {@code States.Format}. */
    public String functionName() {
        return functionName;
    }

    public int minArgs() {
        return minArgs;
    }

    /** The maximum number of arguments; {@link Integer#MAX_VALUE} for variadic functions. */
    public int maxArgs() {
        return maxArgs;
    }

    /** True for the functions that return a string, the only ones allowed in Fail's ErrorPath/CausePath. */
    public boolean returnsString() {
        return switch (this) {
            case ARRAY_GET_ITEM, BASE64_ENCODE, BASE64_DECODE, FORMAT, JSON_TO_STRING, HASH, UUID -> true;
            default -> false;
        };
    }

    /** The function with this exact name, or null. */
    public static IntrinsicFunction byName(String name) {
        for (IntrinsicFunction function : values()) {
            if (function.functionName.equals(name)) {
                return function;
            }
        }
        return null;
    }
}
