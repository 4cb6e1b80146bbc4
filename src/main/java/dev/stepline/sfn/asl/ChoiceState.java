package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;

/**
 * A Choice state (spec §6.8): the first matching branch wins, else {@code defaultState}, else
 * {@code States.NoChoiceMatched}.
 *
 * @param defaultState the {@code Default} state name, or null
 */
public record ChoiceState(String name, String comment, QueryLanguage queryLanguage, JsonPathExpression inputPath,
                          JsonPathExpression outputPath, List<ChoiceBranch> choices, String defaultState,
                          Payload output, Payload assign) implements State {
    public ChoiceState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
        choices = List.copyOf(choices);
    }

    @Override
    public StateType type() {
        return StateType.Choice;
    }

    /** Always null: a Choice state picks its successor from {@link #choices()} and {@link #defaultState()}. */
    @Override
    public String next() {
        return null;
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
