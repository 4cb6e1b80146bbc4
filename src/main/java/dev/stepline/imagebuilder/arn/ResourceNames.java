package dev.stepline.imagebuilder.arn;

import dev.stepline.imagebuilder.ImageBuilderException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Resource names and their ARN form (spec §1.2). The {@code name} member keeps exactly what the
 * caller sent; the ARN segment is the name lower-cased with every space replaced by {@code -}.
 * Uniqueness checks compare the ARN form.
 */
public final class ResourceNames {
    private static final Pattern ARN_SEGMENT = Pattern.compile("[a-z0-9-_]+");

    private ResourceNames() {}

    /**
     * Checks a {@code name} request member against {@code ResourceName}
     * ({@code ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$}, so 3–128 characters).
     *
     * @param parameter the member path for the message, usually {@code name}
     * @return {@code name}, unchanged
     * @throws ImageBuilderException {@code InvalidParameterValueException} when it does not match
     */
    public static String validate(String name, String parameter) {
        if (name == null || !ModelPatterns.RESOURCE_NAME.matcher(name).matches()) {
            throw ImageBuilderException.invalidParameterValue(parameter,
                    parameter + " must match pattern " + ModelPatterns.RESOURCE_NAME.pattern());
        }
        return name;
    }

    /**
     * The ARN segment for a valid resource name: lower case, spaces replaced by {@code -}
     * ({@code "My Basic Recipe"} → {@code my-basic-recipe}).
     *
     * @throws IllegalArgumentException when the result is not {@code [a-z0-9-_]+}, which cannot
     *         happen for a name that passed {@link #validate}
     */
    public static String arnName(String name) {
        String segment = name.toLowerCase(Locale.ROOT).replace(' ', '-');
        if (!ARN_SEGMENT.matcher(segment).matches()) {
            throw new IllegalArgumentException("name has no valid ARN form: " + name);
        }
        return segment;
    }
}
