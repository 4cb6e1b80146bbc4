package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;

/**
 * One element of a {@code Catch} array (spec §6.11).
 *
 * @param errorEquals   error names matched (non-empty; {@code States.ALL} only alone and last)
 * @param next          the state to go to
 * @param resultPath    JSONPath mode: where the error output goes on the raw input; {@code $} by default;
 *                      null when written as JSON {@code null} (discard, keep the raw input)
 * @param output        JSONata mode {@code Output} template, or null (default {@code $states.errorOutput})
 * @param assign        the {@code Assign} template, or null
 * @param comment       the {@code Comment}, or null
 */
public record Catcher(List<String> errorEquals, String next, ReferencePath resultPath, Payload output,
                      Payload assign, String comment) {
    public Catcher {
        errorEquals = List.copyOf(errorEquals);
        Objects.requireNonNull(next, "next");
    }
}
