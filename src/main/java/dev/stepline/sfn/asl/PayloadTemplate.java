package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The pre-parsed form of a payload template ({@code Parameters}, {@code ItemSelector},
 * {@code ResultSelector}, {@code Arguments}, {@code Output}, {@code Assign}, ...). Evaluating it
 * walks this tree: {@link Literal} values are copied, {@link PathValue}, {@link IntrinsicValue} and
 * {@link JsonataValue} are computed, objects and arrays are rebuilt in declaration order.
 *
 * <p>JSONPath mode: an object key ending in {@code .$} yields an {@link ObjectTemplate.Entry} whose
 * {@code key} has the suffix removed and whose value is a path or intrinsic. JSONata mode: every string
 * of the form {@code {% ... %}} yields a {@link JsonataValue}; no key is special.
 *
 * <p>{@link Literal} nodes hold Jackson trees that must not be mutated by callers.
 */
public sealed interface PayloadTemplate
        permits PayloadTemplate.Literal, PayloadTemplate.ObjectTemplate, PayloadTemplate.ArrayTemplate,
        PayloadTemplate.PathValue, PayloadTemplate.IntrinsicValue, PayloadTemplate.JsonataValue {

    /** A JSON value copied as is. */
    record Literal(JsonNode value) implements PayloadTemplate {
        public Literal {
            Objects.requireNonNull(value, "value");
        }
    }

    /** An object whose members are templates, in declaration order. */
    record ObjectTemplate(List<Entry> entries) implements PayloadTemplate {
        public ObjectTemplate {
            entries = List.copyOf(entries);
        }

        /**
         * @param key       the output key ({@code .$} suffix removed)
         * @param sourceKey the key as written
         * @param value     the member's template
         */
        public record Entry(String key, String sourceKey, PayloadTemplate value) {
            public Entry {
                Objects.requireNonNull(key, "key");
                Objects.requireNonNull(sourceKey, "sourceKey");
                Objects.requireNonNull(value, "value");
            }
        }
    }

    /** An array whose elements are templates. */
    record ArrayTemplate(List<PayloadTemplate> elements) implements PayloadTemplate {
        public ArrayTemplate {
            elements = List.copyOf(elements);
        }
    }

    /** The value of a path ({@code "key.$": "$.a"}). */
    record PathValue(JsonPathExpression path) implements PayloadTemplate {
        public PathValue {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The result of an intrinsic call ({@code "key.$": "States.UUID()"}). */
    record IntrinsicValue(IntrinsicCall call) implements PayloadTemplate {
        public IntrinsicValue {
            Objects.requireNonNull(call, "call");
        }
    }

    /** The value of a JSONata expression ({@code "{% $states.input.a %}"}). */
    record JsonataValue(JsonataExpression expression) implements PayloadTemplate {
        public JsonataValue {
            Objects.requireNonNull(expression, "expression");
        }
    }
}
