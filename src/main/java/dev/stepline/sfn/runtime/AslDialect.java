package dev.stepline.sfn.runtime;

import dev.stepline.engine.Dialect;
import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Step Functions executions as an engine dialect (kind {@code sfn}): the ASL interpreter as a pure
 * transition function over {@link AslExecution}.
 *
 * <h2>Signals</h2>
 * <ul>
 *   <li>{@code created} {} — records {@code ExecutionStarted}, the RUNNING summary, the execution timeout
 *       timer, and schedules {@code advance}: no state runs before StartExecution has returned.</li>
 *   <li>{@code advance} {} — runs the states (also used to continue after {@value Interpreter#EVENT_BUDGET}
 *       events in one transition).</li>
 *   <li>{@code timer} {key} — the dialect's own timers: Wait ends ({@code w<n>}), retry back-offs
 *       ({@code r<n>}), task timeouts ({@code <task>#timeout}), heartbeat expiry ({@code <parked>#heartbeat},
 *       payload {@code heartbeatSeconds}), {@code executionTimeout}.</li>
 *   <li>{@code stop} {error?, cause?} — StopExecution.</li>
 *   <li>{@code redrive} {at} — RedriveExecution of a closed FAILED/TIMED_OUT/ABORTED execution (the engine
 *       reopened it), or of a Map Run child by its redriven Map Run: records {@code ExecutionRedriven} and
 *       re-enters the state that did not succeed (a Parallel/Map resumes its unsuccessful branches, a
 *       Distributed Map redrives its Map Run).</li>
 *   <li>{@code taskSucceeded} {task, output}, {@code taskFailed} {task, error?, cause?}, {@code taskSubmitted}
 *       {task, output}, {@code activityStarted} {task, workerName?} — ignored unless {@code task} is awaited.</li>
 *   <li>Distributed Map ({@link MapRunWork}, keyed by the run's {@code m<n>}): {@code mapRead} {task, items | error,
 *       cause} (the ItemReader task), {@code mapStarted} {task} (a start task is done; nothing to do),
 *       {@code mapChildEnded} {task, index, redriveCount, status, error?, cause?} (delivered by a child execution
 *       when it closes, keyed {@code child:<childArn>}, {@code #<redriveCount>} appended once redriven; an end
 *       whose redriveCount is not the one the run expects is stale and ignored), {@code mapCollected} {task, output | error, cause} (the results),
 *       {@code updateMapRun} {mapRunArn, maxConcurrency?, toleratedFailureCount?, toleratedFailurePercentage?}
 *       (UpdateMapRun), {@code mapRedriven} {task, succeeded: [index]} (a redrive task is done; the children
 *       listed had SUCCEEDED after all and were not redriven). Ignored unless the run is still in the phase that waits for them.</li>
 * </ul>
 *
 * <h2>Work</h2>
 * A Task attempt schedules a TASK item {@code t<n>} (payload: resource, kind, integration, pattern,
 * parameters, stateName, stateMachineArn, executionArn, testCase?, region, account, attempt,
 * timeoutSeconds?); an activity a PARKED item {@code t<n>} on the activity ARN's queue (payload: task,
 * input, token); a {@code .waitForTaskToken} task also a PARKED item {@code p<n>} (payload: task) whose
 * token is {@code $$.Task.Token}. A Distributed Map schedules TASK items {@code m<n>:read} (ItemReader),
 * {@code m<n>:s<first>} (start the children from index {@code first}; payload: mapRun "start", children
 * [{index, name, arn, items, input}], stateMachineArn, definitionKey {@code <parent key>#<Map state name>}, ...)
 * , {@code m<n>:r<redriveCount>.<first>} (redrive children of a redriven run in place; payload: mapRun "redrive",
 * parentArn, children [{index, arn, redriveCount}]) and {@code m<n>:collect} (gather or write the results).
 */
public final class AslDialect implements Dialect<AslExecution> {
    public static final String KIND = "sfn";
    /**
     * Member of a {@code taskSucceeded}/{@code taskFailed} signal's data that marks an outcome from
     * outside the task's initial call (SendTask*, a {@code .sync} child's end). Such an outcome may
     * overtake the initial call's {@code taskSubmitted}; it is then held until TaskSubmitted is recorded.
     */
    public static final String CALLBACK = "callback";

    private final DefinitionSource definitions;
    private final TaskTokens tokens;
    private final Predicate<String> activityExists;

    public AslDialect(DefinitionSource definitions, TaskTokens tokens, Predicate<String> activityExists) {
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.activityExists = Objects.requireNonNull(activityExists, "activityExists");
    }

    /** The initial state of an execution, before its {@code created} signal. */
    public static AslExecution newExecution(ExecutionStart start) {
        return AslExecution.of(start);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public AslExecution decode(String state) {
        return StateCodec.decode(state);
    }

    @Override
    public String encode(AslExecution state) {
        return StateCodec.encode(state);
    }

    @Override
    public AslExecution apply(AslExecution state, List<Signal> signals, Transition transition) {
        if (!state.closed() || signals.stream().anyMatch(s -> s.type().equals(Interpreter.REDRIVE))) {
            new Interpreter(this, state, transition).apply(signals);
        }
        return state;
    }

    DefinitionSource definitions() {
        return definitions;
    }

    TaskTokens tokens() {
        return tokens;
    }

    boolean activityExists(String activityArn) {
        return activityExists.test(activityArn);
    }
}
