package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.imagebuilder.version.SemanticVersion;

/**
 * Fixed-width text forms of versions and build numbers, so that sort keys compare as strings in
 * the numeric order (ascending, or descending for newest-first lists). Nodes are at most
 * 2^30−1 and build numbers at most 10 digits.
 */
final class SortKeys {
    private static final long TOP = 9_999_999_999L;

    private SortKeys() {}

    static String ascending(SemanticVersion v) {
        return pad(v.major()) + "." + pad(v.minor()) + "." + pad(v.patch());
    }

    static String ascending(BuildVersion bv) {
        return ascending(bv.version()) + "/" + pad(bv.build());
    }

    static String descending(BuildVersion bv) {
        SemanticVersion v = bv.version();
        return inverse(v.major()) + "." + inverse(v.minor()) + "." + inverse(v.patch()) + "/" + inverse(bv.build());
    }

    private static String pad(long n) {
        return String.format("%010d", n);
    }

    private static String inverse(long n) {
        return pad(TOP - n);
    }
}
