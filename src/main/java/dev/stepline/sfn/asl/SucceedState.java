package dev.stepline.sfn.asl;

import java.util.Objects;

/** A Succeed state: ends its workflow successfully (spec §6.15). */
public record SucceedState(String name, String comment, QueryLanguage queryLanguage, JsonPathExpression inputPath,
                           JsonPathExpression outputPath, Payload output) implements State {
    public SucceedState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
    }

    @Override
    public StateType type() {
        return StateType.Succeed;
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
