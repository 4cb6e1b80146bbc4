package dev.stepline.sfn.api;

import dev.stepline.protocol.Empty;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.server.Platform;
import dev.stepline.sfn.api.ActivityShapes.ActivityDoc;
import dev.stepline.sfn.api.ActivityShapes.ActivityListItem;
import dev.stepline.sfn.api.ActivityShapes.CreateActivityInput;
import dev.stepline.sfn.api.ActivityShapes.CreateActivityOutput;
import dev.stepline.sfn.api.ActivityShapes.DeleteActivityInput;
import dev.stepline.sfn.api.ActivityShapes.DescribeActivityInput;
import dev.stepline.sfn.api.ActivityShapes.DescribeActivityOutput;
import dev.stepline.sfn.api.ActivityShapes.ListActivitiesInput;
import dev.stepline.sfn.api.ActivityShapes.ListActivitiesOutput;
import dev.stepline.store.StoredResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Activity definitions. CreateActivity is idempotent on the name: a second create returns the
 * first activity unchanged, tags included (AWS API reference, CreateActivity).
 */
final class Activities {
    static final String KIND = "sfn:activity";

    private final Platform platform;
    private final JsonCodec store;

    Activities(Platform platform, JsonCodec store) {
        this.platform = platform;
        this.store = store;
    }

    CreateActivityOutput create(RequestContext context, CreateActivityInput input) {
        String name = Names.require(input.name());
        Map<String, String> tags = SfnTags.toMap(input.tags());
        String arn = SfnArn.of(context.region(), context.account(), "activity", name);
        if (tags.size() > SfnTags.MAX_TAGS) {
            throw SfnErrors.tooManyTags(arn);
        }
        return platform.database().write(tx -> {
            Optional<StoredResource> existing = platform.resources().get(tx, arn);
            if (existing.isPresent()) {
                ActivityDoc doc = store.mapper().readValue(existing.get().doc(), ActivityDoc.class);
                return new CreateActivityOutput(arn, Instant.ofEpochMilli(doc.creationDate()));
            }
            long now = context.received().toEpochMilli();
            ActivityDoc doc = new ActivityDoc(name, now, input.encryptionConfiguration());
            platform.resources().insert(tx, new StoredResource(arn, context.account(), context.region(), KIND, name, now, 1,
                    store.writeString(doc)));
            platform.tags().put(tx, arn, tags);
            return new CreateActivityOutput(arn, Instant.ofEpochMilli(now));
        });
    }

    DescribeActivityOutput describe(RequestContext context, DescribeActivityInput input) {
        String arn = input.activityArn();
        SfnArn.parse(arn, "activity");
        ActivityDoc doc = platform.database().read(tx -> find(tx, context, arn))
                .orElseThrow(() -> SfnErrors.activityDoesNotExist(arn));
        return new DescribeActivityOutput(arn, doc.name(), Instant.ofEpochMilli(doc.creationDate()),
                doc.encryptionConfiguration() == null
                        ? new ActivityShapes.EncryptionConfiguration(null, null, "AWS_OWNED_KEY")
                        : doc.encryptionConfiguration());
    }

    /** Deleting an unknown activity succeeds, as on AWS. */
    Empty delete(RequestContext context, DeleteActivityInput input) {
        String arn = input.activityArn();
        SfnArn.parse(arn, "activity");
        platform.database().write(tx -> {
            if (find(tx, context, arn).isPresent()) {
                platform.resources().delete(tx, arn);
                platform.tags().removeAll(tx, arn);
            }
            return null;
        });
        return Empty.INSTANCE;
    }

    ListActivitiesOutput list(RequestContext context, ListActivitiesInput input) {
        int size = SfnPaging.size(input.maxResults());
        String after = SfnPaging.after(platform.pageTokens(), input.nextToken(), "ListActivities", "");
        List<StoredResource> rows = platform.database().read(tx -> platform.resources()
                .list(tx, context.account(), context.region(), KIND, "", after, size + 1));
        List<ActivityListItem> items = rows.stream().limit(size).map(r -> {
            ActivityDoc doc = store.mapper().readValue(r.doc(), ActivityDoc.class);
            return new ActivityListItem(r.arn(), doc.name(), Instant.ofEpochMilli(doc.creationDate()));
        }).toList();
        String next = rows.size() > size
                ? platform.pageTokens().issue("ListActivities", "", rows.get(size - 1).sortKey())
                : null;
        return new ListActivitiesOutput(items, next);
    }

    /** The activity exists in the caller's account and region (GetActivityTask). */
    boolean exists(RequestContext context, String arn) {
        return platform.database().read(tx -> find(tx, context, arn)).isPresent();
    }

    /** The activity exists (a Task state naming it: its ARN carries the account and region). */
    boolean exists(String arn) {
        return platform.database().read(tx -> platform.resources().get(tx, arn))
                .filter(r -> r.kind().equals(KIND))
                .isPresent();
    }

    private Optional<ActivityDoc> find(dev.stepline.store.Tx tx, RequestContext context, String arn) {
        return platform.resources().get(tx, arn)
                .filter(r -> r.kind().equals(KIND) && r.account().equals(context.account())
                        && r.region().equals(context.region()))
                .map(r -> store.mapper().readValue(r.doc(), ActivityDoc.class));
    }
}
