package dev.stepline.mwaa.dag;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code start_date} / {@code end_date} values (spec §2.2): a date or date-time string (the
 * pendulum forms dag-factory users write: {@code 2025-01-01}, {@code 2025-01-01T06:00:00},
 * {@code 2025-01-01 06:00}, optionally with {@code Z} or an offset) or a typed mapping
 * {@code {__type__: datetime.datetime | datetime.date, year: .., month: .., day: .., hour: ..}}.
 * A value without an offset is read in the DAG's time zone.
 *
 * <p>Not supported: dag-factory's relative forms such as {@code "3 days"}.
 */
final class DagDates {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL).appendOffset("+HH:MM", "Z").toFormatter();
    private static final Set<String> TYPES = Set.of("datetime.datetime", "datetime.date");
    private static final Map<String, Integer> DEFAULTS = Map.of("hour", 0, "minute", 0, "second", 0, "microsecond", 0);

    private DagDates() {
    }

    /**
     * @param field {@code start_date} or {@code end_date}, for the message
     * @throws DefinitionException when the value is not one of the accepted forms
     */
    static Instant parse(String field, JsonNode value, ZoneId zone) {
        try {
            if (value.isString()) {
                return parseText(value.asString().strip(), zone);
            }
            if (value.isObject() && value.path("__type__").isString()
                    && TYPES.contains(value.get("__type__").asString())) {
                return fromMapping(value, zone);
            }
        } catch (DateTimeException | ArithmeticException e) {
            // fall through to the uniform message
        }
        throw new DefinitionException(DefinitionMessages.invalidDate(field, PyRepr.str(value)));
    }

    private static Instant parseText(String text, ZoneId zone) {
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text, OFFSET).toInstant();
            } catch (DateTimeParseException notOffset) {
                return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
            }
        }
    }

    private static Instant fromMapping(JsonNode m, ZoneId zone) {
        for (var e : m.properties()) {
            String k = e.getKey();
            if (!k.equals("__type__") && !k.equals("year") && !k.equals("month") && !k.equals("day")
                    && !DEFAULTS.containsKey(k)) {
                throw new DateTimeException("unexpected key " + k);
            }
            if (!k.equals("__type__") && !e.getValue().isIntegralNumber()) {
                throw new DateTimeException("not an int: " + k);
            }
        }
        if (!m.has("year") || !m.has("month") || !m.has("day")) {
            throw new DateTimeException("year, month and day are required");
        }
        LocalDateTime t = LocalDateTime.of(m.get("year").intValue(), m.get("month").intValue(), m.get("day").intValue(),
                intOr(m, "hour"), intOr(m, "minute"), intOr(m, "second"),
                Math.multiplyExact(intOr(m, "microsecond"), 1000));
        if (intOr(m, "microsecond") > 999_999) {
            throw new DateTimeException("microsecond out of range");
        }
        return t.atZone(zone).toInstant();
    }

    private static int intOr(JsonNode m, String key) {
        return m.has(key) ? m.get(key).intValue() : DEFAULTS.get(key);
    }
}
