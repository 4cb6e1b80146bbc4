package dev.stepline.sfn.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A JSONata expression written as {@code {% <expr> %}}, compiled once when the definition is read
 * (spec §8.2) and shared by every execution: the compiled {@link Jsonata} is thread-safe as long as each
 * evaluation brings its own {@link Jsonata.Frame} (STACK.md §1.4).
 *
 * <p>Equality is by {@link #text()}. An expression that does not parse has a {@link #syntaxError()} and no
 * compiled form; the reader reports it as {@code INVALID_JSONATA_EXPRESSION} and never hands it to the runtime.
 */
public final class JsonataExpression {
    private final String text;
    private final String expression;
    private final Jsonata compiled;
    private final String syntaxError;
    private final Set<String> variables;
    private final List<String> topLevelReferences;

    private JsonataExpression(String text, String expression) {
        this.text = Objects.requireNonNull(text, "text");
        this.expression = Objects.requireNonNull(expression, "expression");
        Jsonata parsed = null;
        String error = null;
        try {
            parsed = JsonataFunctions.install(Jsonata.jsonata(expression));
        } catch (JException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            // The parser throws other runtime exceptions on a few malformed inputs.
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        this.compiled = parsed;
        this.syntaxError = error;
        JsonataSyntax syntax = parsed == null ? JsonataSyntax.EMPTY : JsonataSyntax.of(parsed);
        this.variables = syntax.freeVariables();
        this.topLevelReferences = syntax.topLevelNames();
    }

    /** True when the whole string is a {@code {% ... %}} expression. */
    public static boolean isExpression(String text) {
        return text != null && text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
    }

    /**
     * Wraps and compiles a string that {@link #isExpression} accepts. A syntax error does not throw: see
     * {@link #syntaxError()}.
     *
     * @throws IllegalArgumentException when the string is not a {@code {% %}} expression
     */
    public static JsonataExpression of(String text) {
        if (!isExpression(text)) {
            throw new IllegalArgumentException("not a JSONata expression: " + text);
        }
        return new JsonataExpression(text, text.substring(2, text.length() - 2).strip());
    }

    /** The string exactly as written, delimiters included. */
    public String text() {
        return text;
    }

    /** The text between {@code {%} and {@code %}}, trimmed. */
    public String expression() {
        return expression;
    }

    /** The compiled expression (with the Step Functions functions installed); null when {@link #syntaxError()} is set. */
    public Jsonata compiled() {
        return compiled;
    }

    /** The parser's message (without its error code) when the expression does not parse, else null. */
    public String syntaxError() {
        return syntaxError;
    }

    /** Workflow variables the expression reads ({@code $name}, not {@code $states}, functions or local names). */
    public Set<String> variables() {
        return variables;
    }

    /** Field names read from the (absent) context item at the top level, e.g. {@code phone} in {@code phone.number}. */
    public List<String> topLevelReferences() {
        return topLevelReferences;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonataExpression other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
