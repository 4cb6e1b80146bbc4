package dev.stepline.store;

/** Named monotonic counters (build numbers, version numbers): never reused, even after deletes. */
public final class CounterStore {
    /** Increments the counter and returns its new value (1 the first time). */
    public long next(Tx tx, String name) {
        return tx.queryOne("INSERT INTO counter (name, value) VALUES (?, 1) "
                + "ON CONFLICT (name) DO UPDATE SET value = counter.value + 1 RETURNING value",
                r -> r.getLong(1), name).orElseThrow();
    }

    /** The current value, 0 when never incremented. */
    public long current(Tx tx, String name) {
        return tx.queryOne("SELECT value FROM counter WHERE name = ?", r -> r.getLong(1), name).orElse(0L);
    }
}
