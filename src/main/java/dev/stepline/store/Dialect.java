package dev.stepline.store;

/** The SQL dialects Stepline runs on. Dialect-specific SQL lives in the migrations and in {@link Tx} callers' branches, nowhere else. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The classpath folder of this dialect's migrations, {@code db/<folder>/}. */
    public String folder() {
        return folder;
    }
}
