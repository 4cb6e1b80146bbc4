package dev.stepline.sfn.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import dev.stepline.sfn.api.ActivityShapes.EncryptionConfiguration;
import dev.stepline.sfn.api.StateMachineShapes.LoggingConfiguration;
import dev.stepline.sfn.api.StateMachineShapes.TracingConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Wire shapes of Step Functions' execution, history and task-token operations (model 2016-11-23). */
public final class ExecutionShapes {
    private ExecutionShapes() {}


    public record StartExecutionInput(@Required @Length(min = 1, max = 256) String stateMachineArn,
                                      @Length(min = 1, max = 80) String name,
                                      @Length(max = 262144) String input,
                                      @Length(max = 256) @Pattern("\\p{ASCII}*") String traceHeader) {}

    public record StartExecutionOutput(String executionArn, Instant startDate) {}

    public record StartSyncExecutionInput(@Required @Length(min = 1, max = 256) String stateMachineArn,
                                          @Length(min = 1, max = 80) String name,
                                          @Length(max = 262144) String input,
                                          @Length(max = 256) @Pattern("\\p{ASCII}*") String traceHeader,
                                          @OneOf({"ALL_DATA", "METADATA_ONLY"}) String includedData) {}

    public record BillingDetails(Long billedMemoryUsedInMB, Long billedDurationInMilliseconds) {}

    public record StartSyncExecutionOutput(String executionArn, String stateMachineArn, String name, Instant startDate,
                                           Instant stopDate, String status, String error, String cause, String input,
                                           DataDetails inputDetails, String output, DataDetails outputDetails,
                                           String traceHeader, BillingDetails billingDetails) {}

    public record DescribeExecutionInput(@Required @Length(min = 1, max = 256) String executionArn,
                                         @OneOf({"ALL_DATA", "METADATA_ONLY"}) String includedData) {}

    public record DataDetails(Boolean included) {}

    public record DescribeExecutionOutput(String executionArn, String stateMachineArn, String name, String status,
                                          Instant startDate, Instant stopDate, String input, DataDetails inputDetails,
                                          String output, DataDetails outputDetails, String traceHeader,
                                          String mapRunArn, String error, String cause, String stateMachineVersionArn,
                                          String stateMachineAliasArn, Integer redriveCount, Instant redriveDate,
                                          String redriveStatus, String redriveStatusReason) {}

    public record StopExecutionInput(@Required @Length(min = 1, max = 256) String executionArn,
                                     @Length(max = 256) String error, @Length(max = 32768) String cause) {}

    public record StopExecutionOutput(Instant stopDate) {}

    public record RedriveExecutionInput(@Required @Length(min = 1, max = 256) String executionArn,
                                        @Length(min = 1, max = 64) @Pattern("[!-~]+") String clientToken) {}

    public record RedriveExecutionOutput(Instant redriveDate) {}

    public record ListExecutionsInput(@Length(min = 1, max = 256) String stateMachineArn,
                                      @OneOf({"SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING"})
                                      String statusFilter,
                                      @Range(min = 0, max = 1000) Integer maxResults,
                                      @Length(min = 1, max = 3096) String nextToken,
                                      @Length(min = 1, max = 2000) String mapRunArn,
                                      @OneOf({"REDRIVEN", "NOT_REDRIVEN"}) String redriveFilter) {}

    public record ExecutionListItem(String executionArn, String stateMachineArn, String name, String status,
                                    Instant startDate, Instant stopDate, String mapRunArn, Integer itemCount,
                                    String stateMachineVersionArn, String stateMachineAliasArn, Integer redriveCount,
                                    Instant redriveDate) {}

    public record ListExecutionsOutput(List<ExecutionListItem> executions, String nextToken) {}

    public record GetExecutionHistoryInput(@Required @Length(min = 1, max = 256) String executionArn,
                                           @Range(min = 0, max = 1000) Integer maxResults, Boolean reverseOrder,
                                           @Length(min = 1, max = 1024) String nextToken,
                                           Boolean includeExecutionData) {}

    /** Events are built as JSON objects: each carries exactly one of 60-odd details members. */
    public record GetExecutionHistoryOutput(List<ObjectNode> events, String nextToken) {}

    public record DescribeStateMachineForExecutionInput(@Required @Length(min = 1, max = 256) String executionArn,
                                                        @OneOf({"ALL_DATA", "METADATA_ONLY"}) String includedData) {}

    public record DescribeStateMachineForExecutionOutput(String stateMachineArn, String name, String definition,
                                                         String roleArn, Instant updateDate,
                                                         LoggingConfiguration loggingConfiguration,
                                                         TracingConfiguration tracingConfiguration, String mapRunArn,
                                                         String label, String revisionId,
                                                         EncryptionConfiguration encryptionConfiguration,
                                                         Map<String, List<String>> variableReferences) {}

    public record GetActivityTaskInput(@Required @Length(min = 1, max = 256) String activityArn,
                                       @Length(min = 1, max = 80) String workerName) {}

    public record GetActivityTaskOutput(String taskToken, String input) {}

    public record SendTaskSuccessInput(@Required @Length(min = 1, max = 2048) String taskToken,
                                       @Required @Length(max = 262144) String output) {}

    public record SendTaskFailureInput(@Required @Length(min = 1, max = 2048) String taskToken,
                                       @Length(max = 256) String error, @Length(max = 32768) String cause) {}

    public record SendTaskHeartbeatInput(@Required @Length(min = 1, max = 2048) String taskToken) {}
}
