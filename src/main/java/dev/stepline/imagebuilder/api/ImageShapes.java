package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.RecipeShapes.LatestVersions;
import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wire shapes of the image operations (model 2019-12-02: CreateImage, GetImage, ListImages,
 * ListImageBuildVersions, CancelImageCreation, RetryImage, DeleteImage). Output images are built
 * as JSON objects from the stored rows, member names as the model has them.
 */
public final class ImageShapes {
    static final String ROLE_NAME_OR_ARN = "^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/)?[a-zA-Z_0-9+=,.@\\-_/]+$";
    static final String PARALLEL_GROUP = "^[A-Za-z0-9][A-Za-z0-9-_+#]{0,99}$";

    private ImageShapes() {}

    public record WorkflowParameter(@Required @Length(min = 1, max = 128) String name, @Required List<String> value) {}

    public record WorkflowConfiguration(@Required String workflowArn,
                                        @Length(min = 1) List<WorkflowParameter> parameters,
                                        @Length(min = 1, max = 100) @Pattern(PARALLEL_GROUP) String parallelGroup,
                                        @OneOf({"CONTINUE", "ABORT"}) String onFailure) {}

    public record ImageTestsConfiguration(Boolean imageTestsEnabled, @Range(min = 60, max = 1440) Integer timeoutMinutes) {}

    public record EcrConfiguration(@Length(min = 1, max = 1024) String repositoryName,
                                   List<@Length(min = 1, max = 1024) String> containerTags) {}

    public record ImageScanningConfiguration(Boolean imageScanningEnabled, EcrConfiguration ecrConfiguration) {}

    public record ImageLoggingConfiguration(@Length(min = 1, max = 512) @Pattern("^[a-zA-Z0-9\\-_/\\.]{1,512}$") String logGroupName) {}

    public record CreateImageInput(
            String imageRecipeArn,
            String containerRecipeArn,
            String distributionConfigurationArn,
            @Required String infrastructureConfigurationArn,
            ImageTestsConfiguration imageTestsConfiguration,
            Boolean enhancedImageMetadataEnabled,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(CommonShapes.TAG_KEY_PATTERN) String,
                    @Length(max = 256) String> tags,
            @Required @Length(min = 1, max = 64) String clientToken,
            ImageScanningConfiguration imageScanningConfiguration,
            List<WorkflowConfiguration> workflows,
            @Length(min = 1, max = 2048) @Pattern(ROLE_NAME_OR_ARN) String executionRole,
            ImageLoggingConfiguration loggingConfiguration) {}

    public record CreateImageOutput(String requestId, String clientToken, String imageBuildVersionArn,
                                    LatestVersions latestVersionReferences) {}

    public record GetImageInput(@Required String imageBuildVersionArn) {}

    public record GetImageOutput(String requestId, ObjectNode image, LatestVersions latestVersionReferences) {}

    public record ListImagesInput(
            @OneOf({"Self", "Shared", "Amazon", "ThirdParty", "AWSMarketplace"}) String owner,
            @Length(min = 1, max = 10) List<ListFilters.Filter> filters,
            Boolean byName,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken,
            Boolean includeDeprecated) {}

    public record ListImagesOutput(String requestId, List<ObjectNode> imageVersionList, String nextToken) {}

    public record ListImageBuildVersionsInput(
            String imageVersionArn,
            @Length(min = 1, max = 10) List<ListFilters.Filter> filters,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record ListImageBuildVersionsOutput(String requestId, List<ObjectNode> imageSummaryList, String nextToken) {}

    public record CancelImageCreationInput(@Required String imageBuildVersionArn,
                                           @Required @Length(min = 1, max = 64) String clientToken) {}

    public record CancelImageCreationOutput(String requestId, String clientToken, String imageBuildVersionArn) {}

    public record RetryImageInput(@Required String imageBuildVersionArn,
                                  @Required @Length(min = 1, max = 64) String clientToken) {}

    public record RetryImageOutput(String clientToken, String imageBuildVersionArn) {}

    public record DeleteImageInput(@Required String imageBuildVersionArn) {}

    public record DeleteImageOutput(String requestId, String imageBuildVersionArn) {}
}
