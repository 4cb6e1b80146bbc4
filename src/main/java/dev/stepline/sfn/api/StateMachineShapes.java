package dev.stepline.sfn.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import dev.stepline.sfn.api.ActivityShapes.EncryptionConfiguration;
import dev.stepline.sfn.api.TagShapes.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Wire shapes of Step Functions' state machine and version operations, and the documents the
 * store keeps for them. {@code definition} carries no length annotation: the ASL parser reports
 * empty and over-long (&gt; 1 MiB) definitions as {@code InvalidDefinition}, as AWS does.
 */
public final class StateMachineShapes {
    private StateMachineShapes() {}

    public record CloudWatchLogsLogGroup(@Length(min = 1, max = 256) String logGroupArn) {}

    public record LogDestination(CloudWatchLogsLogGroup cloudWatchLogsLogGroup) {}

    public record LoggingConfiguration(@OneOf({"ALL", "ERROR", "FATAL", "OFF"}) String level,
                                       Boolean includeExecutionData, List<LogDestination> destinations) {}

    public record TracingConfiguration(Boolean enabled) {}

    public record CreateStateMachineInput(
            @Required @Length(min = 1, max = 80) String name,
            @Required String definition,
            @Required @Length(min = 1, max = 256) String roleArn,
            @OneOf({"STANDARD", "EXPRESS"}) String type,
            LoggingConfiguration loggingConfiguration,
            List<Tag> tags,
            TracingConfiguration tracingConfiguration,
            Boolean publish,
            @Length(max = 256) String versionDescription,
            EncryptionConfiguration encryptionConfiguration) {}

    public record CreateStateMachineOutput(String stateMachineArn, Instant creationDate, String stateMachineVersionArn) {}

    public record DescribeStateMachineInput(@Required @Length(min = 1, max = 256) String stateMachineArn,
                                            @OneOf({"ALL_DATA", "METADATA_ONLY"}) String includedData) {}

    public record DescribeStateMachineOutput(String stateMachineArn, String name, String status, String definition,
                                             String roleArn, String type, Instant creationDate,
                                             LoggingConfiguration loggingConfiguration,
                                             TracingConfiguration tracingConfiguration, String label, String revisionId,
                                             String description, EncryptionConfiguration encryptionConfiguration,
                                             Map<String, List<String>> variableReferences) {}

    public record UpdateStateMachineInput(
            @Required @Length(min = 1, max = 256) String stateMachineArn,
            String definition,
            @Length(min = 1, max = 256) String roleArn,
            LoggingConfiguration loggingConfiguration,
            TracingConfiguration tracingConfiguration,
            Boolean publish,
            @Length(max = 256) String versionDescription,
            EncryptionConfiguration encryptionConfiguration) {}

    public record UpdateStateMachineOutput(Instant updateDate, String revisionId, String stateMachineVersionArn) {}

    public record DeleteStateMachineInput(@Required @Length(min = 1, max = 256) String stateMachineArn) {}

    public record ListStateMachinesInput(@Range(min = 0, max = 1000) Integer maxResults,
                                         @Length(min = 1, max = 1024) String nextToken) {}

    public record StateMachineListItem(String stateMachineArn, String name, String type, Instant creationDate) {}

    public record ListStateMachinesOutput(List<StateMachineListItem> stateMachines, String nextToken) {}

    public record PublishStateMachineVersionInput(@Required @Length(min = 1, max = 256) String stateMachineArn,
                                                  String revisionId, @Length(max = 256) String description) {}

    public record PublishStateMachineVersionOutput(Instant creationDate, String stateMachineVersionArn) {}

    public record ListStateMachineVersionsInput(@Required @Length(min = 1, max = 256) String stateMachineArn,
                                                @Length(min = 1, max = 1024) String nextToken,
                                                @Range(min = 0, max = 1000) Integer maxResults) {}

    public record StateMachineVersionListItem(String stateMachineVersionArn, Instant creationDate) {}

    public record ListStateMachineVersionsOutput(List<StateMachineVersionListItem> stateMachineVersions, String nextToken) {}

    public record DeleteStateMachineVersionInput(@Required @Length(min = 1, max = 2000) String stateMachineVersionArn) {}

    /**
     * What a revision is made of (spec §3.1), with AWS's defaults filled in so that an omitted
     * configuration and its default compare equal.
     */
    record Revision(String definition, String roleArn, LoggingConfiguration loggingConfiguration,
                    TracingConfiguration tracingConfiguration, EncryptionConfiguration encryptionConfiguration) {}

    /**
     * What the store keeps for a state machine.
     *
     * @param revisionId   null until an update changes something (AWS shows none before)
     * @param creation     the publish arguments of the creating request, for CreateStateMachine's idempotency
     */
    record StateMachineDoc(String name, String type, Revision revision, String revisionId, long creationDate,
                           Long updateDate, Creation creation) {}

    /** The publish arguments CreateStateMachine was called with, and the version it published. */
    record Creation(boolean publish, String versionDescription, String versionArn) {}

    /** What the store keeps for a version: an immutable copy of one revision. */
    record VersionDoc(String stateMachineArn, String name, String type, long number, Revision revision,
                      String revisionId, String description, long creationDate) {}
}
