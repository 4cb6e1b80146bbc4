package dev.stepline.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's connections and transactions. SQLite (the embedded default, WAL with
 * {@code synchronous=FULL} so an acknowledged write survives a power cut) allows one writer at
 * a time: writes are serialised here by a lock instead of colliding on {@code SQLITE_BUSY}, and
 * readers run beside them on WAL snapshots. PostgreSQL takes concurrent writers; fencing there
 * is by row versions, never by this process's lock.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final ReentrantLock sqliteWriter = new ReentrantLock();
    /** Listeners still open, closed with the store. */
    private final java.util.List<AutoCloseable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** The embedded store in {@code dataDir/stepline.db}. */
    public static Database sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create data directory " + dataDir, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + dataDir.resolve("stepline.db").toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("sqlite");
        // Readers run beside the single writer on WAL snapshots; the engine's committer must not
        // queue behind API reads for a connection.
        hikari.setMaximumPoolSize(12);
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(true);
        return new Database(new HikariDataSource(hikari), Dialect.SQLITE);
    }

    /**
     * PostgreSQL at {@code url}: {@code postgresql://user:password@host:port/db?options} or a
     * {@code jdbc:postgresql:} URL.
     */
    public static Database postgres(String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl(url));
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            hikari.setUsername(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
            if (parts.length == 2) {
                hikari.setPassword(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        } else if (!url.contains("user=")) {
            hikari.setUsername("postgres");
        }
        hikari.setPoolName("postgresql");
        hikari.setMaximumPoolSize(8);
        hikari.setMinimumIdle(1);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new Database(new HikariDataSource(hikari), Dialect.POSTGRESQL);
    }

    /** Normalises {@code postgres(ql)://…} to {@code jdbc:postgresql://host:port/db?…} without user info. */
    static String jdbcUrl(String url) {
        requireNonNull(url, "url is null");
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        URI uri = URI.create(url);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("database URL must start with postgresql://, postgres:// or jdbc:postgresql: — got " + url);
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + host + ":" + port + path + query;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one read-write transaction and commits it; rolls back if it throws. */
    public <T> T write(Function<Tx, T> work) {
        if (dialect == Dialect.SQLITE) {
            sqliteWriter.lock();
            try {
                return inTransaction(work, true);
            } finally {
                sqliteWriter.unlock();
            }
        }
        return inTransaction(work, false);
    }

    /** Runs {@code work} in a read-only transaction (a consistent snapshot). */
    public <T> T read(Function<Tx, T> work) {
        return inTransaction(work, false);
    }

    private <T> T inTransaction(Function<Tx, T> work, boolean immediate) {
        try (Connection connection = pool.getConnection()) {
            if (immediate) {
                // Take SQLite's write lock up front so the transaction never has to upgrade.
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("BEGIN IMMEDIATE");
                }
            } else {
                connection.setAutoCommit(false);
            }
            try {
                T result = work.apply(new Tx(connection, dialect));
                commit(connection, immediate);
                return result;
            } catch (RuntimeException | Error e) {
                rollback(connection, immediate);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed", e);
        }
    }

    private static void commit(Connection connection, boolean explicit) throws SQLException {
        if (explicit) {
            try (var statement = connection.createStatement()) {
                statement.execute("COMMIT");
            }
        } else {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private static void rollback(Connection connection, boolean explicit) {
        try {
            if (explicit) {
                try (var statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                }
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    /**
     * Calls {@code listener} with the payload of every notification on {@code channel} (sent by
     * {@link Tx#publish} in any node's committed transaction), and with null whenever the listening
     * connection was (re)opened and notifications may have been missed. PostgreSQL only: the
     * embedded store has a single node, so there is nobody to hear from and this returns a no-op.
     * Listening stops when the returned handle or this store is closed.
     *
     * @param channel a plain identifier (letters, digits, underscores)
     */
    public AutoCloseable listen(String channel, java.util.function.Consumer<String> listener) {
        requireNonNull(listener, "listener is null");
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad channel name: " + channel);
        }
        if (dialect != Dialect.POSTGRESQL) {
            return () -> { };
        }
        java.util.Properties credentials = new java.util.Properties();
        if (pool.getUsername() != null) {
            credentials.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            credentials.setProperty("password", pool.getPassword());
        }
        Notifications notifications = new Notifications(pool.getJdbcUrl(), credentials, channel, listener);
        listeners.add(notifications);
        return () -> {
            listeners.remove(notifications);
            notifications.close();
        };
    }

    /** A raw connection outside any transaction, for migrations' session-level locks. */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        for (AutoCloseable listener : listeners) {
            try {
                listener.close();
            } catch (Exception ignored) {
                // Notifications.close does not throw
            }
        }
        listeners.clear();
        pool.close();
    }
}
