package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;

/**
 * A Task state (spec §6.10).
 *
 * @param timeoutSeconds   {@code TimeoutSeconds}/{@code TimeoutSecondsPath}, or null when absent
 * @param heartbeatSeconds {@code HeartbeatSeconds}/{@code HeartbeatSecondsPath}, or null when absent
 * @param credentials      the {@code Credentials} template, or null
 */
public record TaskState(String name, String comment, QueryLanguage queryLanguage, String next,
                        JsonPathExpression inputPath, JsonPathExpression outputPath, Payload parameters,
                        ReferencePath resultPath, Payload resultSelector, Payload arguments, Payload output,
                        Payload assign, List<Retrier> retry, List<Catcher> catchers, TaskResource resource,
                        NumericValue timeoutSeconds, NumericValue heartbeatSeconds, Payload credentials)
        implements State {
    public TaskState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
        Objects.requireNonNull(resource, "resource");
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.Task;
    }

    @Override
    public boolean isTerminal() {
        return next == null;
    }
}
