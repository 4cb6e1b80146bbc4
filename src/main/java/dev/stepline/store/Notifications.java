package dev.stepline.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL {@code LISTEN} on one channel, on a dedicated connection outside the pool, calling
 * back with each notification's payload. Notifications are hints between nodes (wake up, look in
 * the store): a lost one only delays work until the next poll, so a broken connection is simply
 * reopened.
 */
final class Notifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final String jdbcUrl;
    private final Properties credentials;
    private final String channel;
    private final Consumer<String> listener;
    private final Thread thread;
    private volatile boolean running = true;

    Notifications(String jdbcUrl, Properties credentials, String channel, Consumer<String> listener) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = credentials;
        this.channel = channel;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("stepline-listen-" + channel).start(this::loop);
    }

    private void loop() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials)) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                // Whatever was notified while not listening is covered by the pollers.
                listener.accept(null);
                while (running) {
                    PGNotification[] received = pg.getNotifications(500);
                    if (received != null) {
                        for (PGNotification n : received) {
                            listener.accept(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("listening on {} failed ({}); reconnecting", channel, e.toString());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
