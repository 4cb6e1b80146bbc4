package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed dynamic reference such as {@code $.stepOutputs.CreateSnapshot.output[0]} (spec §2.4).
 * The supported JSONPath subset is a root ({@link Root}), a name below it, then any number of
 * {@code .field}, {@code ['field']} and {@code [index]} segments. No wildcards ({@code *}), filters, slices or recursive descent.
 *
 * @param text     the expression as written
 * @param root     the variable tree it starts from
 * @param name     the first name below the root: parameter, step, workflow output or system variable
 * @param segments what follows the name
 */
public record JsonPathRef(String text, Root root, String name, List<Segment> segments) {
    public JsonPathRef {
        requireNonNull(text, "text is null");
        requireNonNull(root, "root is null");
        requireNonNull(name, "name is null");
        segments = List.copyOf(segments);
    }

    /** The trees a reference can start from. */
    public enum Root {
        PARAMETERS("parameters"),
        STEP_OUTPUTS("stepOutputs"),
        WORKFLOW_OUTPUTS("workflowOutputs"),
        IMAGEBUILDER("imagebuilder");

        private final String key;

        Root(String key) {
            this.key = key;
        }

        /** The name after {@code $.}, e.g. {@code stepOutputs}. */
        public String key() {
            return key;
        }

        static Optional<Root> fromKey(String key) {
            for (Root root : values()) {
                if (root.key.equals(key)) {
                    return Optional.of(root);
                }
            }
            return Optional.empty();
        }
    }

    /** One step below the name. */
    public sealed interface Segment {}

    /** {@code .field} or {@code ['field']}. */
    public record Field(String name) implements Segment {
        public Field {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code [index]}, zero-based. */
    public record Index(int index) implements Segment {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("index must not be negative");
            }
        }
    }

    /** Characters that would make a name a JSONPath feature this subset does not support. */
    private static final String UNSUPPORTED = "]*?@()$";

    /** True when {@code text} looks like a reference the document means to resolve: it starts with {@code $.}. */
    public static boolean looksLikeReference(String text) {
        return text.startsWith("$.");
    }

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong, when the text is not
     *         a supported reference
     */
    public static JsonPathRef parse(String text) {
        requireNonNull(text, "text is null");
        if (!text.startsWith("$.")) {
            throw new IllegalArgumentException("A reference must start with '$.'.");
        }
        List<Object> parts = new ArrayList<>();
        int i = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    if (UNSUPPORTED.indexOf(text.charAt(i)) >= 0 || Character.isWhitespace(text.charAt(i))) {
                        throw new IllegalArgumentException("Unexpected character '" + text.charAt(i) + "'.");
                    }
                    i++;
                }
                if (i == start) {
                    throw new IllegalArgumentException("Empty name after '.'.");
                }
                parts.add(text.substring(start, i));
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("Missing ']'.");
                }
                String inner = text.substring(i + 1, close);
                if (inner.length() >= 2 && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')
                        && inner.charAt(inner.length() - 1) == inner.charAt(0)) {
                    parts.add(inner.substring(1, inner.length() - 1));
                } else if (inner.matches("[0-9]{1,9}")) {
                    parts.add(Integer.parseInt(inner));
                } else {
                    throw new IllegalArgumentException("'[" + inner + "]' is not an index or a quoted name.");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("Unexpected character '" + c + "'.");
            }
        }
        if (parts.isEmpty() || !(parts.get(0) instanceof String rootKey)) {
            throw new IllegalArgumentException("A reference must name a root.");
        }
        Root root = Root.fromKey(rootKey).orElseThrow(() -> new IllegalArgumentException("Unknown root '$."
                + rootKey + "'; use $.parameters, $.stepOutputs, $.workflowOutputs or $.imagebuilder."));
        if (parts.size() < 2 || !(parts.get(1) instanceof String name)) {
            throw new IllegalArgumentException("A reference must name something below '$." + root.key() + "'.");
        }
        List<Segment> segments = new ArrayList<>();
        for (Object part : parts.subList(2, parts.size())) {
            segments.add(part instanceof Integer index ? new Index(index) : new Field((String) part));
        }
        return new JsonPathRef(text, root, name, segments);
    }

    @Override
    public String toString() {
        return text;
    }
}
