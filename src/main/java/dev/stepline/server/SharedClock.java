package dev.stepline.server;

import dev.stepline.engine.EngineClock;
import dev.stepline.store.Database;
import dev.stepline.store.Dialect;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps time advanced by hand in the store, so that it survives a restart and every node of a
 * cluster shares it: an advance on any node is stored (the furthest total wins) and announced;
 * the other nodes move their clocks to it. At scale 1, engine time never jumps back across a
 * restart; a faster scale's own gain is not kept.
 */
final class SharedClock implements AutoCloseable {
    static final String KEY = "clock-advanced-ms";
    private static final String CHANNEL = "stepline_clock";
    private static final Logger LOG = LoggerFactory.getLogger(SharedClock.class);

    private final Database database;
    private final EngineClock clock;
    private final AutoCloseable listening;

    SharedClock(Database database, EngineClock clock) {
        this.database = database;
        this.clock = clock;
        pull();
        clock.onAdvance(this::share);
        this.listening = database.listen(CHANNEL, ignored -> pull());
    }

    private Optional<Long> stored() {
        return database.read(tx -> tx.queryOne("SELECT value FROM meta WHERE name = ?",
                r -> Long.parseLong(r.getString(1)), KEY));
    }

    /** Moves this node's clock up to the stored total. */
    private void pull() {
        try {
            stored().ifPresent(ms -> clock.advanceTo(Duration.ofMillis(ms)));
        } catch (RuntimeException e) {
            LOG.warn("reading the shared clock failed: {}", e.toString());
        }
    }

    /** After a local advance: store the new total if it is the furthest, and tell the other nodes. */
    private void share() {
        long local = clock.advanced().toMillis();
        database.write(tx -> {
            tx.update("INSERT INTO meta (name, value) VALUES (?, '0') ON CONFLICT (name) DO NOTHING", KEY);
            String lock = tx.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
            long stored = tx.queryOne("SELECT value FROM meta WHERE name = ?" + lock, r -> Long.parseLong(r.getString(1)), KEY)
                    .orElse(0L);
            if (local > stored) {
                tx.update("UPDATE meta SET value = ? WHERE name = ?", Long.toString(local), KEY);
                tx.publish(CHANNEL, Long.toString(local));
            }
            return null;
        });
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (Exception e) {
            LOG.debug("closing the clock listener failed", e);
        }
    }
}
