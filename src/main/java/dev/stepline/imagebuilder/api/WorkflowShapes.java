package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.CommonShapes.Filter;
import dev.stepline.imagebuilder.api.CommonShapes.LatestVersionReferencesShape;
import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import java.util.Map;

/**
 * Wire shapes of the workflow operations (model {@code CreateWorkflowRequest}, {@code Workflow},
 * {@code WorkflowVersion}, {@code WorkflowSummary}). Components are in model member order, which
 * is the order violations are reported in. Patterns with observed AWS wording (names, versions,
 * ARNs) are checked by the handlers after these annotations.
 */
public final class WorkflowShapes {
    private WorkflowShapes() {}

    public record CreateWorkflowInput(
            @Required String name,
            @Required String semanticVersion,
            @Length(min = 1, max = 1024) String description,
            @Length(min = 1, max = 1024) String changeDescription,
            @Length(min = 1, max = 16000) String data,
            String uri,
            @Length(min = 1, max = 1024) String kmsKeyId,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(CommonShapes.TAG_KEY_PATTERN) String,
                    @Length(max = 256) String> tags,
            @Required @Length(min = 1, max = 64) String clientToken,
            @Required @OneOf({"BUILD", "TEST", "DISTRIBUTION"}) String type,
            Boolean dryRun) {}

    public record CreateWorkflowOutput(String clientToken, String workflowBuildVersionArn,
                                       LatestVersionReferencesShape latestVersionReferences) {}

    public record GetWorkflowInput(@Required String workflowBuildVersionArn) {}

    public record GetWorkflowOutput(Workflow workflow, LatestVersionReferencesShape latestVersionReferences) {}

    public record WorkflowState(String status, String reason) {}

    public record WorkflowParameterDetail(String name, String type, List<String> defaultValue, String description) {}

    public record Workflow(String arn, String name, String version, String description, String changeDescription,
                           String type, WorkflowState state, String owner, String data, String kmsKeyId,
                           String dateCreated, Map<String, String> tags, List<WorkflowParameterDetail> parameters) {}

    public record ListWorkflowsInput(
            @OneOf({"Self", "Shared", "Amazon", "ThirdParty", "AWSMarketplace"}) String owner,
            @Length(min = 1, max = 10) List<Filter> filters,
            Boolean byName,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record WorkflowVersion(String arn, String name, String version, String description, String type,
                                  String owner, String dateCreated) {}

    public record ListWorkflowsOutput(List<WorkflowVersion> workflowVersionList, String nextToken) {}

    public record ListWorkflowBuildVersionsInput(
            String workflowVersionArn,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record WorkflowSummary(String arn, String name, String version, String description, String changeDescription,
                                  String type, String owner, WorkflowState state, String dateCreated,
                                  Map<String, String> tags) {}

    public record ListWorkflowBuildVersionsOutput(List<WorkflowSummary> workflowSummaryList, String nextToken) {}

    public record DeleteWorkflowInput(@Required String workflowBuildVersionArn) {}

    public record DeleteWorkflowOutput(String workflowBuildVersionArn) {}

    /** What the store keeps for one workflow build version; tags live in the tag table. */
    record WorkflowDoc(String name, String version, int build, String type, String description,
                       String changeDescription, String kmsKeyId, String data, long dateCreated,
                       List<WorkflowParameterDetail> parameters) {}
}
