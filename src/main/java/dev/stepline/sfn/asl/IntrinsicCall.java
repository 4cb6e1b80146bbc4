package dev.stepline.sfn.asl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A parsed intrinsic function call such as {@code States.Format('Hello {}', $.name)}.
 *
 * @param function  the function called
 * @param arguments its arguments in order
 * @param text      the call exactly as written
 */
public record IntrinsicCall(IntrinsicFunction function, List<Argument> arguments, String text) {

    /** One argument of an intrinsic call. */
    public sealed interface Argument permits StringArg, NumberArg, BooleanArg, NullArg, PathArg, CallArg {
    }

    /**
     * A single-quoted string literal.
     *
     * @param value the string with escapes ({@code \'}, {@code \{}, {@code \}}, {@code \\}) removed
     * @param raw   the text between the quotes with escapes kept; {@code States.Format} needs it to tell
     *              a placeholder {@code {}} from an escaped {@code \{\}}
     */
    public record StringArg(String value, String raw) implements Argument {
        public StringArg {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(raw, "raw");
        }
    }

    /** A number literal, kept exactly as written. */
    public record NumberArg(BigDecimal value) implements Argument {
        public NumberArg {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code true} or {@code false}. */
    public record BooleanArg(boolean value) implements Argument {
    }

    /** {@code null}. */
    public record NullArg() implements Argument {
    }

    /** A JSONPath ({@code $...}, {@code $$...} or {@code $var...}). */
    public record PathArg(JsonPathExpression path) implements Argument {
        public PathArg {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A nested intrinsic call. */
    public record CallArg(IntrinsicCall call) implements Argument {
        public CallArg {
            Objects.requireNonNull(call, "call");
        }
    }

    public IntrinsicCall {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(text, "text");
        arguments = List.copyOf(arguments);
    }

    /** Maximum depth of nested calls, the outermost call counting as 1 (spec §7: nesting 10). */
    public static final int MAX_NESTING = 10;

    /** True when {@code text} looks like an intrinsic call (starts with {@code States.}). */
    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /**
     * Parses an intrinsic call, checking function names, arities, paths and nesting.
     *
     * @throws IllegalArgumentException with a short reason when the text is not a valid call
     */
    public static IntrinsicCall parse(String text) {
        return new IntrinsicParser(text).parseWhole();
    }
}
