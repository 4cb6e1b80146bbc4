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
}
