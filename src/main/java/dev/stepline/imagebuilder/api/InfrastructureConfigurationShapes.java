package dev.stepline.imagebuilder.api;

import static dev.stepline.imagebuilder.api.RecipeShapes.TAG_KEY;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import java.util.Map;

/** Wire shapes of the infrastructure configuration operations (model 2019-12-02). */
public final class InfrastructureConfigurationShapes {
    static final String INSTANCE_PROFILE_NAME = "^[\\w+=,.@-]+$";
    static final String SNS_TOPIC_ARN = "^arn:aws[^:]*:sns:[^:]+:[0-9]{12}:[a-zA-Z0-9-_]{1,256}$";

    private InfrastructureConfigurationShapes() {}

    public record S3Logs(@Length(min = 1, max = 1024) String s3BucketName, @Length(min = 1, max = 1024) String s3KeyPrefix) {}

    public record Logging(S3Logs s3Logs) {}

    /** {@code httpTokens}' model pattern is {@code optional|required}; checked as the two values. */
    public record InstanceMetadataOptions(@OneOf({"optional", "required"}) String httpTokens,
                                          @Range(min = 1, max = 64) Integer httpPutResponseHopLimit) {}

    public record Placement(@Length(min = 1, max = 1024) String availabilityZone,
                            @OneOf({"default", "dedicated", "host"}) String tenancy,
                            @Length(min = 1, max = 1024) String hostId,
                            @Length(min = 1, max = 1024) String hostResourceGroupArn) {}

    public record CreateInfrastructureConfigurationInput(
            @Required String name,
            @Length(min = 1, max = 1024) String description,
            List<String> instanceTypes,
            @Required @Length(min = 1, max = 256) @Pattern(INSTANCE_PROFILE_NAME) String instanceProfileName,
            List<@Length(min = 1, max = 1024) String> securityGroupIds,
            @Length(min = 1, max = 1024) String subnetId,
            Logging logging,
            @Length(min = 1, max = 1024) String keyPair,
            Boolean terminateInstanceOnFailure,
            @Pattern(SNS_TOPIC_ARN) String snsTopicArn,
            @Length(min = 1, max = 30) Map<@Length(min = 1, max = 128) @Pattern(TAG_KEY) String, @Length(max = 256) String> resourceTags,
            InstanceMetadataOptions instanceMetadataOptions,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(TAG_KEY) String, @Length(max = 256) String> tags,
            Placement placement,
            @Required @Length(min = 1, max = 64) String clientToken) {}

    public record CreateInfrastructureConfigurationOutput(String requestId, String clientToken,
                                                          String infrastructureConfigurationArn) {}

    public record UpdateInfrastructureConfigurationInput(
            @Required String infrastructureConfigurationArn,
            @Length(min = 1, max = 1024) String description,
            List<String> instanceTypes,
            @Required @Length(min = 1, max = 256) @Pattern(INSTANCE_PROFILE_NAME) String instanceProfileName,
            List<@Length(min = 1, max = 1024) String> securityGroupIds,
            @Length(min = 1, max = 1024) String subnetId,
            Logging logging,
            @Length(min = 1, max = 1024) String keyPair,
            Boolean terminateInstanceOnFailure,
            @Pattern(SNS_TOPIC_ARN) String snsTopicArn,
            @Length(min = 1, max = 30) Map<@Length(min = 1, max = 128) @Pattern(TAG_KEY) String, @Length(max = 256) String> resourceTags,
            InstanceMetadataOptions instanceMetadataOptions,
            Placement placement,
            @Required @Length(min = 1, max = 64) String clientToken) {}

    public record UpdateInfrastructureConfigurationOutput(String requestId, String clientToken,
                                                          String infrastructureConfigurationArn) {}

    public record GetInfrastructureConfigurationInput(@Required String infrastructureConfigurationArn) {}

    public record InfrastructureConfiguration(String arn, String name, String description, List<String> instanceTypes,
                                              String instanceProfileName, List<String> securityGroupIds, String subnetId,
                                              Logging logging, String keyPair, Boolean terminateInstanceOnFailure,
                                              String snsTopicArn, String dateCreated, String dateUpdated,
                                              Map<String, String> resourceTags,
                                              InstanceMetadataOptions instanceMetadataOptions,
                                              Map<String, String> tags, Placement placement) {}

    public record GetInfrastructureConfigurationOutput(String requestId,
                                                       InfrastructureConfiguration infrastructureConfiguration) {}

    public record ListInfrastructureConfigurationsInput(
            @Length(min = 1, max = 10) List<ListFilters.Filter> filters,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record InfrastructureConfigurationSummary(String arn, String name, String description, String dateCreated,
                                                     String dateUpdated, Map<String, String> resourceTags,
                                                     Map<String, String> tags, List<String> instanceTypes,
                                                     String instanceProfileName, Placement placement) {}

    public record ListInfrastructureConfigurationsOutput(
            String requestId, List<InfrastructureConfigurationSummary> infrastructureConfigurationSummaryList,
            String nextToken) {}

    public record DeleteInfrastructureConfigurationInput(@Required String infrastructureConfigurationArn) {}

    public record DeleteInfrastructureConfigurationOutput(String requestId, String infrastructureConfigurationArn) {}

    /** The updatable settings, as the store keeps them; {@code dateUpdated} is epoch millis. */
    record InfrastructureDoc(String name, String description, List<String> instanceTypes, String instanceProfileName,
                             List<String> securityGroupIds, String subnetId, Logging logging, String keyPair,
                             boolean terminateInstanceOnFailure, String snsTopicArn, Map<String, String> resourceTags,
                             InstanceMetadataOptions instanceMetadataOptions, Placement placement, Long dateUpdated) {}
}
