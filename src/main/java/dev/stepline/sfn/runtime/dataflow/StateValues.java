package dev.stepline.sfn.runtime.dataflow;

import dev.stepline.sfn.asl.ChoiceRule;
import dev.stepline.sfn.asl.JsonPathExpression;
import dev.stepline.sfn.asl.NumericValue;
import dev.stepline.sfn.asl.StringValue;
import dev.stepline.sfn.asl.WaitState;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Values states compute from their fields at run time: Choice rules, Wait deadlines, numeric and
 * string fields given literally or by path/intrinsic. JSONPath mode only.
 */
public final class StateValues {
    /** The longest Wait AWS accepts: 2^31−1 seconds (24,855 days pass, 24,856 fail; spec §7). */
    public static final long MAX_WAIT_SECONDS = Integer.MAX_VALUE;

    private StateValues() {
    }

    /**
     * Evaluates a Choice rule (spec §6.8): type mismatches are false, a missing {@code Variable} is a
     * {@code States.Runtime} error except for {@code IsPresent}.
     */
    public static boolean matches(ChoiceRule rule, Scope scope) throws StatesError {
        return Choices.matches(rule, scope);
    }

    /**
     * The instant a Wait state ends (spec §6.9); {@code now} when it lies in the past.
     *
     * @throws StatesError {@code States.Runtime} with AWS's texts for negative, non-integral,
     *                     unparsable and too-long values
     */
    public static Instant waitUntil(WaitState state, Scope scope, Instant now) throws StatesError {
        Instant until = state.seconds() != null
                ? now.plusSeconds(waitSeconds(state.seconds(), scope))
                : waitTimestamp(state.timestamp(), scope);
        if (until.isAfter(now.plusSeconds(MAX_WAIT_SECONDS))) {
            throw StatesError.runtime("Wait state delay is too long.");
        }
        return until.isBefore(now) ? now : until;
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
        return switch (value) {
            case NumericValue.Fixed fixed -> fixed.longValue();
            case NumericValue.FromPath fromPath -> {
                JsonNode node = DataFlow.select(fromPath.path(), scope, field + "Path");
                Long number = Nodes.exactLong(node);
                if (number == null) {
                    throw notA("integer", field, node, fromPath.path());
                }
                if (number < 0) {
                    // Observed for ToleratedFailureCount ("ToleratedFailureCount cannot be negative."; spec §6.14).
                    throw StatesError.runtime(field + " cannot be negative.");
                }
                yield number;
            }
            case NumericValue.FromJsonata ignored -> throw DataFlow.jsonataUnsupported();
        };
    }

    /**
     * A numeric field that may be fractional ({@code ToleratedFailurePercentage[Path]}) as a
     * non-negative number; otherwise like {@link #number}.
     */
    public static BigDecimal decimal(NumericValue value, Scope scope, String field) throws StatesError {
        return switch (value) {
            case NumericValue.Fixed fixed -> fixed.value();
            case NumericValue.FromPath fromPath -> {
                JsonNode node = DataFlow.select(fromPath.path(), scope, field + "Path");
                if (!node.isNumber()) {
                    throw notA("number", field, node, fromPath.path());
                }
                if (node.decimalValue().signum() < 0) {
                    throw StatesError.runtime(field + " cannot be negative.");
                }
                yield node.decimalValue();
            }
            case NumericValue.FromJsonata ignored -> throw DataFlow.jsonataUnsupported();
        };
    }

    /**
     * A string field (Fail {@code Error}/{@code Cause} or their {@code ...Path} forms). A path or
     * intrinsic that yields a non-string value gives its compact JSON text: the Fail state still
     * fails, with the value visible, rather than hiding it behind a second error.
     *
     * @param field the base field name for messages ({@code Error} or {@code Cause})
     */
    public static String string(StringValue value, Scope scope, String field) throws StatesError {
        return switch (value) {
            case StringValue.Fixed fixed -> fixed.value();
            case StringValue.FromPath fromPath ->
                    Nodes.display(DataFlow.fieldPath(fromPath.path(), scope, field + "Path"));
            case StringValue.FromIntrinsic intrinsic ->
                    Nodes.display(Intrinsics.evaluate(intrinsic.call(), scope, field + "Path"));
            case StringValue.FromJsonata ignored -> throw DataFlow.jsonataUnsupported();
        };
    }

    /** Wait {@code Seconds}/{@code SecondsPath}: a non-negative integer (texts from spec §6.9, aws-snap). */
    private static long waitSeconds(NumericValue value, Scope scope) throws StatesError {
        return switch (value) {
            case NumericValue.Fixed fixed -> {
                if (fixed.value().compareTo(BigDecimal.valueOf(MAX_WAIT_SECONDS)) > 0) {
                    throw StatesError.runtime("Wait state delay is too long.");
                }
                yield fixed.longValue();
            }
            case NumericValue.FromPath fromPath -> {
                JsonPathExpression path = fromPath.path();
                JsonNode node = DataFlow.select(path, scope, "SecondsPath");
                Long seconds = Nodes.exactLong(node);
                if (seconds == null) {
                    throw StatesError.runtime("The SecondsPath parameter cannot be parsed as a long value: "
                            + path.text() + " == " + Nodes.display(node));
                }
                if (seconds < 0) {
                    throw StatesError.runtime("The SecondsPath parameter references a negative value: "
                            + path.text() + " == " + seconds);
                }
                if (seconds > MAX_WAIT_SECONDS) {
                    throw StatesError.runtime("Wait state delay is too long.");
                }
                yield seconds;
            }
            case NumericValue.FromJsonata ignored -> throw DataFlow.jsonataUnsupported();
        };
    }

    /** Wait {@code Timestamp}/{@code TimestampPath}: an ISO-8601 date-time with an offset. */
    private static Instant waitTimestamp(StringValue value, Scope scope) throws StatesError {
        return switch (value) {
            case StringValue.Fixed fixed -> fixedTimestamp(fixed.value());
            case StringValue.FromPath fromPath -> {
                JsonNode node = DataFlow.select(fromPath.path(), scope, "TimestampPath");
                Instant instant = node.isString() ? Timestamps.isoOffset(node.stringValue()) : null;
                if (instant == null) {
                    throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 "
                            + "extended offset date-time format string: " + fromPath.path().text() + " == "
                            + Nodes.display(node));
                }
                yield instant;
            }
            case StringValue.FromIntrinsic intrinsic ->
                    fixedTimestamp(Nodes.display(Intrinsics.evaluate(intrinsic.call(), scope, "Timestamp")));
            case StringValue.FromJsonata ignored -> throw DataFlow.jsonataUnsupported();
        };
    }

    /** The parser checks literal timestamps; the text is AWS's for a bad computed {@code Timestamp} (spec §6.4). */
    private static Instant fixedTimestamp(String text) throws StatesError {
        Instant instant = Timestamps.isoOffset(text);
        if (instant == null) {
            throw StatesError.runtime("The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                    + "date-time format string: " + text);
        }
        return instant;
    }

    /** {@code The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.x} (spec §6.14). */
    private static StatesError notA(String kind, String field, JsonNode node, JsonPathExpression path) {
        return StatesError.runtime("The " + field + "Path field refers to value \"" + Nodes.display(node)
                + "\" which is not a valid " + kind + ": " + path.text());
    }
}
