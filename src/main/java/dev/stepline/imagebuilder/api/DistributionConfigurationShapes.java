package dev.stepline.imagebuilder.api;

import static dev.stepline.imagebuilder.api.RecipeShapes.ACCOUNT_ID;
import static dev.stepline.imagebuilder.api.RecipeShapes.TAG_KEY;

import dev.stepline.imagebuilder.api.RecipeShapes.TargetContainerRepository;
import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import java.util.Map;

/** Wire shapes of the distribution configuration operations (model 2019-12-02). */
public final class DistributionConfigurationShapes {
    static final String LAUNCH_TEMPLATE_ID = "^lt-[a-z0-9-_]{17}$";

    private DistributionConfigurationShapes() {}

    public record LaunchPermissionConfiguration(
            @Length(min = 1, max = 1536) List<@Pattern(ACCOUNT_ID) String> userIds,
            List<@Length(min = 1, max = 1024) String> userGroups,
            @Length(min = 1, max = 25) List<@Pattern("^arn:aws[^:]*:organizations::[0-9]{12}:organization/o-[a-z0-9]{10,32}$") String> organizationArns,
            @Length(min = 1, max = 25) List<@Pattern("^arn:aws[^:]*:organizations::[0-9]{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}") String> organizationalUnitArns) {}

    public record AmiDistributionConfiguration(
            @Length(min = 1, max = 127) @Pattern("^[-_A-Za-z0-9{][-_A-Za-z0-9\\s:{}\\.]+[-_A-Za-z0-9}]$") String name,
            @Length(min = 1, max = 1024) String description,
            @Length(min = 1, max = 1536) List<@Pattern(ACCOUNT_ID) String> targetAccountIds,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(TAG_KEY) String, @Length(max = 256) String> amiTags,
            @Length(min = 1, max = 1024) String kmsKeyId,
            LaunchPermissionConfiguration launchPermission) {}

    public record ContainerDistributionConfiguration(@Length(min = 1, max = 1024) String description,
                                                     List<@Length(min = 1, max = 1024) String> containerTags,
                                                     @Required TargetContainerRepository targetRepository) {}

    public record LaunchTemplateConfiguration(@Required @Pattern(LAUNCH_TEMPLATE_ID) String launchTemplateId,
                                              @Pattern(ACCOUNT_ID) String accountId,
                                              Boolean setDefaultVersion) {}

    public record S3ExportConfiguration(@Required @Length(min = 1, max = 1024) String roleName,
                                        @Required @OneOf({"VMDK", "RAW", "VHD"}) String diskImageFormat,
                                        @Required @Length(min = 1, max = 1024) String s3Bucket,
                                        @Length(min = 1, max = 1024) String s3Prefix) {}

    public record FastLaunchSnapshotConfiguration(@Range(min = 1, max = 10000) Integer targetResourceCount) {}

    public record FastLaunchLaunchTemplateSpecification(@Pattern(LAUNCH_TEMPLATE_ID) String launchTemplateId,
                                                        @Length(min = 1, max = 1024) String launchTemplateName,
                                                        @Length(min = 1, max = 1024) String launchTemplateVersion) {}

    public record FastLaunchConfiguration(@Required Boolean enabled,
                                          FastLaunchSnapshotConfiguration snapshotConfiguration,
                                          @Range(min = 1) Integer maxParallelLaunches,
                                          FastLaunchLaunchTemplateSpecification launchTemplate,
                                          @Pattern(ACCOUNT_ID) String accountId) {}

    public record SsmParameterConfiguration(@Pattern(ACCOUNT_ID) String amiAccountId,
                                            @Required @Length(min = 1, max = 1011) @Pattern("^[a-zA-Z0-9_.\\-\\/]+$") String parameterName,
                                            @OneOf({"text", "aws:ec2:image"}) String dataType) {}

    public record Distribution(
            @Required @Length(min = 1, max = 1024) String region,
            AmiDistributionConfiguration amiDistributionConfiguration,
            ContainerDistributionConfiguration containerDistributionConfiguration,
            @Length(min = 1, max = 50) List<@Pattern("^arn:aws[^:]*:license-manager:[^:]+:[0-9]{12}:license-configuration:lic-[a-z0-9-_]{32}$") String> licenseConfigurationArns,
            @Length(min = 1, max = 100) List<LaunchTemplateConfiguration> launchTemplateConfigurations,
            S3ExportConfiguration s3ExportConfiguration,
            @Length(min = 1, max = 1000) List<FastLaunchConfiguration> fastLaunchConfigurations,
            List<SsmParameterConfiguration> ssmParameterConfigurations) {}

    public record CreateDistributionConfigurationInput(
            @Required String name,
            @Length(min = 1, max = 1024) String description,
            @Required List<Distribution> distributions,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(TAG_KEY) String, @Length(max = 256) String> tags,
            @Required @Length(min = 1, max = 64) String clientToken) {}

    public record CreateDistributionConfigurationOutput(String requestId, String clientToken,
                                                        String distributionConfigurationArn) {}

    public record UpdateDistributionConfigurationInput(
            @Required String distributionConfigurationArn,
            @Length(min = 1, max = 1024) String description,
            @Required List<Distribution> distributions,
            @Required @Length(min = 1, max = 64) String clientToken) {}

    public record UpdateDistributionConfigurationOutput(String requestId, String clientToken,
                                                        String distributionConfigurationArn) {}

    public record GetDistributionConfigurationInput(@Required String distributionConfigurationArn) {}

    public record DistributionConfiguration(String arn, String name, String description, List<Distribution> distributions,
                                            int timeoutMinutes, String dateCreated, String dateUpdated,
                                            Map<String, String> tags) {}

    public record GetDistributionConfigurationOutput(String requestId, DistributionConfiguration distributionConfiguration) {}

    public record ListDistributionConfigurationsInput(
            @Length(min = 1, max = 10) List<ListFilters.Filter> filters,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record DistributionConfigurationSummary(String arn, String name, String description, String dateCreated,
                                                   String dateUpdated, Map<String, String> tags, List<String> regions) {}

    public record ListDistributionConfigurationsOutput(
            String requestId, List<DistributionConfigurationSummary> distributionConfigurationSummaryList,
            String nextToken) {}

    public record DeleteDistributionConfigurationInput(@Required String distributionConfigurationArn) {}

    public record DeleteDistributionConfigurationOutput(String requestId, String distributionConfigurationArn) {}

    /** What the store keeps; {@code dateUpdated} is epoch millis. */
    record DistributionDoc(String name, String description, List<Distribution> distributions, Long dateUpdated) {}
}
