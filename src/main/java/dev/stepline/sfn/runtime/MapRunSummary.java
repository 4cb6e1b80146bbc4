package dev.stepline.sfn.runtime;

/**
 * A Map Run as DescribeMapRun and ListMapRuns show it, handed to the projection (inside an
 * {@link ExecutionSummary} of the parent) whenever it changes.
 *
 * @param mapRunArn                  {@code arn:...:mapRun:<sm>/<label>:<uuid>}
 * @param executionArn               the parent execution
 * @param stateMachineArn            the labelled child state machine {@code arn:...:stateMachine:<sm>/<label>}
 * @param status                     RUNNING, SUCCEEDED, FAILED or ABORTED
 * @param startMs                    when it started (epoch millis)
 * @param stopMs                     when it ended, or null
 * @param maxConcurrency             as configured (0 = unlimited)
 * @param toleratedFailurePercentage as configured (0 when not set)
 * @param toleratedFailureCount      as configured (0 when not set)
 * @param items                      counts by item
 * @param executions                 counts by child execution
 * @param redriveCount               how many times the run was redriven
 * @param redriveMs                  when it was last redriven (epoch millis), or null
 * @param markPendingRedrive         child executions to show as {@code PENDING_REDRIVE} from now on (only in
 *                                   the transition that redrove the run; they show RUNNING once redriven)
 */
public record MapRunSummary(String mapRunArn, String executionArn, String stateMachineArn, String status, long startMs,
                            Long stopMs, int maxConcurrency, double toleratedFailurePercentage,
                            long toleratedFailureCount, Counts items, Counts executions, int redriveCount,
                            Long redriveMs, java.util.List<String> markPendingRedrive) {

    /** {@code MapRunItemCounts} / {@code MapRunExecutionCounts}. */
    public record Counts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
                         long total, long resultsWritten, long pendingRedrive) {
    }
}
