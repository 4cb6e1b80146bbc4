package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.ImageShapes.ImageScanningConfiguration;
import dev.stepline.imagebuilder.api.ImageShapes.ImageTestsConfiguration;
import dev.stepline.imagebuilder.api.ImageShapes.WorkflowConfiguration;
import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Wire shapes of the image pipeline operations (model 2019-12-02). */
public final class PipelineShapes {
    private static final String LOG_GROUP = "^[a-zA-Z0-9\\-_/\\.]{1,512}$";

    private static final String TIMEZONE = "^[a-zA-Z0-9]{2,}(?:\\/[a-zA-Z0-9-_+]+)*$";

    private PipelineShapes() {}

    public record AutoDisablePolicy(@Required @Range(min = 1, max = 10) Integer failureCount) {}

    public record Schedule(@Length(min = 1, max = 1024) String scheduleExpression,
                           @Length(min = 3, max = 100) @Pattern(TIMEZONE) String timezone,
                           @OneOf({"EXPRESSION_MATCH_ONLY", "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE"})
                           String pipelineExecutionStartCondition,
                           AutoDisablePolicy autoDisablePolicy) {}

    public record PipelineLoggingConfiguration(@Length(min = 1, max = 512) @Pattern(LOG_GROUP) String imageLogGroupName,
                                               @Length(min = 1, max = 512) @Pattern(LOG_GROUP) String pipelineLogGroupName) {}

    public record CreateImagePipelineInput(
            @Required String name,
            @Length(min = 1, max = 1024) String description,
            String imageRecipeArn,
            String containerRecipeArn,
            @Required String infrastructureConfigurationArn,
            String distributionConfigurationArn,
            ImageTestsConfiguration imageTestsConfiguration,
            Boolean enhancedImageMetadataEnabled,
            Schedule schedule,
            @OneOf({"DISABLED", "ENABLED"}) String status,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(CommonShapes.TAG_KEY_PATTERN) String,
                    @Length(max = 256) String> tags,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(CommonShapes.TAG_KEY_PATTERN) String,
                    @Length(max = 256) String> imageTags,
            @Required @Length(min = 1, max = 64) String clientToken,
            ImageScanningConfiguration imageScanningConfiguration,
            List<WorkflowConfiguration> workflows,
            @Length(min = 1, max = 2048) @Pattern(ImageShapes.ROLE_NAME_OR_ARN) String executionRole,
            PipelineLoggingConfiguration loggingConfiguration) {}

    public record CreateImagePipelineOutput(String requestId, String clientToken, String imagePipelineArn) {}

    public record UpdateImagePipelineInput(
            @Required String imagePipelineArn,
            @Length(min = 1, max = 1024) String description,
            String imageRecipeArn,
            String containerRecipeArn,
            @Required String infrastructureConfigurationArn,
            String distributionConfigurationArn,
            ImageTestsConfiguration imageTestsConfiguration,
            Boolean enhancedImageMetadataEnabled,
            Schedule schedule,
            @OneOf({"DISABLED", "ENABLED"}) String status,
            @Required @Length(min = 1, max = 64) String clientToken,
            ImageScanningConfiguration imageScanningConfiguration,
            List<WorkflowConfiguration> workflows,
            PipelineLoggingConfiguration loggingConfiguration,
            @Length(min = 1, max = 2048) @Pattern(ImageShapes.ROLE_NAME_OR_ARN) String executionRole,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(CommonShapes.TAG_KEY_PATTERN) String,
                    @Length(max = 256) String> imageTags) {}

    public record UpdateImagePipelineOutput(String requestId, String clientToken, String imagePipelineArn) {}

    public record GetImagePipelineInput(@Required String imagePipelineArn) {}

    public record GetImagePipelineOutput(String requestId, ObjectNode imagePipeline) {}

    public record ListImagePipelinesInput(@Length(min = 1, max = 10) List<ListFilters.Filter> filters,
                                          @Range(min = 1, max = 25) Integer maxResults,
                                          @Length(min = 1, max = 65535) String nextToken) {}

    public record ListImagePipelinesOutput(String requestId, List<ObjectNode> imagePipelineList, String nextToken) {}

    public record DeleteImagePipelineInput(@Required String imagePipelineArn) {}

    public record DeleteImagePipelineOutput(String requestId, String imagePipelineArn) {}

    public record StartImagePipelineExecutionInput(
            @Required String imagePipelineArn,
            @Required @Length(min = 1, max = 64) String clientToken,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(CommonShapes.TAG_KEY_PATTERN) String,
                    @Length(max = 256) String> tags) {}

    public record StartImagePipelineExecutionOutput(String requestId, String clientToken, String imageBuildVersionArn) {}

    public record ListImagePipelineImagesInput(@Required String imagePipelineArn,
                                               @Length(min = 1, max = 10) List<ListFilters.Filter> filters,
                                               @Range(min = 1, max = 25) Integer maxResults,
                                               @Length(min = 1, max = 65535) String nextToken) {}

    public record ListImagePipelineImagesOutput(String requestId, List<ObjectNode> imageSummaryList, String nextToken) {}

    /**
     * What the store keeps for a pipeline: the request as sent or as last updated (tags live in the
     * tag store), the id of its current schedule execution (null when it has none: no schedule, or
     * DISABLED) and when it was last updated.
     */
    record PipelineDoc(CreateImagePipelineInput request, String platform, String scheduleId, Long dateUpdated) {}
}
