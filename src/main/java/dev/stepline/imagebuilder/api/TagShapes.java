package dev.stepline.imagebuilder.api;

import java.util.List;
import java.util.Map;

/**
 * Wire shapes of TagResource, UntagResource and ListTagsForResource. They carry no validation
 * annotations: the tag operations report bad input as {@code InvalidParameterException}, the
 * error the model lists for them, so {@link ImageBuilderTags} checks by hand.
 */
public final class TagShapes {
    private TagShapes() {}

    public record TagResourceInput(String resourceArn, Map<String, String> tags) {}

    public record UntagResourceInput(String resourceArn, List<String> tagKeys) {}

    public record ListTagsForResourceInput(String resourceArn) {}

    public record ListTagsForResourceOutput(Map<String, String> tags) {}
}
