package dev.stepline.sfn.asl;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.util.Objects;

/**
 * A general JSONPath (Jayway dialect, as AWS uses) kept as text, for {@code InputPath},
 * {@code OutputPath}, {@code ItemsPath}, {@code *Path} fields and {@code .$} template values. The
 * root may be {@code $} (input), {@code $$} (context object) or {@code $name} (a variable); the
 * rest is checked by compiling it with Jayway at parse time.
 *
 * @param text         the path exactly as written
 * @param root         what the path is evaluated against
 * @param variableName the variable name for {@link PathRoot#VARIABLE}, else null
 * @param relativePath the path to evaluate against the root's value, always starting with {@code $}
 *                     (e.g. {@code $$.Execution.Id} has relative path {@code $.Execution.Id})
 * @param definite     true when Jayway considers the path definite (selects at most one node)
 */
public record JsonPathExpression(String text, PathRoot root, String variableName, String relativePath,
                                 boolean definite) {

    public JsonPathExpression {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(relativePath, "relativePath");
    }

    /**
     * Parses and checks a JSONPath.
     *
     * @throws IllegalArgumentException when {@code text} is not a valid path
     */
    public static JsonPathExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("path must start with '$': " + text);
        }
        PathRoot root = PathRoot.INPUT;
        String variable = null;
        int restStart = 1;
        if (text.startsWith("$$")) {
            root = PathRoot.CONTEXT;
            restStart = 2;
        } else if (text.length() > 1 && ReferencePath.isIdentifierStart(text.charAt(1))) {
            int end = 1;
            while (end < text.length() && ReferencePath.isIdentifierPart(text.charAt(end))) {
                end++;
            }
            root = PathRoot.VARIABLE;
            variable = text.substring(1, end);
            restStart = end;
        }
        String relative = "$" + text.substring(restStart);
        if (!balanced(relative)) {
            throw new IllegalArgumentException("unbalanced brackets or quotes in JSONPath '" + text + "'");
        }
        boolean definite;
        try {
            definite = JsonPath.compile(relative).isDefinite();
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid JSONPath '" + text + "': " + e.getMessage(), e);
        }
        return new JsonPathExpression(text, root, variable, relative, definite);
    }

    /** Jayway tolerates some truncated paths (e.g. {@code $.a[}); AWS does not, so check brackets first. */
    private static boolean balanced(String path) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                if (--depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0 && quote == 0;
    }

    /** Like {@link #parse} but returns null instead of throwing. */
    public static JsonPathExpression tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The path {@code $}. */
    public static final JsonPathExpression ROOT = new JsonPathExpression("$", PathRoot.INPUT, null, "$", true);

    @Override
    public String toString() {
        return text;
    }
}
