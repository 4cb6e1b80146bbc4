package dev.stepline.sfn.asl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reference path: a JSONPath that names exactly one node and can be written to. It is
 * {@code $} followed by steps {@code .name}, {@code ['name']} or {@code [index]}; the root may also be
 * {@code $$} (context object) or {@code $name} (a variable). Wildcards, deep scan ({@code ..}),
 * filters, slices and unions are rejected. Used for {@code ResultPath}, Choice {@code Variable}
 * and similar fields (spec §6.3 step 7).
 *
 * @param text         the path exactly as written
 * @param root         what the path starts from
 * @param variableName the variable's name when {@code root} is {@link PathRoot#VARIABLE}, else null
 * @param steps        the steps after the root, in order; empty for the root itself
 */
public record ReferencePath(String text, PathRoot root, String variableName, List<Step> steps) {

    /** One step of a reference path. */
    public sealed interface Step permits Field, Index {
    }

    /** Select an object member by name. */
    public record Field(String name) implements Step {
        public Field {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Select an array element by zero-based index. */
    public record Index(int index) implements Step {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("index must be >= 0: " + index);
            }
        }
    }

    public ReferencePath {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(root, "root");
        if ((root == PathRoot.VARIABLE) != (variableName != null)) {
            throw new IllegalArgumentException("variableName must be set exactly for VARIABLE paths");
        }
        steps = List.copyOf(steps);
    }

    /** The path {@code $}. */
    public static final ReferencePath ROOT = new ReferencePath("$", PathRoot.INPUT, null, List.of());

    /** True for {@code $} alone. */
    public boolean isRoot() {
        return root == PathRoot.INPUT && steps.isEmpty();
    }

    /**
     * Parses a reference path.
     *
     * @throws IllegalArgumentException with a short reason when {@code text} is not a reference path
     */
    public static ReferencePath parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Parser(text).parse();
    }

    /** Like {@link #parse} but returns null instead of throwing. */
    public static ReferencePath tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The steps in Jayway's bracket notation relative to the root, e.g. {@code $['a'][0]}; useful to
     * evaluate the path with Jayway against the root's value.
     */
    public String toBracketNotation() {
        StringBuilder out = new StringBuilder("$");
        for (Step step : steps) {
            switch (step) {
                case Field f -> out.append("['").append(f.name().replace("\\", "\\\\").replace("'", "\\'"))
                        .append("']");
                case Index i -> out.append('[').append(i.index()).append(']');
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        ReferencePath parse() {
            if (!text.startsWith("$")) {
                throw fail("must start with '$'");
            }
            pos = 1;
            PathRoot root = PathRoot.INPUT;
            String variable = null;
            if (peek() == '$') {
                root = PathRoot.CONTEXT;
                pos++;
            } else if (pos < text.length() && isIdentifierStart(peek())) {
                int start = pos;
                while (pos < text.length() && isIdentifierPart(peek())) {
                    pos++;
                }
                root = PathRoot.VARIABLE;
                variable = text.substring(start, pos);
            }
            List<Step> steps = new ArrayList<>();
            while (pos < text.length()) {
                char c = peek();
                if (c == '.') {
                    pos++;
                    steps.add(new Field(dotName()));
                } else if (c == '[') {
                    pos++;
                    steps.add(bracket());
                } else {
                    throw fail("unexpected character '" + c + "' at position " + pos);
                }
            }
            return new ReferencePath(text, root, variable, steps);
        }

        private String dotName() {
            int start = pos;
            while (pos < text.length()) {
                char c = peek();
                if (c == '.' || c == '[') {
                    break;
                }
                if (c == ']' || c == '*' || c == '\'' || c == '"' || c == '?' || c == '@'
                        || c == '(' || c == ')' || Character.isWhitespace(c)) {
                    throw fail("character '" + c + "' is not allowed in a reference path");
                }
                pos++;
            }
            if (pos == start) {
                throw fail("empty field name at position " + start + " (deep scan '..' is not allowed)");
            }
            return text.substring(start, pos);
        }

        private Step bracket() {
            if (pos >= text.length()) {
                throw fail("unterminated '['");
            }
            char c = peek();
            if (c == '\'' || c == '"') {
                char quote = c;
                pos++;
                StringBuilder name = new StringBuilder();
                while (true) {
                    if (pos >= text.length()) {
                        throw fail("unterminated quoted name");
                    }
                    char d = text.charAt(pos++);
                    if (d == '\\' && pos < text.length()) {
                        name.append(text.charAt(pos++));
                    } else if (d == quote) {
                        break;
                    } else {
                        name.append(d);
                    }
                }
                expect(']');
                return new Field(name.toString());
            }
            int start = pos;
            while (pos < text.length() && Character.isDigit(peek())) {
                pos++;
            }
            if (pos == start) {
                throw fail("only quoted names and non-negative indexes are allowed inside '[]'");
            }
            String digits = text.substring(start, pos);
            expect(']');
            try {
                return new Index(Integer.parseInt(digits));
            } catch (NumberFormatException e) {
                throw fail("index too large: " + digits);
            }
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw fail("expected '" + c + "' at position " + pos);
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private IllegalArgumentException fail(String reason) {
            return new IllegalArgumentException("Invalid reference path '" + text + "': " + reason);
        }
    }

    static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
