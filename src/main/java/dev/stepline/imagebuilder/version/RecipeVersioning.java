package dev.stepline.imagebuilder.version;

import java.util.Collection;

/**
 * Auto-versioning for CreateImageRecipe and CreateContainerRecipe, which accept a
 * {@code WildcardVersionNumber} (spec §1.4). The first {@code x} becomes one more than the highest
 * existing value at that node among the versions that share the fixed prefix (0 when none does);
 * every following {@code x} becomes 0. With {@code 1.0.0} and {@code 1.0.1} stored, {@code 1.0.x}
 * becomes {@code 1.0.2}.
 */
public final class RecipeVersioning {
    private RecipeVersioning() {}

    /**
     * The concrete version to create.
     *
     * @param requested the version as requested; returned unchanged when exact
     * @param existing  the versions that already exist for this recipe name
     * @throws dev.stepline.imagebuilder.ImageBuilderException {@code InvalidVersionNumberException}
     *         when the next value would exceed 2^30−1
     */
    public static SemanticVersion assign(VersionPattern requested, Collection<SemanticVersion> existing) {
        if (requested.isExact()) {
            return requested.exactVersion().orElseThrow();
        }
        int index = requested.fixedNodes();
        int next = existing.stream()
                .filter(requested::matches)
                .mapToInt(version -> version.node(index))
                .max()
                .stream()
                .map(highest -> highest + 1)
                .findFirst()
                .orElse(0);
        if (next > SemanticVersion.MAX_NODE) {
            throw SemanticVersion.outOfRange("semanticVersion");
        }
        int[] nodes = new int[3];
        for (int i = 0; i < 3; i++) {
            nodes[i] = i < index ? requested.node(i) : i == index ? next : 0;
        }
        return new SemanticVersion(nodes[0], nodes[1], nodes[2]);
    }
}
