package dev.stepline.imagebuilder.arn;

import static java.util.Objects.requireNonNull;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * An Image Builder ARN, {@code arn:{partition}:imagebuilder:{region}:{owner}:{kind}/{name}[/{version}[/{build}]]}
 * (spec §1.2). The {@code name} is the normalized ARN segment ({@link ResourceNames#arnName}),
 * never the display name. {@code version} may hold {@code x} nodes; a {@code build} requires an
 * exact version and a kind with builds.
 *
 * <p>Build instances with the factories ({@link #workflowBuildVersion}, {@link #component}, ...)
 * and render with {@link #toString()}. Parse untrusted input with {@link ArnShape#parse}, which
 * applies the model pattern of the member first; {@link #parse(String)} accepts any ARN the
 * generic {@code ImageBuilderArn} pattern accepts.
 */
public record ImageBuilderArn(
        String partition,
        String region,
        String owner,
        ResourceKind kind,
        String name,
        Optional<VersionPattern> version,
        OptionalInt build) {

    /** The owner segment of AWS-managed resources. */
    public static final String AWS_OWNER = "aws";
    /** The default partition. */
    public static final String AWS_PARTITION = "aws";

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9-_]+");

    public ImageBuilderArn {
        requireNonNull(partition, "partition is null");
        requireNonNull(region, "region is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        requireNonNull(build, "build is null");
        if (!SEGMENT.matcher(name).matches()) {
            throw new IllegalArgumentException("ARN name segment must match [a-z0-9-_]+: " + name);
        }
        if (version.isPresent() && !kind.versioned()) {
            throw new IllegalArgumentException(kind + " ARNs carry no version");
        }
        if (build.isPresent()) {
            if (!kind.hasBuilds() || version.isEmpty() || !version.get().isExact()) {
                throw new IllegalArgumentException("a build number needs an exact version on a kind with builds");
            }
            if (build.getAsInt() < 0) {
                throw new IllegalArgumentException("build must not be negative");
            }
        }
    }

    /** {@code workflow/{type}/{name}/{version}/{build}}. */
    public static ImageBuilderArn workflowBuildVersion(String region, String owner, WorkflowType type, String name,
            BuildVersion buildVersion) {
        return versioned(region, owner, ResourceKind.workflow(type), name, buildVersion);
    }

    /** {@code workflow/{type}/{name}/{pattern}} (exact or wildcard version, no build). */
    public static ImageBuilderArn workflowVersion(String region, String owner, WorkflowType type, String name,
            VersionPattern pattern) {
        return new ImageBuilderArn(AWS_PARTITION, region, owner, ResourceKind.workflow(type), name,
                Optional.of(pattern), OptionalInt.empty());
    }

    /** {@code component/{name}/{version}/{build}}. */
    public static ImageBuilderArn component(String region, String owner, String name, BuildVersion buildVersion) {
        return versioned(region, owner, ResourceKind.COMPONENT, name, buildVersion);
    }

    /** {@code image/{recipeName}/{version}/{build}}. */
    public static ImageBuilderArn image(String region, String owner, String recipeName, BuildVersion buildVersion) {
        return versioned(region, owner, ResourceKind.IMAGE, recipeName, buildVersion);
    }

    /** {@code image-recipe/{name}/{version}}. */
    public static ImageBuilderArn imageRecipe(String region, String owner, String name, SemanticVersion version) {
        return new ImageBuilderArn(AWS_PARTITION, region, owner, ResourceKind.IMAGE_RECIPE, name,
                Optional.of(VersionPattern.exact(version)), OptionalInt.empty());
    }

    /** {@code container-recipe/{name}/{version}}. */
    public static ImageBuilderArn containerRecipe(String region, String owner, String name, SemanticVersion version) {
        return new ImageBuilderArn(AWS_PARTITION, region, owner, ResourceKind.CONTAINER_RECIPE, name,
                Optional.of(VersionPattern.exact(version)), OptionalInt.empty());
    }

    /** An unversioned resource: infrastructure or distribution configuration, pipeline, lifecycle policy. */
    public static ImageBuilderArn unversioned(String region, String owner, ResourceKind kind, String name) {
        return new ImageBuilderArn(AWS_PARTITION, region, owner, kind, name, Optional.empty(), OptionalInt.empty());
    }

    private static ImageBuilderArn versioned(String region, String owner, ResourceKind kind, String name,
            BuildVersion buildVersion) {
        return new ImageBuilderArn(AWS_PARTITION, region, owner, kind, name,
                Optional.of(VersionPattern.exact(buildVersion.version())), OptionalInt.of(buildVersion.build()));
    }

    /**
     * Parses any ARN matching the generic {@link ModelPatterns#IMAGE_BUILDER_ARN}.
     *
     * @throws IllegalArgumentException when it does not match
     * @throws dev.stepline.imagebuilder.ImageBuilderException {@code InvalidVersionNumberException}
     *         when a version node is above 2^30−1
     */
    public static ImageBuilderArn parse(String arn) {
        if (arn == null || !ModelPatterns.IMAGE_BUILDER_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException("not an Image Builder ARN: " + arn);
        }
        String[] parts = arn.split(":", 6);
        String[] path = parts[5].split("/");
        int at = path[0].equals("workflow") ? 2 : 1;
        String prefix = at == 2 ? path[0] + "/" + path[1] : path[0];
        ResourceKind kind = ResourceKind.fromPathPrefix(prefix)
                .orElseThrow(() -> new IllegalArgumentException("unknown resource kind: " + prefix));
        String name = path[at];
        Optional<VersionPattern> version = path.length > at + 1
                ? Optional.of(VersionPattern.parse(path[at + 1], "arn"))
                : Optional.empty();
        OptionalInt build = path.length > at + 2 ? OptionalInt.of(Integer.parseInt(path[at + 2])) : OptionalInt.empty();
        return new ImageBuilderArn(parts[1], parts[3], parts[4], kind, name, version, build);
    }

    /** True when the owner segment is {@code aws} or {@code aws-<suffix>} (an AWS-managed resource). */
    public boolean isAwsOwned() {
        return owner.equals(AWS_OWNER) || owner.startsWith(AWS_OWNER + "-");
    }

    /** True for a version-with-build ARN. */
    public boolean isBuildVersion() {
        return build.isPresent();
    }

    /** True when the version has at least one {@code x} node. */
    public boolean isWildcard() {
        return version.isPresent() && !version.get().isExact();
    }

    /** The version and build; only for build-version ARNs. */
    public Optional<BuildVersion> buildVersion() {
        if (build.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BuildVersion(version.orElseThrow().exactVersion().orElseThrow(), build.getAsInt()));
    }

    /** The workflow type for workflow ARNs. */
    public Optional<WorkflowType> workflowType() {
        return kind.workflowType();
    }

    /** The same ARN with a different version and no build. */
    public ImageBuilderArn withVersion(VersionPattern pattern) {
        return new ImageBuilderArn(partition, region, owner, kind, name, Optional.of(pattern), OptionalInt.empty());
    }

    /** The same ARN with a version and build. */
    public ImageBuilderArn withBuildVersion(BuildVersion buildVersion) {
        return new ImageBuilderArn(partition, region, owner, kind, name,
                Optional.of(VersionPattern.exact(buildVersion.version())), OptionalInt.of(buildVersion.build()));
    }

    /** The same ARN without its build number (the version ARN of a build-version ARN). */
    public ImageBuilderArn withoutBuild() {
        return new ImageBuilderArn(partition, region, owner, kind, name, version, OptionalInt.empty());
    }

    /** The ARN text. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96)
                .append("arn:").append(partition).append(":imagebuilder:").append(region).append(':')
                .append(owner).append(':').append(kind.pathPrefix()).append('/').append(name);
        version.ifPresent(v -> sb.append('/').append(v));
        build.ifPresent(b -> sb.append('/').append(b));
        return sb.toString();
    }
}
