package dev.stepline.imagebuilder.api;

import static dev.stepline.imagebuilder.api.RecipeShapes.TAG_KEY;

import dev.stepline.imagebuilder.api.RecipeShapes.ComponentConfiguration;
import dev.stepline.imagebuilder.api.RecipeShapes.InstanceBlockDeviceMapping;
import dev.stepline.imagebuilder.api.RecipeShapes.LatestVersions;
import dev.stepline.imagebuilder.api.RecipeShapes.TargetContainerRepository;
import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import java.util.Map;

/** Wire shapes of the container recipe operations (model 2019-12-02). */
public final class ContainerRecipeShapes {
    private ContainerRecipeShapes() {}

    public record InstanceConfiguration(@Length(min = 1, max = 1024) String image,
                                        List<InstanceBlockDeviceMapping> blockDeviceMappings) {}

    public record CreateContainerRecipeInput(
            @Required @OneOf("DOCKER") String containerType,
            @Required String name,
            @Length(min = 1, max = 1024) String description,
            @Required String semanticVersion,
            @Length(min = 1) List<ComponentConfiguration> components,
            InstanceConfiguration instanceConfiguration,
            @Length(min = 1, max = 16000) String dockerfileTemplateData,
            String dockerfileTemplateUri,
            @OneOf({"Windows", "Linux", "macOS"}) String platformOverride,
            @Length(min = 1, max = 1024) String imageOsVersionOverride,
            @Required @Length(min = 1, max = 1024) String parentImage,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(TAG_KEY) String, @Length(max = 256) String> tags,
            @Length(min = 1, max = 1024) String workingDirectory,
            @Required TargetContainerRepository targetRepository,
            @Length(min = 1, max = 1024) String kmsKeyId,
            @Required @Length(min = 1, max = 64) String clientToken) {}

    public record CreateContainerRecipeOutput(String requestId, String clientToken, String containerRecipeArn,
                                              LatestVersions latestVersionReferences) {}

    public record GetContainerRecipeInput(@Required String containerRecipeArn) {}

    public record ContainerRecipe(String arn, String containerType, String name, String description, String platform,
                                  String owner, String version, List<ComponentConfiguration> components,
                                  InstanceConfiguration instanceConfiguration, String dockerfileTemplateData,
                                  String kmsKeyId, Boolean encrypted, String parentImage, String dateCreated,
                                  Map<String, String> tags, String workingDirectory,
                                  TargetContainerRepository targetRepository) {}

    public record GetContainerRecipeOutput(String requestId, ContainerRecipe containerRecipe,
                                           LatestVersions latestVersionReferences) {}

    public record ListContainerRecipesInput(
            @OneOf({"Self", "Shared", "Amazon", "ThirdParty", "AWSMarketplace"}) String owner,
            @Length(min = 1, max = 10) List<ListFilters.Filter> filters,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record ContainerRecipeSummary(String arn, String containerType, String name, String platform, String owner,
                                         String parentImage, String dateCreated, String instanceImage,
                                         Map<String, String> tags) {}

    public record ListContainerRecipesOutput(String requestId, List<ContainerRecipeSummary> containerRecipeSummaryList,
                                             String nextToken) {}

    public record DeleteContainerRecipeInput(@Required String containerRecipeArn) {}

    public record DeleteContainerRecipeOutput(String requestId, String containerRecipeArn) {}

    /** What the store keeps for a container recipe (tags live in the tag store). */
    record ContainerRecipeDoc(String containerType, String name, String description, String platform, String version,
                              List<ComponentConfiguration> components, InstanceConfiguration instanceConfiguration,
                              String dockerfileTemplateData, String imageOsVersionOverride, String kmsKeyId,
                              String parentImage, String workingDirectory, TargetContainerRepository targetRepository) {}
}
