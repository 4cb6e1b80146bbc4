package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.JsonNode;

/**
 * A value in a workflow document that is either written out or resolved at run time
 * (spec §2.4): a step input, the {@code value} of a condition, an output value, or
 * {@code rollbackEnabled}.
 */
public sealed interface DynamicValue {
    /**
     * A literal value. Strings inside it may still hold {@code {{ $.… }}} spans, resolved by
     * {@link Resolver#interpolate}. The node is copied in and out, so the record stays immutable.
     */
    record Literal(JsonNode value) implements DynamicValue {
        public Literal {
            value = requireNonNull(value, "value is null").deepCopy();
        }

        @Override
        public JsonNode value() {
            return value.deepCopy();
        }
    }

    /** A reference resolved at run time. */
    record Reference(JsonPathRef path) implements DynamicValue {
        public Reference {
            requireNonNull(path, "path is null");
        }
    }
}
