package dev.stepline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.testing.Postgres;
import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Time advanced through the clock survives a restart, so timers set afterwards keep their meaning,
 * and is shared by every node on one PostgreSQL database.
 */
class AdvancedTimeTest {
    @Test
    void advancedTimeIsKeptAcrossARestart() throws Exception {
        try (TestServer server = TestServer.embedded()) {
            server.server().clock().advance(Duration.ofDays(3));
            server.restart();
            assertThat(server.server().clock().instant()).isAfter(Instant.now().plus(Duration.ofDays(3)).minusSeconds(60));
            server.server().clock().advance(Duration.ofDays(1));
            server.restart();
            assertThat(server.server().clock().advanced()).isEqualTo(Duration.ofDays(4));
        }
    }

    @Test
    void advancingOneNodeAdvancesTheOthers() throws Exception {
        String url = Postgres.freshSchemaUrl();
        try (StepLineServer a = StepLineServer.start(node(url)); StepLineServer b = StepLineServer.start(node(url))) {
            a.clock().advance(Duration.ofHours(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> b.clock().advanced().equals(Duration.ofHours(5)));
            b.clock().advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.clock().advanced().equals(Duration.ofHours(6)));
        }
        try (StepLineServer c = StepLineServer.start(node(url))) {
            assertThat(c.clock().advanced()).isEqualTo(Duration.ofHours(6));
        }
    }

    private static ServerConfig node(String url) throws java.io.IOException {
        return ServerConfig.defaults().withPort(0).withDataDir(java.nio.file.Files.createTempDirectory("stepline-node"))
                .withDatabaseUrl(url);
    }
}
