package dev.stepline.imagebuilder.version;

import dev.stepline.imagebuilder.ImageBuilderException;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A version selector with optional {@code x} nodes ({@code 1.x.x}, {@code x.x.x}, {@code 1.6.x},
 * or an exact {@code 1.6.8}). Once a node is {@code x}, every node to its right is {@code x}
 * too: {@code x.2.x} and {@code 1.x.8} are rejected (spec §1.4).
 *
 * <p>Fixed nodes are held as non-negative ints; {@link #WILDCARD} (−1) marks an {@code x}.
 */
public record VersionPattern(int major, int minor, int patch) {
    /** The value of a node that is {@code x}. */
    public static final int WILDCARD = -1;

    /** The model's {@code WildcardVersionNumber} pattern. */
    public static final Pattern PATTERN = Pattern.compile("^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$");

    /** {@code x.x.x}: matches every version. */
    public static final VersionPattern LATEST = new VersionPattern(WILDCARD, WILDCARD, WILDCARD);

    public VersionPattern {
        check(major);
        check(minor);
        check(patch);
        if ((major == WILDCARD && minor != WILDCARD) || (minor == WILDCARD && patch != WILDCARD)) {
            throw new IllegalArgumentException("a fixed version node may not follow an x node");
        }
    }

    private static void check(int node) {
        if (node < WILDCARD || node > SemanticVersion.MAX_NODE) {
            throw new IllegalArgumentException("version node out of range: " + node);
        }
    }

    /** The exact pattern matching only {@code version}. */
    public static VersionPattern exact(SemanticVersion version) {
        return new VersionPattern(version.major(), version.minor(), version.patch());
    }

    /** Same as {@link #parse(String, String)} with the parameter name {@code semanticVersion}. */
    public static VersionPattern parse(String value) {
        return parse(value, "semanticVersion");
    }

    /**
     * Parses a version that may contain {@code x} nodes.
     *
     * @param parameter the member name used in error messages
     * @throws ImageBuilderException {@code InvalidParameterValueException} when the value does not
     *         match the {@code WildcardVersionNumber} pattern or has a fixed node after an {@code x};
     *         {@code InvalidVersionNumberException} when a node is above 2^30−1
     */
    public static VersionPattern parse(String value, String parameter) {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw ImageBuilderException.invalidParameterValue(parameter,
                    parameter + " must match pattern " + PATTERN.pattern());
        }
        String[] parts = value.split("\\.");
        int[] nodes = new int[3];
        boolean sawWildcard = false;
        for (int i = 0; i < 3; i++) {
            if (parts[i].equals("x")) {
                sawWildcard = true;
                nodes[i] = WILDCARD;
            } else if (sawWildcard) {
                throw ImageBuilderException.invalidParameterValue(parameter, "The version " + value
                        + " is not valid. Once a version node is 'x', every node to its right must also be 'x'.");
            } else {
                nodes[i] = SemanticVersion.node(parts[i], parameter);
            }
        }
        return new VersionPattern(nodes[0], nodes[1], nodes[2]);
    }

    /** True when no node is {@code x}. */
    public boolean isExact() {
        return patch != WILDCARD;
    }

    /** The exact version; only when {@link #isExact()}. */
    public Optional<SemanticVersion> exactVersion() {
        return isExact() ? Optional.of(new SemanticVersion(major, minor, patch)) : Optional.empty();
    }

    /** The number of leading fixed nodes (0 for {@code x.x.x}, 3 for an exact version). */
    public int fixedNodes() {
        return major == WILDCARD ? 0 : minor == WILDCARD ? 1 : patch == WILDCARD ? 2 : 3;
    }

    /** The node at {@code index}, {@link #WILDCARD} for {@code x}. */
    public int node(int index) {
        return switch (index) {
            case 0 -> major;
            case 1 -> minor;
            case 2 -> patch;
            default -> throw new IndexOutOfBoundsException("version node index " + index);
        };
    }

    /** True when every fixed node equals the version's node. */
    public boolean matches(SemanticVersion version) {
        for (int i = 0; i < fixedNodes(); i++) {
            if (node(i) != version.node(i)) {
                return false;
            }
        }
        return true;
    }

    /** The highest of {@code versions} that this pattern matches. */
    public Optional<SemanticVersion> resolve(Collection<SemanticVersion> versions) {
        return versions.stream().filter(this::matches).max(Comparator.naturalOrder());
    }

    /**
     * The item with the highest matching version and, within it, the highest build (spec §1.4:
     * "picks the highest matching version, then the highest build of it").
     *
     * @param items        candidates, e.g. stored workflow builds of one name
     * @param buildVersion how to read an item's version and build
     */
    public <T> Optional<T> resolveLatestBuild(Collection<T> items, Function<? super T, BuildVersion> buildVersion) {
        return items.stream()
                .filter(item -> matches(buildVersion.apply(item).version()))
                .max(Comparator.comparing(buildVersion));
    }

    /** The pattern as written, e.g. {@code 1.x.x}. */
    @Override
    public String toString() {
        return text(major) + "." + text(minor) + "." + text(patch);
    }

    private static String text(int node) {
        return node == WILDCARD ? "x" : Integer.toString(node);
    }
}
