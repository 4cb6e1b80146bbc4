package dev.stepline.sfn.asl;

import java.util.Objects;

/**
 * A Fail state: ends its workflow with an error (spec §6.15).
 *
 * @param error {@code Error}/{@code ErrorPath}, or null when absent
 * @param cause {@code Cause}/{@code CausePath}, or null when absent
 */
public record FailState(String name, String comment, QueryLanguage queryLanguage, StringValue error,
                        StringValue cause) implements State {
    public FailState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
    }

    @Override
    public StateType type() {
        return StateType.Fail;
    }

    @Override
    public String next() {
        return null;
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
