package dev.stepline.sfn.runtime.dataflow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The two timestamp dialects of the runtime. */
final class Timestamps {
    /** RFC 3339 as Choice rules accept it: upper-case {@code T}, {@code Z} or {@code ±hh:mm}, seconds required. */
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    /** The instant of a Choice-rule timestamp, or null when it is not one (spec §6.8). */
    static Instant rfc3339(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return null;
        }
        return isoOffset(text);
    }

    /**
     * The instant of a Wait timestamp, or null. AWS's messages name "ISO-8601 extended offset
     * date-time format", the description of Java's {@code ISO_OFFSET_DATE_TIME}, so use exactly that:
     * an offset is required, fractional seconds are optional (spec §6.9).
     */
    static Instant isoOffset(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
