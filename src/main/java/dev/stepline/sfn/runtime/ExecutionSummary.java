package dev.stepline.sfn.runtime;

import java.time.Instant;

/**
 * What the Step Functions face lists and describes about an execution, handed to the engine's
 * projection whenever it changes. The first summary of an execution (its {@code created}
 * transition) carries every start field; later ones carry the same start fields plus what changed.
 *
 * @param executionArn    the execution's ARN
 * @param stateMachineArn the unqualified state machine ARN
 * @param versionArn      the version ARN when started through a version or alias, else null
 * @param aliasArn        the alias ARN when started through an alias, else null
 * @param name            the execution name
 * @param status          RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param startDate       when StartExecution accepted it
 * @param stopDate        when it closed, else null
 * @param input           the input exactly as sent
 * @param output          the output (SUCCEEDED only), else null
 * @param error           the terminating error, if the terminating event carried one
 * @param cause           the terminating cause, if the terminating event carried one
 * @param traceHeader     the trace header, or null
 * @param redriveCount    how many times it was redriven
 * @param redriveDate     the last redrive, or null
 * @param definitionKey   the key of the definition the execution runs ({@link ExecutionStart#definitionKey()})
 * @param mapChild        the Map Run a Distributed Map child belongs to, else null
 * @param mapRuns         the Map Runs of this execution that changed in this transition (the engine keeps only
 *                        the last summary of a transition, so a summary always describes the whole row too)
 */
public record ExecutionSummary(String executionArn, String stateMachineArn, String versionArn, String aliasArn,
                               String name, String status, Instant startDate, Instant stopDate, String input,
                               String output, String error, String cause, String traceHeader, int redriveCount,
                               Instant redriveDate, String definitionKey, ExecutionStart.MapChild mapChild,
                               java.util.List<MapRunSummary> mapRuns) {

    public ExecutionSummary(String executionArn, String stateMachineArn, String versionArn, String aliasArn,
                            String name, String status, Instant startDate, Instant stopDate, String input,
                            String output, String error, String cause, String traceHeader, int redriveCount,
                            Instant redriveDate, String definitionKey) {
        this(executionArn, stateMachineArn, versionArn, aliasArn, name, status, startDate, stopDate, input, output, error,
                cause, traceHeader, redriveCount, redriveDate, definitionKey, null, java.util.List.of());
    }

    public ExecutionSummary {
        mapRuns = java.util.List.copyOf(mapRuns);
    }

    /** This summary with the Map Run changes of the same transition. */
    public ExecutionSummary withMapRuns(java.util.List<MapRunSummary> changed) {
        return new ExecutionSummary(executionArn, stateMachineArn, versionArn, aliasArn, name, status, startDate, stopDate,
                input, output, error, cause, traceHeader, redriveCount, redriveDate, definitionKey, mapChild, changed);
    }
}
