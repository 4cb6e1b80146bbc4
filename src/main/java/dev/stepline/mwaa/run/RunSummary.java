package dev.stepline.mwaa.run;

import java.util.List;

/**
 * What one transition hands the run projection: the run's listing row and the task-instance
 * records it changed, already serialised (the dialect's state keeps changing after the commit).
 *
 * @param doc JSON of {@link RunDoc}
 */
public record RunSummary(String workflowArn, String runId, String account, String region, String workflowVersion,
                         String runType, RunStatus status, long createdMs, Long startedMs, Long completedMs,
                         long modifiedMs, String doc, List<InstanceRow> instances) {

    /** The part of a run row that is only read, never filtered on. */
    public record RunDoc(tools.jackson.databind.node.ObjectNode overrides, String errorMessage, String fingerprint,
                         Integer duration) {
    }

    /** A task-instance row; {@code doc} is JSON of {@link InstanceDoc}. */
    public record InstanceRow(String id, int seq, TaskStatus status, Long startedMs, Long endedMs, long modifiedMs,
                              String doc) {
    }

    /** The part of a task-instance row that is only read. */
    public record InstanceDoc(String taskId, int attempt, String operatorName, String errorMessage,
                              java.util.Map<String, String> xcom, String logStream, Integer duration) {
    }
}
