package dev.stepline.sfn.asl;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** A Pass state (spec §6.15). {@code result} is taken literally; {@code .$} keys inside it are not evaluated. */
public record PassState(String name, String comment, QueryLanguage queryLanguage, String next,
                        JsonPathExpression inputPath, JsonPathExpression outputPath, Payload parameters,
                        ReferencePath resultPath, JsonNode result, Payload output, Payload assign) implements State {
    public PassState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
    }

    @Override
    public StateType type() {
        return StateType.Pass;
    }

    @Override
    public boolean isTerminal() {
        return next == null;
    }
}
