package dev.stepline.sfn.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.Required;
import java.util.List;

/** Wire shapes of Step Functions' tag operations. */
public final class TagShapes {
    private TagShapes() {}

    public record Tag(@Length(min = 1, max = 128) String key, @Length(max = 256) String value) {}

    public record TagResourceInput(@Required @Length(min = 1, max = 256) String resourceArn, @Required List<Tag> tags) {}

    public record UntagResourceInput(@Required @Length(min = 1, max = 256) String resourceArn,
                                     @Required List<@Length(min = 1, max = 128) String> tagKeys) {}

    public record ListTagsForResourceInput(@Required @Length(min = 1, max = 256) String resourceArn) {}

    public record ListTagsForResourceOutput(List<Tag> tags) {}
}
