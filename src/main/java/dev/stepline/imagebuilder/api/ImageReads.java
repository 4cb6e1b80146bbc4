package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.ImageShapes.GetImageInput;
import dev.stepline.imagebuilder.api.ImageShapes.GetImageOutput;
import dev.stepline.imagebuilder.api.ImageShapes.ListImageBuildVersionsInput;
import dev.stepline.imagebuilder.api.ImageShapes.ListImageBuildVersionsOutput;
import dev.stepline.imagebuilder.api.ImageShapes.ListImagesInput;
import dev.stepline.imagebuilder.api.ImageShapes.ListImagesOutput;
import dev.stepline.imagebuilder.api.RecipeShapes.LatestVersions;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.runtime.ImageRows;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * GetImage, ListImages, ListImageBuildVersions and ListImagePipelineImages' items (spec §5.2),
 * read from {@code ib_image}: the snapshot taken when the image was created plus what its run
 * has made of it so far. Lists go in list-key order (recipe name, then newest version and build
 * first), keyset-paged, with filters applied before paging.
 */
final class ImageReads {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> FILTERS = Set.of("name", "osVersion", "platform", "type", "version");
    static final int SCAN_BATCH = 200;

    private final Platform platform;
    private final OwnedResources resources;
    private final ImageRows rows;

    ImageReads(OwnedResources resources, ImageRows rows) {
        this.platform = resources.platform();
        this.resources = resources;
        this.rows = rows;
    }

    GetImageOutput get(RequestContext context, GetImageInput input) {
        String raw = input.imageBuildVersionArn();
        ImageBuilderArn arn = ArnShape.IMAGE_VERSION_ARN_OR_BUILD_VERSION_ARN.parse(raw, "imageBuildVersionArn");
        OwnedResources.checkAccount(context, arn);
        return platform.database().read(tx -> {
            ImageRows.Image image = resolve(tx, context, arn).orElseThrow(() -> ImageBuilderErrors.notFound(raw));
            return new GetImageOutput(context.requestId(), image(tx, image), LatestVersions.of(ImageBuilderArn.parse(image.arn())));
        });
    }

    /** A build-version ARN as it is; a version or wildcard ARN as the newest matching build (spec §1.4). */
    private Optional<ImageRows.Image> resolve(Tx tx, RequestContext context, ImageBuilderArn arn) {
        if (!arn.region().equals(context.region()) || arn.isAwsOwned()) {
            return Optional.empty();
        }
        if (arn.isBuildVersion()) {
            return rows.image(tx, arn.toString()).filter(i -> i.account().equals(context.account()));
        }
        VersionPattern pattern = arn.version().orElseThrow();
        String after = null;
        // inverted versions: the first build that matches is the highest version's newest build
        while (true) {
            List<ImageRows.Image> batch = rows.images(tx, context.account(), context.region(), arn.name() + " ", after,
                    SCAN_BATCH);
            for (ImageRows.Image image : batch) {
                if (pattern.matches(version(image))) {
                    return Optional.of(image);
                }
            }
            if (batch.size() < SCAN_BATCH) {
                return Optional.empty();
            }
            after = batch.get(batch.size() - 1).listKey();
        }
    }

    ListImagesOutput list(RequestContext context, ListImagesInput input) {
        ListFilters filters = ListFilters.of(input.filters(), FILTERS);
        boolean byName = Boolean.TRUE.equals(input.byName());
        if (byName && input.filters() != null && input.filters().stream().anyMatch(f -> "version".equals(f.name()))) {
            throw ImageBuilderErrors.invalidParameterCombination("The value supplied for parameter 'filters' is not valid."
                    + " You cannot list images by name and filter by version in the same request.");
        }
        String owner = input.owner() == null ? "Self" : input.owner();
        String fingerprint = context.account() + ":" + context.region() + ":"
                + resources.fingerprint(owner, input.filters(), byName);
        String after = ImageBuilderPaging.after(platform.pageTokens(), input.nextToken(), "ListImages", fingerprint);
        if (!owner.equals("Self")) {
            // nothing is shared with the caller, and no AWS-owned images are seeded locally
            return new ListImagesOutput(context.requestId(), List.of(), null);
        }
        return platform.database().read(tx -> {
            // one item per version (per name with byName): after an item, skip the rest of its group
            Function<ImageRows.Image, String> groupEnd = byName
                    ? i -> ImageBuilderArn.parse(i.arn()).name() + " ~"
                    : i -> i.listKey().substring(0, i.listKey().lastIndexOf('/') + 1) + "~";
            Page page = scan(tx, context, "", after, input.maxResults(), groupEnd,
                    i -> filters.matches(field -> field(i, field)));
            List<ObjectNode> items = page.images().stream().map(this::versionItem).toList();
            return new ListImagesOutput(context.requestId(), items, token("ListImages", fingerprint, page));
        });
    }

