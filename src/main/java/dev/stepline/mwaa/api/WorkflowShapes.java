package dev.stepline.mwaa.api;

import static dev.stepline.mwaa.ids.MwaaPatterns.CLIENT_TOKEN_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.DESCRIPTION_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.GENERIC_STRING_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.NAME_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.ROLE_ARN_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.SECURITY_GROUP_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.SUBNET_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.TAG_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.WORKFLOW_ARN_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.WORKFLOW_VERSION_REGEX;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Wire shapes of the workflow and workflow-version operations (spec §5.1–§5.6). Components are
 * camelCase; the codec writes them PascalCase ({@code definitionS3Location} is
 * {@code DefinitionS3Location}). Null members are left out of responses.
 */
public final class WorkflowShapes {
    private WorkflowShapes() {}

    public record DefinitionS3Location(@Required String bucket, @Required String objectKey, String versionId) {}

    public record EncryptionConfiguration(@Required @OneOf({"AWS_MANAGED_KEY", "CUSTOMER_MANAGED_KEY"}) String type,
                                          String kmsKeyId) {}

    public record LoggingConfiguration(@Required String logGroupName) {}

    public record NetworkConfiguration(
            List<@Length(min = 1, max = 255) @Pattern(SECURITY_GROUP_REGEX) String> securityGroupIds,
            List<@Length(min = 1, max = 255) @Pattern(SUBNET_REGEX) String> subnetIds) {}

    public record ScheduleConfiguration(String cronExpression) {}

    public record CreateWorkflowInput(
            @Required @Length(min = 1, max = 255) @Pattern(NAME_REGEX) String name,
            @Length(min = 1, max = 128) @Pattern(CLIENT_TOKEN_REGEX) String clientToken,
            @Required DefinitionS3Location definitionS3Location,
            @Required @Length(min = 1, max = 2048) @Pattern(ROLE_ARN_REGEX) String roleArn,
            @Length(min = 1, max = 1024) @Pattern(DESCRIPTION_REGEX) String description,
            EncryptionConfiguration encryptionConfiguration,
            LoggingConfiguration loggingConfiguration,
            Integer engineVersion,
            NetworkConfiguration networkConfiguration,
            @Length(max = 50) Map<@Length(min = 1, max = 128) @Pattern(TAG_REGEX) String,
                    @Length(max = 256) @Pattern(TAG_REGEX) String> tags,
            @Length(min = 1, max = 255) @Pattern(GENERIC_STRING_REGEX) String triggerMode) {}

    public record CreateWorkflowOutput(String workflowArn, Instant createdAt, String revisionId, String workflowStatus,
                                       String workflowVersion, Boolean isLatestVersion, List<String> warnings) {}

    public record GetWorkflowInput(
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Length(min = 32, max = 32) @Pattern(WORKFLOW_VERSION_REGEX) String workflowVersion) {}

    public record GetWorkflowOutput(String workflowArn, String workflowVersion, String name, String description,
                                    Instant createdAt, Instant modifiedAt,
                                    EncryptionConfiguration encryptionConfiguration,
                                    LoggingConfiguration loggingConfiguration, Integer engineVersion,
                                    String workflowStatus, DefinitionS3Location definitionS3Location,
                                    ScheduleConfiguration scheduleConfiguration, String roleArn,
                                    NetworkConfiguration networkConfiguration, String triggerMode,
                                    String workflowDefinition) {}

    public record UpdateWorkflowInput(
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Required DefinitionS3Location definitionS3Location,
            @Required @Length(min = 1, max = 2048) @Pattern(ROLE_ARN_REGEX) String roleArn,
            @Length(min = 1, max = 1024) @Pattern(DESCRIPTION_REGEX) String description,
            LoggingConfiguration loggingConfiguration,
            Integer engineVersion,
            NetworkConfiguration networkConfiguration,
            @Length(min = 1, max = 255) @Pattern(GENERIC_STRING_REGEX) String triggerMode) {}

    public record UpdateWorkflowOutput(String workflowArn, Instant modifiedAt, String workflowVersion,
                                       List<String> warnings) {}

    public record DeleteWorkflowInput(
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn,
            @Length(min = 32, max = 32) @Pattern(WORKFLOW_VERSION_REGEX) String workflowVersion) {}

    public record DeleteWorkflowOutput(String workflowArn, String workflowVersion) {}

    public record ListWorkflowsInput(@Range(min = 1, max = 100) Integer maxResults, String nextToken) {}

    public record WorkflowSummary(String workflowArn, String workflowVersion, String name, String description,
                                  Instant createdAt, Instant modifiedAt, String workflowStatus, String triggerMode) {}

    public record ListWorkflowsOutput(List<WorkflowSummary> workflows, String nextToken) {}

    public record ListWorkflowVersionsInput(
            @Range(min = 1, max = 100) Integer maxResults,
            String nextToken,
            @Required @Length(min = 1, max = 2048) @Pattern(WORKFLOW_ARN_REGEX) String workflowArn) {}

    public record WorkflowVersionSummary(String workflowVersion, String workflowArn, Boolean isLatestVersion,
                                         Instant createdAt, Instant modifiedAt,
                                         DefinitionS3Location definitionS3Location,
                                         ScheduleConfiguration scheduleConfiguration, String triggerMode) {}

    public record ListWorkflowVersionsOutput(List<WorkflowVersionSummary> workflowVersions, String nextToken) {}
}
