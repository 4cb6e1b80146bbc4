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
        throw new UnsupportedOperationException("not yet implemented");
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
