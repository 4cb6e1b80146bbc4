package dev.stepline.imagebuilder.arn;

import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.imagebuilder.version.VersionPattern;

import java.util.regex.Pattern;

/**
 * The ARN shapes of the model, each with its exact pattern (spec §1.3). {@link #parse} is what
 * request validation calls: pattern first, then decomposition.
 */
public enum ArnShape {
    WORKFLOW_BUILD_VERSION_ARN(ModelPatterns.WORKFLOW_BUILD_VERSION_ARN),
    WORKFLOW_VERSION_ARN(ModelPatterns.WORKFLOW_VERSION_ARN),
    WORKFLOW_WILDCARD_VERSION_ARN(ModelPatterns.WORKFLOW_WILDCARD_VERSION_ARN),
    WORKFLOW_VERSION_ARN_OR_BUILD_VERSION_ARN(ModelPatterns.WORKFLOW_VERSION_ARN_OR_BUILD_VERSION_ARN),
    WORKFLOW_NAME_ARN(ModelPatterns.WORKFLOW_NAME_ARN),
    IMAGE_BUILD_VERSION_ARN(ModelPatterns.IMAGE_BUILD_VERSION_ARN),
    IMAGE_VERSION_ARN(ModelPatterns.IMAGE_VERSION_ARN),
    IMAGE_VERSION_ARN_OR_BUILD_VERSION_ARN(ModelPatterns.IMAGE_VERSION_ARN_OR_BUILD_VERSION_ARN),
    IMAGE_RECIPE_ARN(ModelPatterns.IMAGE_RECIPE_ARN),
    CONTAINER_RECIPE_ARN(ModelPatterns.CONTAINER_RECIPE_ARN),
    COMPONENT_BUILD_VERSION_ARN(ModelPatterns.COMPONENT_BUILD_VERSION_ARN),
    COMPONENT_VERSION_ARN_OR_BUILD_VERSION_ARN(ModelPatterns.COMPONENT_VERSION_ARN_OR_BUILD_VERSION_ARN),
    INFRASTRUCTURE_CONFIGURATION_ARN(ModelPatterns.INFRASTRUCTURE_CONFIGURATION_ARN),
    DISTRIBUTION_CONFIGURATION_ARN(ModelPatterns.DISTRIBUTION_CONFIGURATION_ARN),
    IMAGE_PIPELINE_ARN(ModelPatterns.IMAGE_PIPELINE_ARN),
    IMAGE_BUILDER_ARN(ModelPatterns.IMAGE_BUILDER_ARN);

    private final Pattern pattern;

    ArnShape(Pattern pattern) {
        this.pattern = pattern;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** True when {@code value} is non-null, at most 1024 characters and matches the pattern. */
    public boolean matches(String value) {
        return value != null && value.length() <= ModelPatterns.ARN_MAX_LENGTH && pattern.matcher(value).matches();
    }

    /**
     * Validates and decomposes a request member.
     *
     * @param value     the member as sent
     * @param parameter the member path for the message, e.g. {@code workflowBuildVersionArn}
     * @throws ImageBuilderException {@code InvalidParameterValueException}
     *         {@code The value supplied for parameter '<parameter>' is not valid. <parameter> must match pattern <regex>}
     *         when the value does not match; {@code InvalidVersionNumberException} when a version
     *         node is above 2^30−1
     */
    public ImageBuilderArn parse(String value, String parameter) {
        if (value != null && value.length() > ModelPatterns.ARN_MAX_LENGTH) {
            throw ImageBuilderException.invalidParameterValue(parameter,
                    parameter + " must have length less than or equal to " + ModelPatterns.ARN_MAX_LENGTH);
        }
        if (value == null || !pattern.matcher(value).matches()) {
            throw ImageBuilderException.invalidParameterValue(parameter,
                    parameter + " must match pattern " + pattern.pattern());
        }
        String[] path = value.split(":", 6)[5].split("/");
        for (int i = 0; i < path.length; i++) {
            if (path[i].indexOf('.') >= 0) {
                // name segments cannot hold a '.', so this is the version: check its node range
                // here so that the InvalidVersionNumberException names this parameter
                VersionPattern.parse(path[i], parameter);
                if (i + 1 < path.length && path[i + 1].replaceFirst("^0+(?=.)", "").length() > 9) {
                    throw ImageBuilderException.invalidParameterValue(parameter,
                            "The build number " + path[i + 1] + " is out of range.");
                }
            }
        }
        return ImageBuilderArn.parse(value);
    }
}
