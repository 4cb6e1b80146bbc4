package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.imagebuilder.api.TagShapes.ListTagsForResourceInput;
import dev.stepline.imagebuilder.api.TagShapes.ListTagsForResourceOutput;
import dev.stepline.imagebuilder.api.TagShapes.TagResourceInput;
import dev.stepline.imagebuilder.api.TagShapes.UntagResourceInput;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.ModelPatterns;
import dev.stepline.imagebuilder.runtime.ImageRows;
import dev.stepline.protocol.Empty;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.store.Tx;
import java.util.List;
import java.util.Map;

/**
 * Tags of every Image Builder resource: any row of the resource table whose kind starts with
 * {@value ResourceAccess#KIND_PREFIX} and whose ARN is exactly the one given, in the caller's
 * account and region, or an image build version of the caller ({@code ib_image}). AWS-managed workflows have no tags: listing them answers {@code {}},
 * changing them is {@code ForbiddenException}.
 */
final class ImageBuilderTags {
    static final int MAX_TAGS = 50;

    private final Platform platform;
    private final WorkflowCatalog workflows;
    private final ImageRows images;

    ImageBuilderTags(Platform platform, WorkflowCatalog workflows, ImageRows images) {
        this.platform = platform;
        this.workflows = workflows;
        this.images = images;
    }

    Empty tag(RequestContext context, TagResourceInput input) {
        ImageBuilderArn arn = parse(context, input.resourceArn());
        Map<String, String> tags = input.tags();
        if (tags == null || tags.isEmpty()) {
            throw invalid("tags", "tags must contain at least 1 entry.");
        }
        checkTags(tags);
        return platform.database().write(tx -> {
            requireOwned(tx, context, arn, input.resourceArn());
            Map<String, String> merged = new java.util.HashMap<>(platform.tags().get(tx, input.resourceArn()));
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw invalid("tags", "A resource can have at most " + MAX_TAGS + " tags.");
            }
            platform.tags().put(tx, input.resourceArn(), tags);
            return Empty.INSTANCE;
        });
    }

    Empty untag(RequestContext context, UntagResourceInput input) {
        ImageBuilderArn arn = parse(context, input.resourceArn());
        List<String> keys = input.tagKeys();
        if (keys == null || keys.isEmpty() || keys.size() > MAX_TAGS) {
            throw invalid("tagKeys", "tagKeys must contain between 1 and " + MAX_TAGS + " keys.");
        }
        for (int i = 0; i < keys.size(); i++) {
            checkKey(keys.get(i), "tagKeys[" + i + "]");
        }
        return platform.database().write(tx -> {
            requireOwned(tx, context, arn, input.resourceArn());
            platform.tags().remove(tx, input.resourceArn(), keys);
            return Empty.INSTANCE;
        });
    }

    ListTagsForResourceOutput list(RequestContext context, ListTagsForResourceInput input) {
        ImageBuilderArn arn = parse(context, input.resourceArn());
        return platform.database().read(tx -> {
            if (arn.isAwsOwned()) {
                requireManaged(tx, context, arn, input.resourceArn());
                return new ListTagsForResourceOutput(Map.of());
            }
            requireOwned(tx, context, arn, input.resourceArn());
            return new ListTagsForResourceOutput(platform.tags().get(tx, input.resourceArn()));
        });
    }

    private static ImageBuilderArn parse(RequestContext context, String raw) {
        if (raw == null || raw.length() > ModelPatterns.ARN_MAX_LENGTH
                || !ModelPatterns.IMAGE_BUILDER_ARN.matcher(raw).matches()) {
            throw invalid("resourceArn", "resourceArn must match pattern " + ModelPatterns.IMAGE_BUILDER_ARN.pattern());
        }
        ImageBuilderArn arn = ImageBuilderArn.parse(raw);
        ResourceAccess.checkAccount(context, arn, raw);
        return arn;
    }

    private void requireOwned(Tx tx, RequestContext context, ImageBuilderArn arn, String raw) {
        if (arn.isAwsOwned()) {
            requireManaged(tx, context, arn, raw);
            throw ImageBuilderErrors.forbidden("The resource ARN '" + raw
                    + "' is managed by AWS; its tags cannot be changed.");
        }
        boolean resource = platform.resources().get(tx, raw)
                .filter(r -> r.kind().startsWith(ResourceAccess.KIND_PREFIX) && r.account().equals(context.account())
                        && r.region().equals(context.region()))
                .isPresent();
        if (!resource && images.image(tx, raw)
                .filter(i -> i.account().equals(context.account()) && i.region().equals(context.region())).isEmpty()) {
            throw ImageBuilderErrors.notFound(raw);
        }
    }

    private void requireManaged(Tx tx, RequestContext context, ImageBuilderArn arn, String raw) {
        if (!arn.isBuildVersion() || arn.workflowType().isEmpty()
                || workflows.resolve(tx, context, arn).isEmpty()) {
            throw ImageBuilderErrors.notFound(raw);
        }
    }

    private static void checkTags(Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            checkKey(tag.getKey(), "tags." + tag.getKey());
            String value = tag.getValue();
            if (value == null || value.length() > 256) {
                throw invalid("tags." + tag.getKey(), "Tag values must be between 0 and 256 characters.");
            }
        }
    }

    private static void checkKey(String key, String path) {
        if (key == null || key.isEmpty() || key.length() > 128) {
            throw invalid(path, "Tag keys must be between 1 and 128 characters.");
        }
        if (!ModelPatterns.TAG_KEY.matcher(key).matches()) {
            throw invalid(path, "Tag keys must match pattern " + ModelPatterns.TAG_KEY.pattern()
                    + "; the prefix aws: is reserved.");
        }
    }

    private static ImageBuilderException invalid(String parameter, String detail) {
        return new ImageBuilderException(ImageBuilderErrorCode.INVALID_PARAMETER,
                ImageBuilderException.invalidValueMessage(parameter, detail));
    }
}
