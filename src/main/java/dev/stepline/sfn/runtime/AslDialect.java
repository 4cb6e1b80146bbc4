package dev.stepline.sfn.runtime;

import dev.stepline.engine.Dialect;
import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import java.util.List;
import java.util.function.Predicate;

/** TEMPORARY placeholder until the interpreter lands (asl branch). */
public final class AslDialect implements Dialect<AslExecution> {
    public AslDialect(DefinitionSource definitions, TaskTokens tokens, Predicate<String> activityExists) {
    }

    public static AslExecution newExecution(ExecutionStart start) {
        return new AslExecution(start);
    }

    @Override
    public String kind() {
        return "sfn";
    }

    @Override
    public AslExecution decode(String state) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String encode(AslExecution state) {
        return "{}";
    }

    @Override
    public AslExecution apply(AslExecution state, List<Signal> signals, Transition transition) {
        ExecutionStart s = state.start();
        transition.appendEvent("ExecutionStarted", 0, null);
        transition.summary(new ExecutionSummary(s.executionArn(), s.stateMachineArn(), s.versionArn(), s.aliasArn(),
                s.name(), "RUNNING", s.startDate(), null, s.input(), null, null, null, s.traceHeader(), 0, null,
                s.definitionKey()));
        return state;
    }
}
