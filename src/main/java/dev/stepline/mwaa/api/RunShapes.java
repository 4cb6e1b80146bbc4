package dev.stepline.mwaa.api;

import static dev.stepline.mwaa.ids.MwaaPatterns.CLIENT_TOKEN_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.ID_STRING_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.VERSION_ID_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.WORKFLOW_ARN_REGEX;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Wire shapes of the run and task-instance operations (spec §5.7–§5.12). */
public final class RunShapes {
    private RunShapes() {}

    public record StartWorkflowRunInput(
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Length(min = 1, max = 128) @Pattern(CLIENT_TOKEN_REGEX) String clientToken,
            ObjectNode overrideParameters,
            @Length(min = 1, max = 2048) @Pattern(VERSION_ID_REGEX) String workflowVersion) {}

    public record StartWorkflowRunOutput(String runId, String status, Instant startedAt) {}

    public record StopWorkflowRunInput(
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Required @Length(min = 1, max = 255) @Pattern(ID_STRING_REGEX) String runId) {}

    public record StopWorkflowRunOutput(String workflowArn, String workflowVersion, String runId, String status) {}

    public record GetWorkflowRunInput(
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Required @Length(min = 1, max = 255) @Pattern(ID_STRING_REGEX) String runId) {}

    public record WorkflowRunDetail(String workflowArn, String workflowVersion, String runId, String runType,
                                    Instant startedOn, Instant createdAt, Instant completedOn, Instant modifiedAt,
                                    Integer duration, String errorMessage, List<String> taskInstances,
                                    String runState) {}

    public record GetWorkflowRunOutput(String workflowArn, String workflowVersion, String runId, String runType,
                                       ObjectNode overrideParameters, WorkflowRunDetail runDetail) {}

    public record ListWorkflowRunsInput(
            @Range(min = 1, max = 100) Integer maxResults,
            String nextToken,
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Length(min = 1, max = 2048) @Pattern(VERSION_ID_REGEX) String workflowVersion) {}

    public record RunDetailSummary(String status, Instant createdOn, Instant startedAt, Instant endedAt) {}

    public record WorkflowRunSummary(String runId, String workflowArn, String workflowVersion, String runType,
                                     RunDetailSummary runDetailSummary) {}

    public record ListWorkflowRunsOutput(List<WorkflowRunSummary> workflowRuns, String nextToken) {}

    public record ListTaskInstancesInput(
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Required @Length(min = 1, max = 255) @Pattern(ID_STRING_REGEX) String runId,
            @Range(min = 1, max = 100) Integer maxResults,
            String nextToken) {}

    public record TaskInstanceSummary(String workflowArn, String workflowVersion, String runId, String taskInstanceId,
                                      String status, Integer durationInSeconds, String operatorName) {}

    public record ListTaskInstancesOutput(List<TaskInstanceSummary> taskInstances, String nextToken) {}

    public record GetTaskInstanceInput(
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Required @Length(min = 1, max = 255) @Pattern(ID_STRING_REGEX) String taskInstanceId,
            @Required @Length(min = 1, max = 255) @Pattern(ID_STRING_REGEX) String runId) {}

    public record GetTaskInstanceOutput(String workflowArn, String runId, String taskInstanceId, String workflowVersion,
                                        String status, Integer durationInSeconds, String operatorName,
                                        Instant modifiedAt, Instant endedAt, Instant startedAt, Integer attemptNumber,
                                        String errorMessage, String taskId, String logStream, Map<String, String> xcom) {}
}
