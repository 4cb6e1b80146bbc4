package dev.stepline.imagebuilder.arn;

import static java.util.Objects.requireNonNull;

import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;

import java.util.Optional;

/**
 * The {@code latestVersionReferences} member of Create* and Get* responses (spec §1.5): the
 * resource's own version as {@code x.x.x}, {@code M.x.x}, {@code M.m.x} and {@code M.m.p}, never
 * with a build number. AWS-managed workflows report only {@link #latestVersionArn()}; the other
 * three are then empty and are left out of the JSON.
 */
public record LatestVersionReferences(
        String latestVersionArn,
        Optional<String> latestMajorVersionArn,
        Optional<String> latestMinorVersionArn,
        Optional<String> latestPatchVersionArn) {

    public LatestVersionReferences {
        requireNonNull(latestVersionArn, "latestVersionArn is null");
        requireNonNull(latestMajorVersionArn, "latestMajorVersionArn is null");
        requireNonNull(latestMinorVersionArn, "latestMinorVersionArn is null");
        requireNonNull(latestPatchVersionArn, "latestPatchVersionArn is null");
    }

    /**
     * The four references for a versioned resource.
     *
     * @param arn any ARN of the resource that carries its exact version (a build, if present, is dropped)
     */
    public static LatestVersionReferences of(ImageBuilderArn arn) {
        SemanticVersion v = arn.version().flatMap(VersionPattern::exactVersion)
                .orElseThrow(() -> new IllegalArgumentException("ARN has no exact version: " + arn));
        int x = VersionPattern.WILDCARD;
        return new LatestVersionReferences(
                arn.withVersion(VersionPattern.LATEST).toString(),
                Optional.of(arn.withVersion(new VersionPattern(v.major(), x, x)).toString()),
                Optional.of(arn.withVersion(new VersionPattern(v.major(), v.minor(), x)).toString()),
                Optional.of(arn.withVersion(VersionPattern.exact(v)).toString()));
    }

    /** Only {@code latestVersionArn} ({@code x.x.x}), as for AWS-managed workflows. */
    public static LatestVersionReferences latestOnly(ImageBuilderArn arn) {
        return new LatestVersionReferences(arn.withVersion(VersionPattern.LATEST).toString(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@link #latestOnly} for AWS-owned ARNs, {@link #of} otherwise. */
    public static LatestVersionReferences forResource(ImageBuilderArn arn) {
        return arn.isAwsOwned() ? latestOnly(arn) : of(arn);
    }
}
