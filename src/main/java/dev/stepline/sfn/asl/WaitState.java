package dev.stepline.sfn.asl;

import java.util.Objects;

/**
 * A Wait state (spec §6.9). Exactly one of {@code seconds} ({@code Seconds}/{@code SecondsPath}) and
 * {@code timestamp} ({@code Timestamp}/{@code TimestampPath}) is set. A literal timestamp has already been
 * checked to be RFC 3339.
 */
public record WaitState(String name, String comment, QueryLanguage queryLanguage, String next,
                        JsonPathExpression inputPath, JsonPathExpression outputPath, NumericValue seconds,
                        StringValue timestamp, Payload output, Payload assign) implements State {
    public WaitState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
        if ((seconds == null) == (timestamp == null)) {
            throw new IllegalArgumentException("exactly one of seconds and timestamp must be set");
        }
    }

    @Override
    public StateType type() {
        return StateType.Wait;
    }

    @Override
    public boolean isTerminal() {
        return next == null;
    }
}
