package dev.stepline.sfn.asl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One element of a {@code Retry} array (spec §6.11). Defaults are already applied.
 *
 * @param errorEquals     error names matched (non-empty; {@code States.ALL} only alone and last)
 * @param intervalSeconds seconds before the first retry, 1–99,999,999 (default 1)
 * @param maxAttempts     retries allowed, 0–99,999,999 (default 3; 0 = never retry)
 * @param backoffRate     multiplier per attempt, ≥ 1.0 (default 2.0)
 * @param maxDelaySeconds cap on the delay, 1–31,622,400, or null for no cap
 * @param jitterStrategy  FULL or NONE (default NONE)
 * @param comment         the {@code Comment}, or null
 */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, BigDecimal backoffRate,
                      Integer maxDelaySeconds, JitterStrategy jitterStrategy, String comment) {

    public static final int DEFAULT_INTERVAL_SECONDS = 1;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final BigDecimal DEFAULT_BACKOFF_RATE = new BigDecimal("2.0");
    public static final int MAX_INTERVAL_SECONDS = 99_999_999;
    public static final int MAX_MAX_ATTEMPTS = 99_999_999;
    public static final int MAX_MAX_DELAY_SECONDS = 31_622_400;

    /** How the computed delay is randomised. */
    public enum JitterStrategy {
        FULL,
        NONE
    }

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
        Objects.requireNonNull(backoffRate, "backoffRate");
        Objects.requireNonNull(jitterStrategy, "jitterStrategy");
    }
}
