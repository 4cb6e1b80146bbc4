package dev.stepline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Brings the schema up to date at start. Scripts are classpath resources
 * {@code db/<dialect>/V001.sql}, {@code V002.sql}, … applied in order, each in its own
 * transaction, recorded in {@code schema_version}. On PostgreSQL a session advisory lock makes
 * concurrent starts of several nodes safe: one migrates, the others wait and find nothing to do.
 * (Flyway would do this too, at several hundred milliseconds of start-up; this is forty lines.)
 */
public final class Migrations {
    private static final long ADVISORY_LOCK_KEY = 0x5354_4550_4C49_4E45L; // "STEPLINE"

    private Migrations() {}

    /** Applies every pending script; returns the versions applied. */
    public static List<Integer> apply(Database database, Clock clock) {
        try (Connection lockConnection = database.connection()) {
            if (database.dialect() == Dialect.POSTGRESQL) {
                try (var statement = lockConnection.createStatement()) {
                    statement.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK_KEY + ")");
                }
            }
            try {
                return applyPending(database, clock);
            } finally {
                if (database.dialect() == Dialect.POSTGRESQL) {
                    try (var statement = lockConnection.createStatement()) {
                        statement.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK_KEY + ")");
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("migration failed", e);
        }
    }

    private static List<Integer> applyPending(Database database, Clock clock) {
        database.write(tx -> {
            tx.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            return null;
        });
        List<Integer> versions = database.read(tx ->
                tx.query("SELECT version FROM schema_version", row -> row.getInt(1)));
        Set<Integer> applied = new TreeSet<>(versions);
        List<Integer> done = new ArrayList<>();
        for (int version = 1; ; version++) {
            String script = script(database.dialect(), version);
            if (script == null) {
                return done;
            }
            if (applied.contains(version)) {
                continue;
            }
            int v = version;
            database.write(tx -> {
                for (String statement : statements(script)) {
                    tx.execute(statement);
                }
                tx.update("INSERT INTO schema_version (version, applied_ms) VALUES (?, ?)", v, clock.millis());
                return null;
            });
            done.add(version);
        }
    }

    private static String script(Dialect dialect, int version) {
        String name = "db/" + dialect.folder() + "/V%03d.sql".formatted(version);
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read " + name, e);
        }
    }

    /** Splits a script at semicolons that end a line; comment lines ({@code --}) are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
