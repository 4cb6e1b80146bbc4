package dev.stepline.mwaa.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TimedeltasTest {

    private static JsonNode yaml(String text) {
        return DagYaml.read("v: " + text + "\n").get("v");
    }

    @Test
    void timedeltaComponentsAreSummedAsInPython() {
        assertThat(Timedeltas.fromTimedelta(yaml("{__type__: datetime.timedelta, hours: 1, minutes: 30, seconds: 15}")))
                .isEqualTo(Duration.ofSeconds(5415));
        assertThat(Timedeltas.fromTimedelta(yaml("{__type__: datetime.timedelta, weeks: 1, days: -1}")))
                .isEqualTo(Duration.ofDays(6));
        assertThat(Timedeltas.fromTimedelta(yaml("{__type__: datetime.timedelta, minutes: 1.5, milliseconds: 250}")))
                .isEqualTo(Duration.ofMillis(90_250));
        assertThat(Timedeltas.fromTimedelta(yaml("{__type__: datetime.timedelta, microseconds: 1.5}")))
                .isEqualTo(Duration.ofNanos(2000)); // round-half-even to whole microseconds
        assertThat(Timedeltas.fromTimedelta(yaml("{__type__: datetime.timedelta}"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryDelayAcceptsNumbersAndTimedeltas() {
        assertThat(Timedeltas.retryDelay(yaml("0"))).isEqualTo(Duration.ZERO);
        assertThat(Timedeltas.retryDelay(yaml("300"))).isEqualTo(Duration.ofSeconds(300));
        assertThat(Timedeltas.retryDelay(yaml("2.5"))).isEqualTo(Duration.ofMillis(2500));
        assertThat(Timedeltas.retryDelay(yaml("{__type__: datetime.timedelta, minutes: 5}")))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryDelayRejectsPythonTypeErrors() {
        assertThatThrownBy(() -> Timedeltas.retryDelay(yaml("30s")))
                .hasMessage("unsupported type for timedelta seconds component: str");
        assertThatThrownBy(() -> Timedeltas.retryDelay(yaml("[30]")))
                .hasMessage("unsupported type for timedelta seconds component: list");
        assertThatThrownBy(() -> Timedeltas.retryDelay(yaml("{__type__: datetime.datetime, year: 2025}")))
                .hasMessage("unsupported type for timedelta seconds component: datetime");
        assertThatThrownBy(() -> Timedeltas.retryDelay(yaml(".inf")))
                .hasMessage("cannot convert float inf to integer");
        assertThatThrownBy(() -> Timedeltas.retryDelay(yaml("300.5")))
                .hasMessage("retry_delay (300.5 seconds) must be between 0 and 300 seconds");
    }

    @Test
    void executionTimeoutNeedsATimedeltaUpToAnHour() {
        assertThat(Timedeltas.executionTimeout(yaml("{__type__: datetime.timedelta, hours: 1}")))
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Timedeltas.executionTimeout(yaml("900.0")))
                .hasMessage("execution_timeout must be timedelta object but passed as type: float");
        assertThatThrownBy(() -> Timedeltas.executionTimeout(yaml("true")))
                .hasMessage("execution_timeout must be timedelta object but passed as type: bool");
        assertThatThrownBy(() -> Timedeltas.executionTimeout(yaml("{__type__: datetime.timedelta, seconds: 3601}")))
                .hasMessage("execution_timeout (60.016666666666666 minutes) must be less than or equal to 60 minutes");
    }

    @Test
    void formatting() {
        assertThat(Timedeltas.formatMinutes(Duration.ofMinutes(66))).isEqualTo("66");
        assertThat(Timedeltas.formatMinutes(Duration.ofSeconds(90))).isEqualTo("1.5");
        assertThat(Timedeltas.formatSeconds(Duration.ofSeconds(301))).isEqualTo("301");
        assertThat(Timedeltas.formatSeconds(Duration.ofMillis(-1500))).isEqualTo("-1.5");
    }
}