    ListImageBuildVersionsOutput listBuildVersions(RequestContext context, ListImageBuildVersionsInput input) {
        ListFilters filters = ListFilters.of(input.filters(), FILTERS);
        String prefix = "";
        if (input.imageVersionArn() != null) {
            ImageBuilderArn arn = ArnShape.IMAGE_VERSION_ARN.parse(input.imageVersionArn(), "imageVersionArn");
            OwnedResources.checkAccount(context, arn);
            SemanticVersion v = arn.version().flatMap(VersionPattern::exactVersion).orElseThrow();
            prefix = arn.region().equals(context.region()) && !arn.isAwsOwned()
                    ? ImageRows.versionPrefix(arn.name(), v.major(), v.minor(), v.patch()) : null;
        }
        String fingerprint = context.account() + ":" + context.region() + ":"
                + resources.fingerprint(input.imageVersionArn(), input.filters());
        String after = ImageBuilderPaging.after(platform.pageTokens(), input.nextToken(), "ListImageBuildVersions",
                fingerprint);
        if (prefix == null) {
            return new ListImageBuildVersionsOutput(context.requestId(), List.of(), null);
        }
        String scanPrefix = prefix;
        return platform.database().read(tx -> {
            Page page = scan(tx, context, scanPrefix, after, input.maxResults(), ImageRows.Image::listKey,
                    i -> filters.matches(field -> field(i, field)));
            List<ObjectNode> items = new ArrayList<>();
            for (ImageRows.Image image : page.images()) {
                items.add(summary(tx, image));
            }
            return new ListImageBuildVersionsOutput(context.requestId(), items,
                    token("ListImageBuildVersions", fingerprint, page));
        });
    }

    /** One page of images and the key to continue after, when there are more. */
    record Page(List<ImageRows.Image> images, String lastKey) {}

    private Page scan(Tx tx, RequestContext context, String prefix, String after, Integer maxResults,
                      Function<ImageRows.Image, String> resumeKey, Predicate<ImageRows.Image> keep) {
        return scan(maxResults, after, resumeKey, keep,
                cursor -> rows.images(tx, context.account(), context.region(), prefix, cursor, SCAN_BATCH));
    }

    /** Fills a page from batches read after a cursor; the key of an item is where the next read resumes. */
    static Page scan(Integer maxResults, String after,
                     Function<ImageRows.Image, String> resumeKey, Predicate<ImageRows.Image> keep,
                     Function<String, List<ImageRows.Image>> read) {
        int size = ImageBuilderPaging.size(maxResults);
        List<ImageRows.Image> out = new ArrayList<>();
        String cursor = after;
        while (true) {
            List<ImageRows.Image> batch = read.apply(cursor);
            for (ImageRows.Image image : batch) {
                if (cursor != null && image.listKey().compareTo(cursor) <= 0) {
                    continue; // inside a group already served
                }
                cursor = resumeKey.apply(image);
                if (keep.test(image)) {
                    out.add(image);
                    if (out.size() == size) {
                        boolean more = !read.apply(cursor).isEmpty();
                        return new Page(out, more ? cursor : null);
                    }
                }
            }
            if (batch.size() < SCAN_BATCH) {
                return new Page(out, null);
            }
            cursor = max(cursor, batch.get(batch.size() - 1).listKey());
        }
    }

    private static String max(String a, String b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    private String token(String operation, String fingerprint, Page page) {
        return page.lastKey() == null ? null : platform.pageTokens().issue(operation, fingerprint, page.lastKey());
    }

    /** GetImage's {@code image}. */
    ObjectNode image(Tx tx, ImageRows.Image image) {
        ObjectNode out = NODES.objectNode();
        out.put("arn", image.arn());
        out.setAll(image.spec());
        out.setAll(image.state());
        out.put("dateCreated", OwnedResources.date(image.createdMs()));
        out.set("tags", tags(tx, image.arn()));
        return out;
    }

    /** An {@code ImageSummary} (build-version level). */
    ObjectNode summary(Tx tx, ImageRows.Image image) {
        ObjectNode spec = image.spec();
        ObjectNode out = NODES.objectNode();
        out.put("arn", image.arn());
        copy(spec, out, "name", "type", "version", "platform");
        copy(image.state(), out, "osVersion", "state");
        out.put("owner", image.account());
        out.put("dateCreated", OwnedResources.date(image.createdMs()));
        copy(image.state(), out, "outputResources");
        out.set("tags", tags(tx, image.arn()));
        copy(spec, out, "buildType", "imageSource", "loggingConfiguration");
        return out;
    }

    /** An {@code ImageVersion} (version level: version ARN, {@code x.y.z}). */
    private ObjectNode versionItem(ImageRows.Image image) {
        ObjectNode spec = image.spec();
        ObjectNode out = NODES.objectNode();
        out.put("arn", ImageBuilderArn.parse(image.arn()).withoutBuild().toString());
        copy(spec, out, "name", "type");
        out.put("version", version(image).toString());
        copy(spec, out, "platform");
        copy(image.state(), out, "osVersion");
        out.put("owner", image.account());
        out.put("dateCreated", OwnedResources.date(image.createdMs()));
        copy(spec, out, "buildType", "imageSource");
        return out;
    }

    private ObjectNode tags(Tx tx, String arn) {
        ObjectNode tags = NODES.objectNode();
        resources.tags(tx, arn).forEach(tags::put);
        return tags;
    }

    private static SemanticVersion version(ImageRows.Image image) {
        return ImageBuilderArn.parse(image.arn()).buildVersion().orElseThrow().version();
    }

    /** The value a list filter compares. */
    private static String field(ImageRows.Image image, String field) {
        return switch (field) {
            case "version" -> version(image).toString();
            case "osVersion" -> text(image.state(), "osVersion");
            default -> text(image.spec(), field);
        };
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            JsonNode value = from.get(field);
            if (value != null && !value.isNull()) {
                to.set(field, value);
            }
        }
    }
}
