package dev.stepline.store;

import java.util.function.Supplier;

/** Small server-wide settings shared by every node (e.g. the page-token key). */
public final class MetaStore {
    /** The stored value, or {@code initial}'s value stored now; the first writer wins across nodes. */
    public String getOrCreate(Database database, String name, Supplier<String> initial) {
        return database.write(tx -> {
            tx.update("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, initial.get());
            return tx.queryOne("SELECT value FROM meta WHERE name = ?", r -> r.getString(1), name).orElseThrow();
        });
    }

    /** The stored value, if any. */
    public java.util.Optional<String> get(Database database, String name) {
        return database.read(tx -> tx.queryOne("SELECT value FROM meta WHERE name = ?", r -> r.getString(1), name));
    }

    /** Stores {@code value} under {@code name}, replacing what was there. */
    public void put(Database database, String name, String value) {
        database.write(tx -> tx.update("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
                + " SET value = excluded.value", name, value));
    }
}
