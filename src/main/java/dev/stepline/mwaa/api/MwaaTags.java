package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.mwaa.api.TagShapes.ListTagsForResourceInput;
import dev.stepline.mwaa.api.TagShapes.ListTagsForResourceOutput;
import dev.stepline.mwaa.api.TagShapes.TagResourceInput;
import dev.stepline.mwaa.api.TagShapes.UntagResourceInput;
import dev.stepline.mwaa.ids.MwaaPatterns;
import dev.stepline.protocol.Empty;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import java.util.Map;

/**
 * TagResource, UntagResource and ListTagsForResource on workflows (spec §5.13). Tags are not
 * versioned and do not change {@code ModifiedAt}.
 */
final class MwaaTags {
    private final Platform platform;
    private final WorkflowStore store;

    MwaaTags(Platform platform, WorkflowStore store) {
        this.platform = requireNonNull(platform, "platform is null");
        this.store = requireNonNull(store, "store is null");
    }

    /** Adds and overwrites; more than 50 tags in the end is a {@code ValidationException} (no quota error is declared). */
    Empty tag(RequestContext context, TagResourceInput input) {
        RequestChecks.tags(input.tags());
        return platform.database().write(tx -> {
            store.require(tx, context, input.resourceArn());
            Map<String, String> merged = platform.tags().get(tx, input.resourceArn());
            merged.putAll(input.tags());
            if (merged.size() > MwaaPatterns.TAGS_MAX) {
                throw MwaaErrors.invalidField("Tags", "A workflow can have at most " + MwaaPatterns.TAGS_MAX
                        + " tags; this request would give " + input.resourceArn() + " " + merged.size() + ".");
            }
            platform.tags().put(tx, input.resourceArn(), input.tags());
            return Empty.INSTANCE;
        });
    }

    /** Keys the workflow does not have are ignored. */
    Empty untag(RequestContext context, UntagResourceInput input) {
        return platform.database().write(tx -> {
            store.require(tx, context, input.resourceArn());
            platform.tags().remove(tx, input.resourceArn(), input.tagKeys());
            return Empty.INSTANCE;
        });
    }

    /** {@code Tags} is always present: {@code {}} when there are none. */
    ListTagsForResourceOutput list(RequestContext context, ListTagsForResourceInput input) {
        return platform.database().read(tx -> {
            store.require(tx, context, input.resourceArn());
            return new ListTagsForResourceOutput(platform.tags().get(tx, input.resourceArn()));
        });
    }
}
