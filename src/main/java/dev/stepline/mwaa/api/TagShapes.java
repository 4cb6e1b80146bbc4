package dev.stepline.mwaa.api;

import static dev.stepline.mwaa.ids.MwaaPatterns.TAG_REGEX;
import static dev.stepline.mwaa.ids.MwaaPatterns.WORKFLOW_ARN_REGEX;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.Pattern;
import dev.stepline.protocol.validate.Required;
import java.util.List;
import java.util.Map;

/** Wire shapes of TagResource, UntagResource and ListTagsForResource (spec §5.13). */
public final class TagShapes {
    private TagShapes() {}

    public record TagResourceInput(
            @Required @Length(min = 1, max = 1011) @Pattern(WORKFLOW_ARN_REGEX) String resourceArn,
            @Required @Length(max = 50) Map<@Length(min = 1, max = 128) @Pattern(TAG_REGEX) String,
                    @Length(max = 256) @Pattern(TAG_REGEX) String> tags) {}

    public record UntagResourceInput(
            @Required @Length(min = 1, max = 1011) @Pattern(WORKFLOW_ARN_REGEX) String resourceArn,
            @Required @Length(min = 1, max = 50) List<@Length(min = 1, max = 128) @Pattern(TAG_REGEX) String> tagKeys) {}

    public record ListTagsForResourceInput(
            @Required @Length(min = 1, max = 1011) @Pattern(WORKFLOW_ARN_REGEX) String resourceArn) {}

    public record ListTagsForResourceOutput(Map<String, String> tags) {}
}
