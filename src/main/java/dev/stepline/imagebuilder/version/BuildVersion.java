package dev.stepline.imagebuilder.version;

import static java.util.Objects.requireNonNull;

/**
 * A version plus the build number the service assigns ({@code 1.0.0/2}). Build numbers start at 1
 * for each (name, version) and are never reused (spec §1.4). Ordered by version, then build.
 */
public record BuildVersion(SemanticVersion version, int build) implements Comparable<BuildVersion> {
    public BuildVersion {
        requireNonNull(version, "version is null");
        if (build < 1) {
            throw new IllegalArgumentException("build must be at least 1: " + build);
        }
    }

    /**
     * The build number that follows a high-water mark: the highest build ever assigned to this
     * (name, version), deleted builds included, or 0 when none was.
     */
    public static int nextBuildNumber(int highWaterMark) {
        if (highWaterMark < 0) {
            throw new IllegalArgumentException("highWaterMark must not be negative: " + highWaterMark);
        }
        return Math.addExact(highWaterMark, 1);
    }

    /** Parses {@code M.m.p/b}, as in the {@code version} member of images ({@code "1.0.0/3"}). */
    public static BuildVersion parse(String value) {
        requireNonNull(value, "value is null");
        int slash = value.indexOf('/');
        if (slash < 0 || !value.substring(slash + 1).matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("not a build version: " + value);
        }
        return new BuildVersion(SemanticVersion.parse(value.substring(0, slash), "version"),
                Integer.parseInt(value.substring(slash + 1)));
    }

    @Override
    public int compareTo(BuildVersion other) {
        int c = version.compareTo(other.version);
        return c != 0 ? c : Integer.compare(build, other.build);
    }

    /** {@code major.minor.patch/build}. */
    @Override
    public String toString() {
        return version + "/" + build;
    }
}
