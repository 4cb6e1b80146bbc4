package dev.stepline.sfn.asl;

import java.util.Objects;

/**
 * A JSONata expression written as {@code {% <expr> %}}. Only recognised here: a later stage
 * compiles {@link #expression()}.
 *
 * @param text       the string exactly as written, delimiters included
 * @param expression the text between {@code {%} and {@code %}}, trimmed
 */
public record JsonataExpression(String text, String expression) {

    public JsonataExpression {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(expression, "expression");
    }

    /** True when the whole string is a {@code {% ... %}} expression. */
    public static boolean isExpression(String text) {
        return text != null && text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
    }

    /**
     * Wraps a string that {@link #isExpression} accepts.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static JsonataExpression of(String text) {
        if (!isExpression(text)) {
            throw new IllegalArgumentException("not a JSONata expression: " + text);
        }
        return new JsonataExpression(text, text.substring(2, text.length() - 2).strip());
    }

    @Override
    public String toString() {
        return text;
    }
}
