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
 * Wire shapes of the component operations (model {@code CreateComponentRequest},
 * {@code Component}, {@code ComponentVersion}, {@code ComponentSummary}), components in model
 * member order.
 */
public final class ComponentShapes {
    private ComponentShapes() {}

    public record CreateComponentInput(
            @Required String name,
            @Required String semanticVersion,
            @Length(min = 1, max = 1024) String description,
            @Length(min = 1, max = 1024) String changeDescription,
            @Required @OneOf({"Windows", "Linux", "macOS"}) String platform,
            @Length(min = 1, max = 25) List<@Length(min = 1) String> supportedOsVersions,
            @Length(min = 1, max = 16000) String data,
            String uri,
            @Length(min = 1, max = 1024) String kmsKeyId,
            @Length(min = 1, max = 50) Map<@Length(min = 1, max = 128) @Pattern(CommonShapes.TAG_KEY_PATTERN) String,
                    @Length(max = 256) String> tags,
            @Required @Length(min = 1, max = 64) String clientToken,
            Boolean dryRun) {}

    public record CreateComponentOutput(String requestId, String clientToken, String componentBuildVersionArn,
                                        LatestVersionReferencesShape latestVersionReferences) {
        CreateComponentOutput withRequestId(String id) {
            return new CreateComponentOutput(id, clientToken, componentBuildVersionArn, latestVersionReferences);
        }
    }

    public record GetComponentInput(@Required String componentBuildVersionArn) {}

    public record ComponentState(String status, String reason) {}

    public record ComponentParameterDetail(String name, String type, List<String> defaultValue, String description) {}

    public record Component(String arn, String name, String version, String description, String changeDescription,
                            String type, String platform, List<String> supportedOsVersions, ComponentState state,
                            List<ComponentParameterDetail> parameters, String owner, String data, String kmsKeyId,
                            Boolean encrypted, String dateCreated, Map<String, String> tags) {}

    public record GetComponentOutput(String requestId, Component component,
                                     LatestVersionReferencesShape latestVersionReferences) {}

    public record ListComponentsInput(
            @OneOf({"Self", "Shared", "Amazon", "ThirdParty", "AWSMarketplace"}) String owner,
            @Length(min = 1, max = 10) List<Filter> filters,
            Boolean byName,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record ComponentVersion(String arn, String name, String version, String description, String platform,
                                   List<String> supportedOsVersions, String type, String owner, String dateCreated,
                                   String status) {}

    public record ListComponentsOutput(String requestId, List<ComponentVersion> componentVersionList,
                                       String nextToken) {}

    public record ListComponentBuildVersionsInput(
            String componentVersionArn,
            @Range(min = 1, max = 25) Integer maxResults,
            @Length(min = 1, max = 65535) String nextToken) {}

    public record ComponentSummary(String arn, String name, String version, String platform,
                                   List<String> supportedOsVersions, ComponentState state, String type, String owner,
                                   String description, String changeDescription, String dateCreated,
                                   Map<String, String> tags) {}

    public record ListComponentBuildVersionsOutput(String requestId, List<ComponentSummary> componentSummaryList,
                                                   String nextToken) {}

    public record DeleteComponentInput(@Required String componentBuildVersionArn) {}

    public record DeleteComponentOutput(String requestId, String componentBuildVersionArn) {}

    public record GetComponentPolicyInput(@Required String componentArn) {}

    public record GetComponentPolicyOutput(String requestId, String policy) {}

    /** What the store keeps for one component build version; tags live in the tag table. */
    record ComponentDoc(String name, String version, int build, String type, String platform,
                        List<String> supportedOsVersions, String description, String changeDescription,
                        String kmsKeyId, String data, long dateCreated, List<ComponentParameterDetail> parameters) {}
}
