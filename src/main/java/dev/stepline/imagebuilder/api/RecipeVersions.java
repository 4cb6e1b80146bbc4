package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;
import dev.stepline.protocol.RequestContext;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Versioned recipes (image and container) in the resource table: one row per version ARN, sort
 * key {@code <arnName> <zero-padded version>} so that a listing comes out by name, then version
 * (a space sorts below every character a name segment may hold), and a name's versions are one
 * prefix scan. Also the platform rule for a parent image (spec §5.2).
 */
final class RecipeVersions {
    private static final int BATCH = 500;

    private final OwnedResources resources;
    private final String kind;

    RecipeVersions(OwnedResources resources, String kind) {
        this.resources = resources;
        this.kind = kind;
    }

    static String sortKey(String arnName, SemanticVersion version) {
        return String.format(Locale.ROOT, "%s %010d.%010d.%010d", arnName, version.major(), version.minor(), version.patch());
    }

    /** The versions the caller has of the recipe {@code arnName}. */
    List<SemanticVersion> versions(Tx tx, RequestContext context, String arnName) {
        List<SemanticVersion> out = new ArrayList<>();
        String cursor = null;
        while (true) {
            List<StoredResource> batch = resources.platform().resources().list(tx, context.account(), context.region(),
                    kind, arnName + " ", cursor, BATCH);
            for (StoredResource row : batch) {
                ImageBuilderArn.parse(row.arn()).version().flatMap(VersionPattern::exactVersion).ifPresent(out::add);
            }
            if (batch.size() < BATCH) {
                return out;
            }
            cursor = batch.get(batch.size() - 1).sortKey();
        }
    }

    /**
     * The row an ARN names: an exact version as is, a wildcard ({@code 1.x.x}) as the highest
     * matching version (spec §1.4).
     *
     * @throws dev.stepline.protocol.AwsException {@code ResourceNotFoundException} when nothing matches
     */
    StoredResource resolve(Tx tx, RequestContext context, ImageBuilderArn arn) {
        VersionPattern pattern = arn.version().orElseThrow();
        if (pattern.isExact()) {
            return resources.require(tx, context, kind, arn.toString());
        }
        return pattern.resolve(versions(tx, context, arn.name()))
                .flatMap(v -> resources.find(tx, context, kind, arn.withVersion(VersionPattern.exact(v)).toString()))
                .orElseThrow(() -> ImageBuilderErrors.notFound(arn.toString()));
    }

    /**
     * The platform of a parent image. Image Builder reads it from the AMI or image; locally the
     * name decides: {@code windows} → Windows, {@code macos} → macOS, anything else Linux (spec
     * §5.2 default for an unknown AMI).
     */
    static String platformOf(String parentImage) {
        String lower = parentImage.toLowerCase(Locale.ROOT);
        if (lower.contains("windows")) {
            return "Windows";
        }
        if (lower.contains("macos") || lower.contains("mac-os")) {
            return "macOS";
        }
        return "Linux";
    }
}
