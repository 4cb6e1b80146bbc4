package dev.stepline.objects;

/** A bucket's versioning state. Once enabled, a bucket can be suspended but never unversioned again. */
enum Versioning {
    /** Never enabled: every key has at most one version, {@code null}. */
    UNVERSIONED(""),
    ENABLED("Enabled"),
    /** New writes replace the {@code null} version; older versions stay. */
    SUSPENDED("Suspended");

    private final String wire;

    Versioning(String wire) {
        this.wire = wire;
    }

    /** The {@code <Status>} value, and what the store keeps; empty for {@link #UNVERSIONED}. */
    String wire() {
        return wire;
    }

    static Versioning fromStored(String value) {
        for (Versioning v : values()) {
            if (v.wire.equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown versioning state: " + value);
    }
}
