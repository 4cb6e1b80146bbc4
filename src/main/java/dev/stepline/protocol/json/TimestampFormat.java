package dev.stepline.protocol.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How a service writes {@link Instant}s on the wire. */
public enum TimestampFormat {
    /** awsJson default: a JSON number of epoch seconds with millisecond fraction, e.g. {@code 1525283875.58}. */
    EPOCH_SECONDS,
    /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-09-09T19:12:23.175Z}. */
    ISO_MILLIS;

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public static String isoMillis(Instant instant) {
        return ISO.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Epoch seconds with at most three fraction digits and no trailing zeros. */
    public static BigDecimal epochSeconds(Instant instant) {
        BigDecimal millis = BigDecimal.valueOf(instant.toEpochMilli());
        BigDecimal seconds = millis.movePointLeft(3).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }
}
