package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;

/** A Parallel state (spec §6.13): runs every branch on the same input; output is the array of branch outputs. */
public record ParallelState(String name, String comment, QueryLanguage queryLanguage, String next,
                            JsonPathExpression inputPath, JsonPathExpression outputPath, Payload parameters,
                            ReferencePath resultPath, Payload resultSelector, Payload arguments, Payload output,
                            Payload assign, List<Retrier> retry, List<Catcher> catchers, List<Workflow> branches)
        implements State {
    public ParallelState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
        branches = List.copyOf(branches);
    }

    @Override
    public StateType type() {
        return StateType.Parallel;
    }

    @Override
    public boolean isTerminal() {
        return next == null;
    }
}
