package dev.stepline.sfn.asl;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * RFC 3339 timestamps as Step Functions accepts them: upper-case {@code T}, a {@code Z} or
 * {@code ±hh:mm} offset, optional fractional seconds (spec §6.8, §6.9).
 */
final class Rfc3339 {
    private static final Pattern SHAPE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Rfc3339() {
    }

    /** The parsed timestamp, or null when {@code text} is not an acceptable RFC 3339 timestamp. */
    static OffsetDateTime parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean isValid(String text) {
        return parse(text) != null;
    }
}
