package dev.stepline.imagebuilder.version;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;

import java.util.regex.Pattern;

/**
 * A three-node version {@code major.minor.patch} (spec §1.4). Each node is an integer from 0 to
 * {@link #MAX_NODE} (2^30−1). Ordered numerically, node by node.
 */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {
    /** The largest value a version node may take: 1073741823. */
    public static final int MAX_NODE = (1 << 30) - 1;

    /** The model's {@code VersionNumber} pattern. */
    public static final Pattern PATTERN = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");

    public SemanticVersion {
        checkNode(major, "major");
        checkNode(minor, "minor");
        checkNode(patch, "patch");
    }

    private static void checkNode(int node, String which) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException(which + " must be between 0 and " + MAX_NODE + ": " + node);
        }
    }

    /** Same as {@link #parse(String, String)} with the parameter name {@code semanticVersion}. */
    public static SemanticVersion parse(String value) {
        return parse(value, "semanticVersion");
    }

    /**
     * Parses a request member that must be an exact version.
     *
     * @param value     the member as sent
     * @param parameter the member name used in error messages
     * @throws ImageBuilderException {@code InvalidParameterValueException} when the value does not
     *         match {@code ^[0-9]+\.[0-9]+\.[0-9]+$}; {@code InvalidVersionNumberException} when a
     *         node is above {@link #MAX_NODE}
     */
    public static SemanticVersion parse(String value, String parameter) {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw ImageBuilderException.invalidParameterValue(parameter,
                    parameter + " must match pattern " + PATTERN.pattern());
        }
        String[] nodes = value.split("\\.");
        return new SemanticVersion(node(nodes[0], parameter), node(nodes[1], parameter), node(nodes[2], parameter));
    }

    /**
     * One version node in decimal. Leading zeros are accepted ({@code 01} is 1), as the pattern allows them.
     *
     * @throws ImageBuilderException {@code InvalidVersionNumberException} above {@link #MAX_NODE}
     */
    static int node(String digits, String parameter) {
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        if (trimmed.length() > 10 || Long.parseLong(trimmed) > MAX_NODE) {
            throw outOfRange(parameter);
        }
        return Integer.parseInt(trimmed);
    }

    static ImageBuilderException outOfRange(String parameter) {
        return new ImageBuilderException(ImageBuilderErrorCode.INVALID_VERSION_NUMBER,
                ImageBuilderException.invalidValueMessage(parameter,
                        "Each node of " + parameter + " must be an integer between 0 and " + MAX_NODE + "."));
    }

    /** True when {@code value} is a syntactically valid exact version within the node limits. */
    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (ImageBuilderException e) {
            return false;
        }
    }

    /** The node at {@code index} (0 = major, 1 = minor, 2 = patch). */
    public int node(int index) {
        return switch (index) {
            case 0 -> major;
            case 1 -> minor;
            case 2 -> patch;
            default -> throw new IndexOutOfBoundsException("version node index " + index);
        };
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    /** {@code major.minor.patch}. */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
