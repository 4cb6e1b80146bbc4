package dev.stepline.imagebuilder.document;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Pure evaluation of {@code if} trees (spec §2.5). {@code and} / {@code or} short-circuit in
 * order. {@code stringEquals} compares both sides as strings, case included;
 * {@code booleanEquals} needs booleans or the strings {@code true} / {@code false}; the number
 * operators take numbers or numeric strings ({@code ^-?[0-9]+(\.[0-9]+)?$}).
 */
public final class Conditions {
    private static final Pattern NUMERIC = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?$");

    private Conditions() {}

    /**
     * Evaluates a condition. True means run the step; false means SKIPPED.
     *
     * @throws ResolutionException when a reference does not resolve or an operand has the wrong
     *         type; the step is then FAILED
     */
    public static boolean evaluate(Condition condition, ResolutionContext context) {
        return switch (condition) {
            case Condition.And and -> {
                for (Condition child : and.conditions()) {
                    if (!evaluate(child, context)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Condition.Or or -> {
                for (Condition child : or.conditions()) {
                    if (evaluate(child, context)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Condition.Not not -> !evaluate(not.condition(), context);
            case Condition.Comparison comparison -> compare(comparison, context);
        };
    }

    private static boolean compare(Condition.Comparison comparison, ResolutionContext context) {
        ComparisonOperator op = comparison.operator();
        JsonNode expected = comparison.expected();
        JsonNode actual = Resolver.resolve(comparison.value(), context, "condition value");
        return switch (op) {
            case STRING_EQUALS -> {
                if (!actual.isValueNode() || actual.isNull()) {
                    throw mismatch(op, actual);
                }
                yield Resolver.asText(expected).equals(Resolver.asText(actual));
            }
            case BOOLEAN_EQUALS -> asBoolean(expected).orElseThrow(() -> mismatch(op, expected))
                    == asBoolean(actual).orElseThrow(() -> mismatch(op, actual));
            default -> {
                int c = asNumber(actual).orElseThrow(() -> mismatch(op, actual))
                        .compareTo(asNumber(expected).orElseThrow(() -> mismatch(op, expected)));
                yield switch (op) {
                    case NUMBER_EQUALS -> c == 0;
                    case NUMBER_GREATER_THAN -> c > 0;
                    case NUMBER_GREATER_THAN_EQUALS -> c >= 0;
                    case NUMBER_LESS_THAN -> c < 0;
                    case NUMBER_LESS_THAN_EQUALS -> c <= 0;
                    default -> throw new AssertionError(op);
                };
            }
        };
    }

    private static ResolutionException mismatch(ComparisonOperator op, JsonNode node) {
        return new ResolutionException("Condition " + op.key() + " cannot compare the value " + node + ".");
    }

    /** A boolean node, or the string {@code true} / {@code false}. */
    static Optional<Boolean> asBoolean(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isString() && (node.stringValue().equals("true") || node.stringValue().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(node.stringValue()));
        }
        return Optional.empty();
    }

    /** A number node, or a string matching {@code ^-?[0-9]+(\.[0-9]+)?$}. */
    static Optional<BigDecimal> asNumber(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isString() && NUMERIC.matcher(node.stringValue()).matches()) {
            return Optional.of(new BigDecimal(node.stringValue()));
        }
        return Optional.empty();
    }
}
