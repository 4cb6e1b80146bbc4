package dev.stepline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Time advanced through the clock survives a restart, so timers set afterwards keep their meaning. */
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
}
