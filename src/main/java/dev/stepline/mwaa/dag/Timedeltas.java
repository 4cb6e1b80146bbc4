package dev.stepline.mwaa.dag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Duration forms a definition may use, with Python's {@code datetime.timedelta} semantics and
 * the service's limits (spec §2.3):
 * <ul>
 *   <li>a dag-factory typed mapping {@code {__type__: datetime.timedelta, minutes: 10}} with any
 *       of {@code weeks, days, hours, minutes, seconds, milliseconds, microseconds} (int or
 *       float, may be negative, summed; booleans count as 0/1 as in Python);</li>
 *   <li>for {@code retry_delay} only, a bare number of seconds.</li>
 * </ul>
 * Strings such as {@code "30s"} are rejected exactly as Python rejects them. Results are
 * rounded to whole microseconds (half-even), as {@code timedelta} does.
 */
public final class Timedeltas {
    /** The dag-factory type marker for a timedelta mapping. */
    public static final String TIMEDELTA_TYPE = "datetime.timedelta";
    /** Upper bound of {@code retry_delay} (inclusive). */
    public static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(300);
    /** Upper bound of {@code execution_timeout} (inclusive). */
    public static final Duration MAX_EXECUTION_TIMEOUT = Duration.ofMinutes(60);

    private static final Map<String, Long> MICROS_PER_UNIT = Map.of(
            "weeks", 604_800_000_000L,
            "days", 86_400_000_000L,
            "hours", 3_600_000_000L,
            "minutes", 60_000_000L,
            "seconds", 1_000_000L,
            "milliseconds", 1_000L,
            "microseconds", 1L);

    private Timedeltas() {
    }

    /** True when {@code node} is a mapping whose {@code __type__} is {@value #TIMEDELTA_TYPE}. */
    public static boolean isTimedelta(JsonNode node) {
        return node != null && node.isObject() && node.path("__type__").isString()
                && TIMEDELTA_TYPE.equals(node.get("__type__").asString());
    }

    /**
     * Evaluates a timedelta mapping.
     *
     * @throws DefinitionException for a non-numeric component or an unknown key
     */
    public static Duration fromTimedelta(JsonNode mapping) {
        if (!isTimedelta(mapping)) {
            throw new IllegalArgumentException("not a __type__: datetime.timedelta mapping");
        }
        BigDecimal micros = BigDecimal.ZERO;
        for (Map.Entry<String, JsonNode> e : mapping.properties()) {
            String key = e.getKey();
            if (key.equals("__type__")) {
                continue;
            }
            Long unit = MICROS_PER_UNIT.get(key);
            if (unit == null) {
                throw new DefinitionException(DefinitionMessages.timedeltaUnknownKey(key));
            }
            micros = micros.add(number(e.getValue(), key).multiply(BigDecimal.valueOf(unit)));
        }
        long whole = micros.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return Duration.ofSeconds(Math.floorDiv(whole, 1_000_000L), Math.floorMod(whole, 1_000_000L) * 1000L);
    }

    /**
     * {@code retry_delay}: a number of seconds or a timedelta mapping, 0–300 s.
     *
     * @throws DefinitionException with the Python type error or the range message
     */
    public static Duration retryDelay(JsonNode value) {
        Duration d = isTimedelta(value) ? fromTimedelta(value) : secondsOf(value);
        if (d.isNegative() || d.compareTo(MAX_RETRY_DELAY) > 0) {
            throw new DefinitionException(DefinitionMessages.retryDelayRange(formatSeconds(d)));
        }
        return d;
    }

    /**
     * {@code execution_timeout}: a timedelta mapping only, greater than 0 and at most 60 minutes.
     *
     * @throws DefinitionException naming the Python type of anything else, or the range message
     */
    public static Duration executionTimeout(JsonNode value) {
        if (!isTimedelta(value)) {
            throw new DefinitionException(DefinitionMessages.executionTimeoutType(typeName(value)));
        }
        Duration d = fromTimedelta(value);
        if (d.compareTo(MAX_EXECUTION_TIMEOUT) > 0) {
            throw new DefinitionException(DefinitionMessages.executionTimeoutTooLong(formatMinutes(d)));
        }
        if (d.isNegative() || d.isZero()) {
            throw new DefinitionException(DefinitionMessages.executionTimeoutNotPositive(formatMinutes(d)));
        }
        return d;
    }

    /** Minutes as the service prints them: {@code 66}, or {@code 60.5} when not whole. */
    public static String formatMinutes(Duration d) {
        return formatScaled(d, 60);
    }

    /** Seconds printed the same way: {@code 301}, {@code 0.5}. */
    public static String formatSeconds(Duration d) {
        return formatScaled(d, 1);
    }

    private static String formatScaled(Duration d, long secondsPerUnit) {
        BigDecimal micros = BigDecimal.valueOf(d.getSeconds()).multiply(BigDecimal.valueOf(1_000_000L))
                .add(BigDecimal.valueOf(d.getNano() / 1000));
        BigDecimal perUnit = BigDecimal.valueOf(secondsPerUnit * 1_000_000L);
        if (micros.remainder(perUnit).signum() == 0) {
            return micros.divide(perUnit).toBigInteger().toString();
        }
        return PyRepr.pythonFloat(micros.doubleValue() / perUnit.doubleValue());
    }

    private static Duration secondsOf(JsonNode value) {
        BigDecimal seconds = number(value, "seconds");
        long micros = seconds.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static BigDecimal number(JsonNode value, String component) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value == null || !value.isNumber()) {
            throw new DefinitionException(DefinitionMessages.timedeltaComponentType(component, typeName(value)));
        }
        if (!Double.isFinite(value.doubleValue())) {
            // what Python says for timedelta(seconds=float('inf'))
            throw new DefinitionException("cannot convert float " + PyRepr.pythonFloat(value.doubleValue())
                    + " to integer");
        }
        return value.decimalValue();
    }

    /** Python type name, treating a typed mapping as its {@code __type__} class name. */
    private static String typeName(JsonNode value) {
        if (value != null && value.isObject() && value.path("__type__").isString()) {
            String type = value.get("__type__").asString();
            return type.substring(type.lastIndexOf('.') + 1);
        }
        return PyRepr.typeName(value);
    }
}
