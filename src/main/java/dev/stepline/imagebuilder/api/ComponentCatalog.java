package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.ComponentShapes.ComponentDoc;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.List;
import java.util.Optional;

/**
 * The caller's component build versions: kind {@value #KIND}, one row per build, sort key
 * {@code name/version/build}. There are no AWS-managed components in the emulator.
 */
final class ComponentCatalog {
    static final String KIND = "ib:component";
    private static final int ALL = Integer.MAX_VALUE;

    /** One component build version. */
    record ComponentBuild(ImageBuilderArn arn, ComponentDoc doc, String owner) {
        BuildVersion buildVersion() {
            return arn.buildVersion().orElseThrow();
        }

        String versionKey() {
            return arn.name() + "/" + SortKeys.ascending(buildVersion().version());
        }

        String newestFirstKey() {
            return arn.name() + "/" + SortKeys.descending(buildVersion());
        }
    }

    private final Platform platform;
    private final JsonCodec store;

    ComponentCatalog(Platform platform, JsonCodec store) {
        this.platform = platform;
        this.store = store;
    }

    static String sortKey(String arnName, BuildVersion buildVersion) {
        return arnName + "/" + SortKeys.ascending(buildVersion);
    }

    List<ComponentBuild> owned(Tx tx, RequestContext context) {
        return platform.resources().list(tx, context.account(), context.region(), KIND, "", null, ALL)
                .stream().map(this::fromRow).toList();
    }

    List<ComponentBuild> owned(Tx tx, RequestContext context, String arnName) {
        return platform.resources().list(tx, context.account(), context.region(), KIND, arnName + "/", null, ALL)
                .stream().map(this::fromRow).toList();
    }

    /** The build an ARN names (itself, or the highest matching version's highest build). */
    Optional<ComponentBuild> resolve(Tx tx, RequestContext context, ImageBuilderArn arn) {
        if (arn.isAwsOwned() || !arn.region().equals(context.region())
                || !arn.partition().equals(ImageBuilderArn.AWS_PARTITION)) {
            return Optional.empty();
        }
        List<ComponentBuild> candidates = owned(tx, context, arn.name());
        if (arn.isBuildVersion()) {
            BuildVersion wanted = arn.buildVersion().orElseThrow();
            return candidates.stream().filter(c -> c.buildVersion().equals(wanted)).findFirst();
        }
        return arn.version().orElseThrow().resolveLatestBuild(candidates, ComponentBuild::buildVersion);
    }

    ComponentBuild fromRow(StoredResource row) {
        return new ComponentBuild(ImageBuilderArn.parse(row.arn()), store.mapper().readValue(row.doc(), ComponentDoc.class),
                row.account());
    }
}
