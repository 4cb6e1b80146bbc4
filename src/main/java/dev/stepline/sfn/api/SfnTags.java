package dev.stepline.sfn.api;

import dev.stepline.protocol.Empty;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.sfn.api.TagShapes.ListTagsForResourceInput;
import dev.stepline.sfn.api.TagShapes.ListTagsForResourceOutput;
import dev.stepline.sfn.api.TagShapes.Tag;
import dev.stepline.sfn.api.TagShapes.TagResourceInput;
import dev.stepline.sfn.api.TagShapes.UntagResourceInput;
import dev.stepline.store.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource, UntagResource, ListTagsForResource for state machines and activities. */
final class SfnTags {
    static final int MAX_TAGS = 50;
    private static final String[] TAGGABLE = {"stateMachine", "activity"};

    private final Platform platform;

    SfnTags(Platform platform) {
        this.platform = platform;
    }

    Empty tag(RequestContext context, TagResourceInput input) {
        String arn = input.resourceArn();
        SfnArn.parse(arn, TAGGABLE);
        return platform.database().write(tx -> {
            requireExists(tx, context, arn);
            Map<String, String> merged = platform.tags().get(tx, arn);
            Map<String, String> adding = toMap(input.tags());
            merged.putAll(adding);
            if (merged.size() > MAX_TAGS) {
                throw SfnErrors.tooManyTags(arn);
            }
            platform.tags().put(tx, arn, adding);
            return Empty.INSTANCE;
        });
    }

    Empty untag(RequestContext context, UntagResourceInput input) {
        String arn = input.resourceArn();
        SfnArn.parse(arn, TAGGABLE);
        return platform.database().write(tx -> {
            requireExists(tx, context, arn);
            platform.tags().remove(tx, arn, input.tagKeys());
            return Empty.INSTANCE;
        });
    }

    ListTagsForResourceOutput list(RequestContext context, ListTagsForResourceInput input) {
        String arn = input.resourceArn();
        SfnArn.parse(arn, TAGGABLE);
        return platform.database().read(tx -> {
            requireExists(tx, context, arn);
            return new ListTagsForResourceOutput(toList(platform.tags().get(tx, arn)));
        });
    }

    private void requireExists(Tx tx, RequestContext context, String arn) {
        boolean found = platform.resources().get(tx, arn)
                .filter(r -> r.account().equals(context.account()) && r.region().equals(context.region()))
                .isPresent();
        if (!found) {
            throw SfnErrors.resourceNotFound(arn);
        }
    }

    /** Tags given at creation; more than 50 is {@code TooManyTags}. */
    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            for (Tag tag : tags) {
                map.put(tag.key() == null ? "" : tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return map;
    }

    static List<Tag> toList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }
}
