package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A step's {@code if} tree (spec §2.5): {@code and} / {@code or} over 1–10 children, {@code not}
 * over one, and comparisons at the leaves. At most four levels deep.
 */
public sealed interface Condition {
    /** True when every child is true; evaluated in order, stopping at the first false. */
    record And(List<Condition> conditions) implements Condition {
        public And {
            conditions = List.copyOf(conditions);
        }
    }

    /** True when any child is true; evaluated in order, stopping at the first true. */
    record Or(List<Condition> conditions) implements Condition {
        public Or {
            conditions = List.copyOf(conditions);
        }
    }

    /** The negation of its child. */
    record Not(Condition condition) implements Condition {
        public Not {
            requireNonNull(condition, "condition is null");
        }
    }

    /**
     * {@code <operator>: <expected>} compared with {@code value}.
     *
     * @param operator the comparison
     * @param expected the operator's literal operand (copied in and out)
     * @param value    the other operand: a literal, or a reference when written as a string starting with {@code $.}
     */
    record Comparison(ComparisonOperator operator, JsonNode expected, DynamicValue value) implements Condition {
        public Comparison {
            requireNonNull(operator, "operator is null");
            expected = requireNonNull(expected, "expected is null").deepCopy();
            requireNonNull(value, "value is null");
        }

        @Override
        public JsonNode expected() {
            return expected.deepCopy();
        }
    }
}
