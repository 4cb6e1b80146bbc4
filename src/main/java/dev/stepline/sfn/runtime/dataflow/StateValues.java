package dev.stepline.sfn.runtime.dataflow;

import dev.stepline.sfn.asl.ChoiceRule;
import dev.stepline.sfn.asl.NumericValue;
import dev.stepline.sfn.asl.StringValue;
import dev.stepline.sfn.asl.WaitState;
import java.time.Instant;

/**
 * Values states compute from their fields at run time: Choice rules, Wait deadlines, numeric and
 * string fields given literally or by path/intrinsic. JSONPath mode only.
 */
public final class StateValues {
    private StateValues() {
    }

    /**
     * Evaluates a Choice rule (spec §6.8): type mismatches are false, a missing {@code Variable} is a
     * {@code States.Runtime} error except for {@code IsPresent}.
     */
    public static boolean matches(ChoiceRule rule, Scope scope) throws StatesError {
        // TEMPORARY (asl branch): And/Or/Not, String/Numeric/BooleanEquals with literals, IsPresent;
        // the dataflow branch replaces this.
        switch (rule) {
            case ChoiceRule.And and -> {
                for (ChoiceRule r : and.rules()) {
                    if (!matches(r, scope)) {
                        return false;
                    }
                }
                return true;
            }
            case ChoiceRule.Or or -> {
                for (ChoiceRule r : or.rules()) {
                    if (matches(r, scope)) {
                        return true;
                    }
                }
                return false;
            }
            case ChoiceRule.Not not -> {
                return !matches(not.rule(), scope);
            }
            case ChoiceRule.Comparison c -> {
                tools.jackson.databind.JsonNode value = DataFlow.read(c.variable(), scope);
                if (c.operator() == dev.stepline.sfn.asl.ComparisonOperator.IS_PRESENT) {
                    return (value != null) == c.value().booleanValue();
                }
                if (value == null) {
                    throw StatesError.runtime("Invalid path '" + c.variable().text()
                            + "': The choice state's condition path references an invalid value.");
                }
                return switch (c.operator()) {
                    case STRING_EQUALS -> value.isString() && value.stringValue().equals(c.value().stringValue());
                    case NUMERIC_EQUALS -> value.isNumber() && value.decimalValue().compareTo(c.value().decimalValue()) == 0;
                    case NUMERIC_GREATER_THAN -> value.isNumber() && value.decimalValue().compareTo(c.value().decimalValue()) > 0;
                    case NUMERIC_LESS_THAN -> value.isNumber() && value.decimalValue().compareTo(c.value().decimalValue()) < 0;
                    case BOOLEAN_EQUALS -> value.isBoolean() && value.booleanValue() == c.value().booleanValue();
                    default -> throw new UnsupportedOperationException("TEMPORARY matches: " + c.operator());
                };
            }
            default -> throw new UnsupportedOperationException("TEMPORARY matches: " + rule);
        }
    }

    /**
     * The instant a Wait state ends (spec §6.9); {@code now} when it lies in the past.
     *
     * @throws StatesError {@code States.Runtime} with AWS's texts for negative, non-integral,
     *                     unparsable and too-long values
     */
    public static Instant waitUntil(WaitState state, Scope scope, Instant now) throws StatesError {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * A numeric field ({@code TimeoutSeconds[Path]}, {@code HeartbeatSeconds[Path]},
     * {@code MaxConcurrency[Path]}, ...) as a non-negative long.
     *
     * @param field the base field name for messages (e.g. {@code MaxConcurrency})
     * @throws StatesError {@code States.Runtime} e.g.
     *                     {@code The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.x}
     */
    public static long number(NumericValue value, Scope scope, String field) throws StatesError {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * A string field (Fail {@code Error}/{@code Cause} or their {@code ...Path} forms).
     *
     * @param field the base field name for messages ({@code Error} or {@code Cause})
     */
    public static String string(StringValue value, Scope scope, String field) throws StatesError {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
