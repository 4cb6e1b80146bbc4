package dev.stepline.imagebuilder.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelineCronTest {
    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void sixFieldExpressionsFireInTheirTimeZone() {
        PipelineCron daily = PipelineCron.parse("cron(0 3 * * ? *)", "Europe/Paris");
        // 03:00 in Paris is 02:00 UTC in winter and 01:00 UTC in summer
        assertThat(daily.next(ms("2026-11-21T15:00:00Z"))).contains(ms("2026-11-22T02:00:00Z"));
        assertThat(daily.next(ms("2026-07-01T00:00:00Z"))).contains(ms("2026-07-01T01:00:00Z"));
        assertThat(PipelineCron.parse("cron(0 0 ? * MON *)", null).next(ms("2026-11-21T15:00:00Z")))
                .contains(ms("2026-11-23T00:00:00Z"));
        assertThat(PipelineCron.parse("cron(0 12 L * ? *)", null).next(ms("2026-02-01T00:00:00Z")))
                .contains(ms("2026-02-28T12:00:00Z"));
    }

    @Test
    void theFiveFieldFormOfTheCliExampleIsAccepted() {
        assertThat(PipelineCron.parse("cron(0 0 * * SUN)", null).next(ms("2026-11-21T15:00:00Z")))
                .contains(ms("2026-11-22T00:00:00Z"));
    }

    @Test
    void aFireTimeIsStrictlyAfterTheGivenOne() {
        PipelineCron hourly = PipelineCron.parse("cron(0 * * * ? *)", "Etc/UTC");
        assertThat(hourly.next(ms("2026-11-21T15:00:00Z"))).contains(ms("2026-11-21T16:00:00Z"));
        assertThat(PipelineCron.parse("cron(0 0 1 1 ? 2020)", null).next(ms("2026-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void badExpressionsAndZonesAreInvalidRequests() {
        for (String bad : new String[] {"rate(1 day)", "0 * * * ? *", "cron(0 * * * * *)", "cron(0 * * * ?)x",
                "cron(60 * * * ? *)", "cron()"}) {
            assertThatThrownBy(() -> PipelineCron.parse(bad, null)).as(bad)
                    .isInstanceOfSatisfying(ImageBuilderException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_REQUEST);
                        assertThat(e.getMessage()).startsWith(
                                "The value supplied for parameter 'schedule.scheduleExpression' is not valid.");
                    });
        }
        assertThatThrownBy(() -> PipelineCron.parse("cron(0 * * * ? *)", "Mars/Olympus"))
                .hasMessageContaining("'schedule.timezone'");
    }
}
