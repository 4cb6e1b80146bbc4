package dev.stepline.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use: {@code STEPLINE_TEST_POSTGRES_URL} or the machine's
 * server at 127.0.0.1:5432, database {@code test}. Each caller gets a fresh schema, so test
 * runs never see each other's rows.
 */
public final class Postgres {
    private static final String BASE = System.getenv().getOrDefault("STEPLINE_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("STEPLINE_TEST_POSTGRES_USER", "postgres");

    private Postgres() {}

    /** A {@code jdbc:postgresql:} URL whose {@code currentSchema} is a new, empty schema. */
    public static String freshSchemaUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(BASE, USER, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + BASE
                    + " (start it, or set STEPLINE_TEST_POSTGRES_URL): " + e.getMessage(), e);
        }
        return BASE + (BASE.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&user=" + USER;
    }
}
