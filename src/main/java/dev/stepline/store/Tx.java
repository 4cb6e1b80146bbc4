package dev.stepline.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open transaction: a thin helper over JDBC in the spirit of db-scheduler's JdbcRunner.
 * Arguments bind positionally; {@code null} binds SQL NULL.
 */
public final class Tx {
    private final Connection connection;
    private final Dialect dialect;

    Tx(Connection connection, Dialect dialect) {
        this.connection = requireNonNull(connection, "connection is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("update failed: " + sql, e);
        }
    }

    /** Runs one statement for each argument row, as a JDBC batch; returns each row's count. */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(statement, args);
                statement.addBatch();
            }
            return statement.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("batch failed: " + sql, e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + sql, e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Tells every node listening on {@code channel} ({@link Database#listen}) once this transaction
     * commits; nothing if it rolls back. PostgreSQL only (a no-op on the single-node embedded store).
     */
    public void publish(String channel, String payload) {
        if (dialect == Dialect.POSTGRESQL) {
            queryOne("SELECT pg_notify(?, ?)", rs -> Boolean.TRUE, channel, payload);
        }
    }

    /**
     * Holds the lock named {@code name} until this transaction ends, waiting while a transaction of
     * any node holds it (a PostgreSQL advisory transaction lock on the name's hash). A no-op on the
     * embedded store: it has one node, whose callers serialise themselves.
     */
    public void lockAcrossNodes(String name) {
        requireNonNull(name, "name is null");
        if (dialect == Dialect.POSTGRESQL) {
            queryOne("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> Boolean.TRUE, name);
        }
    }

    /** Runs a statement that returns no rows and is not counted (DDL). */
    public void execute(String sql) {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("statement failed: " + sql, e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Boolean b) {
                statement.setBoolean(i + 1, b);
            } else {
                statement.setObject(i + 1, arg);
            }
        }
    }
}
