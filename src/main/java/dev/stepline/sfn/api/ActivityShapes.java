package dev.stepline.sfn.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.OneOf;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import dev.stepline.sfn.api.TagShapes.Tag;
import java.time.Instant;
import java.util.List;

/** Wire shapes of Step Functions' activity operations. */
public final class ActivityShapes {
    private ActivityShapes() {}

    public record EncryptionConfiguration(
            @Length(min = 1, max = 2048) String kmsKeyId,
            @Range(min = 60, max = 900) Integer kmsDataKeyReusePeriodSeconds,
            @Required @OneOf({"AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"}) String type) {}

    public record CreateActivityInput(@Required @Length(min = 1, max = 80) String name, List<Tag> tags,
                                      EncryptionConfiguration encryptionConfiguration) {}

    public record CreateActivityOutput(String activityArn, Instant creationDate) {}

    public record DescribeActivityInput(@Required @Length(min = 1, max = 256) String activityArn) {}

    public record DescribeActivityOutput(String activityArn, String name, Instant creationDate,
                                         EncryptionConfiguration encryptionConfiguration) {}

    public record DeleteActivityInput(@Required @Length(min = 1, max = 256) String activityArn) {}

    public record ListActivitiesInput(@Range(min = 0, max = 1000) Integer maxResults,
                                      @Length(min = 1, max = 1024) String nextToken) {}

    public record ActivityListItem(String activityArn, String name, Instant creationDate) {}

    public record ListActivitiesOutput(List<ActivityListItem> activities, String nextToken) {}

    /** What the store keeps for an activity. */
    record ActivityDoc(String name, long creationDate, EncryptionConfiguration encryptionConfiguration) {}
}
