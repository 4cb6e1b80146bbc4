package dev.stepline.mwaa.worker;

import static java.util.Objects.requireNonNull;

import dev.stepline.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Attempt logs in the database ({@code mwaa_attempt_log}), so that every node serves them: each
 * run of an attempt (a sensor's poke, possibly on another node than the last) appends its lines as
 * one segment when it ends, and a log stream reads as its segments in order.
 */
public final class AttemptLogStore {
    private final Database database;
    private final Clock clock;

    public AttemptLogStore(Database database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Appends a segment of JSON lines to the stream. */
    void append(LogStreamName name, String lines) {
        if (lines.isEmpty()) {
            return;
        }
        database.write(tx -> tx.update("INSERT INTO mwaa_attempt_log (log_group, log_stream, seq, data, created_ms)"
                        + " SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ? FROM mwaa_attempt_log"
                        + " WHERE log_group = ? AND log_stream = ?",
                name.group(), name.stream(), lines, clock.millis(), name.group(), name.stream()));
    }

    /** The stream's stored lines, or empty when no segment of it was stored. */
    Optional<String> read(LogStreamName name) {
        List<String> segments = database.read(tx -> tx.query(
                "SELECT data FROM mwaa_attempt_log WHERE log_group = ? AND log_stream = ? ORDER BY seq",
                rs -> rs.getString(1), name.group(), name.stream()));
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("", segments));
    }
}
