package dev.stepline.imagebuilder.api;

import static dev.stepline.imagebuilder.api.RecipeShapes.TAG_KEY;

import dev.stepline.imagebuilder.api.RecipeShapes.ComponentConfiguration;
import dev.stepline.imagebuilder.api.RecipeShapes.InstanceBlockDeviceMapping;
import dev.stepline.imagebuilder.api.RecipeShapes.LatestVersions;
import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import java.util.Map;

/** Wire shapes of the image recipe operations (model 2019-12-02). */
public final class ImageRecipeShapes {
    private ImageRecipeShapes() {}

    public record SystemsManagerAgent(Boolean uninstallAfterBuild) {}

    public record AdditionalInstanceConfiguration(
            SystemsManagerAgent systemsManagerAgent,
            @Length(min = 1, max = 21847) @Pattern("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
            String userDataOverride) {}

    public record CreateImageRecipeInput(
            @Required String name,
            @Length(min = 1, max = 1024) String description,
            @Required String semanticVersion,
            @Length(min = 1) List<ComponentConfiguration> components,
            @Required @Length(min = 1, max = 1024) String parentImage,
            List<InstanceBlockDeviceMapping> blockDeviceMappings,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(TAG_KEY) String, @Length(max = 256) String> tags,
            @Length(min = 1, max = 1024) String workingDirectory,
            AdditionalInstanceConfiguration additionalInstanceConfiguration,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(TAG_KEY) String, @Length(max = 256) String> amiTags,
            @Length(min = 1, max = 5) List<@Length(min = 3, max = 128)
                    @Pattern("^[A-Za-z0-9()\\[\\]./'@_\\-][A-Za-z0-9 ()\\[\\]./'@_\\-]{1,126}[A-Za-z0-9()\\[\\]./'@_\\-]$") String> amiWatermarks,
            @Required @Length(min = 1, max = 64) String clientToken) {}

    public record CreateImageRecipeOutput(String requestId, String clientToken, String imageRecipeArn,
                                          LatestVersions latestVersionReferences) {}

    public record GetImageRecipeInput(@Required String imageRecipeArn) {}

    public record ImageRecipe(String arn, String type, String name, String description, String platform, String owner,
                              String version, List<ComponentConfiguration> components, String parentImage,
                              List<InstanceBlockDeviceMapping> blockDeviceMappings, String dateCreated,
                              Map<String, String> tags, String workingDirectory,
                              AdditionalInstanceConfiguration additionalInstanceConfiguration,
                              Map<String, String> amiTags, List<String> amiWatermarks) {}

    public record GetImageRecipeOutput(String requestId, ImageRecipe imageRecipe, LatestVersions latestVersionReferences) {}

    public record ListImageRecipesInput(
            @OneOf({"Self", "Shared", "Amazon", "ThirdParty", "AWSMarketplace"}) String owner,
            @Length(min = 1, max = 10) List<ListFilters.Filter> filters,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record ImageRecipeSummary(String arn, String name, String platform, String owner, String parentImage,
                                     String dateCreated, Map<String, String> tags) {}

    public record ListImageRecipesOutput(String requestId, List<ImageRecipeSummary> imageRecipeSummaryList,
                                         String nextToken) {}

    public record DeleteImageRecipeInput(@Required String imageRecipeArn) {}

    public record DeleteImageRecipeOutput(String requestId, String imageRecipeArn) {}

    /** What the store keeps for an image recipe (tags live in the tag store). */
    record ImageRecipeDoc(String name, String description, String platform, String version,
                          List<ComponentConfiguration> components, String parentImage,
                          List<InstanceBlockDeviceMapping> blockDeviceMappings, String workingDirectory,
                          AdditionalInstanceConfiguration additionalInstanceConfiguration,
                          Map<String, String> amiTags, List<String> amiWatermarks) {}
}
