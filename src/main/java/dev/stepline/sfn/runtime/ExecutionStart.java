package dev.stepline.sfn.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Everything the face knows when it starts an execution: the dialect builds the initial state
 * from it.
 *
 * @param executionArn    the new execution's ARN
 * @param stateMachineArn the unqualified state machine ARN
 * @param stateMachineName the state machine's name ({@code $$.StateMachine.Name})
 * @param versionArn      version ARN for version/alias starts, else null
 * @param aliasArn        alias ARN for alias starts, else null
 * @param name            execution name
 * @param definitionKey   the key {@link DefinitionSource} resolves to the definition this execution runs
 * @param roleArn         the state machine's role
 * @param input           the input string as sent (valid JSON)
 * @param traceHeader     the trace header, or null
 * @param startDate       when it was accepted
 * @param region          the execution's region (for TaskScheduled events)
 * @param testCase        the mock test case named by a {@code #TestCase} suffix of the ARN StartExecution was given, or null
 * @param parent          the parent task for a child started by {@code states:startExecution} or by a Map Run, or null
 * @param mapChild        for a Distributed Map child execution: its Map Run and place in it, else null
 */
public record ExecutionStart(String executionArn, String stateMachineArn, String stateMachineName, String versionArn,
                             String aliasArn, String name, String definitionKey, String roleArn, String input,
                             String traceHeader, Instant startDate, String region, String testCase,
                             ParentTask parent, MapChild mapChild) {
    public ExecutionStart(String executionArn, String stateMachineArn, String stateMachineName, String versionArn,
                          String aliasArn, String name, String definitionKey, String roleArn, String input,
                          String traceHeader, Instant startDate, String region, String testCase, ParentTask parent) {
        this(executionArn, stateMachineArn, stateMachineName, versionArn, aliasArn, name, definitionKey, roleArn, input,
                traceHeader, startDate, region, testCase, parent, null);
    }

    public ExecutionStart {
        requireNonNull(executionArn, "executionArn is null");
        requireNonNull(stateMachineArn, "stateMachineArn is null");
        requireNonNull(stateMachineName, "stateMachineName is null");
        requireNonNull(name, "name is null");
        requireNonNull(definitionKey, "definitionKey is null");
        requireNonNull(input, "input is null");
        requireNonNull(startDate, "startDate is null");
        requireNonNull(region, "region is null");
    }

    /**
     * The Task state of another execution that started this one and waits for it ({@code .sync},
     * {@code .sync:2}): when this execution closes, the dialect delivers a {@code taskSucceeded} or
     * {@code taskFailed} signal for {@code taskKey} to {@code executionArn}.
     *
     * @param pattern {@code SYNC} (output as a JSON string) or {@code SYNC_2} (output as JSON)
     */
    public record ParentTask(String executionArn, String taskKey, String pattern) {
    }

    /**
     * A Distributed Map child: the parent is told through {@link ParentTask} with pattern
     * {@value #MAP_RUN} (signal {@code mapChildEnded}); the child's listing row names its Map Run.
     *
     * @param mapRunArn the Map Run's ARN
     * @param index     the child's position among the Map Run's children (item order)
     * @param itemCount how many items it processes (1, or the batch size)
     */
    public record MapChild(String mapRunArn, int index, int itemCount) {
    }

    /** {@link ParentTask#pattern()} of a Map Run child. */
    public static final String MAP_RUN = "MAP_RUN";
}
