package dev.stepline.sfn.runtime.dataflow;

import static dev.stepline.sfn.runtime.dataflow.Fixtures.assertError;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.scope;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.waitState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.JsonataExpression;
import dev.stepline.sfn.asl.NumericValue;
import dev.stepline.sfn.asl.QueryLanguage;
import dev.stepline.sfn.asl.WaitState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link StateValues#waitUntil}: the four Wait forms (spec §6.9) and the delay limit (spec §7). */
class WaitTest {
    private static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");

    private static Instant until(String fields, String input) throws StatesError {
        return StateValues.waitUntil(waitState(fields), scope(input, Map.of("delay", "7")), NOW);
    }

    @Test
    void literalSeconds() throws StatesError {
        assertThat(until("\"Seconds\": 10", "{}")).isEqualTo(NOW.plusSeconds(10));
        assertThat(until("\"Seconds\": 0", "{}")).isEqualTo(NOW);
    }

    @Test
    void secondsFromPathsContextAndVariables() throws StatesError {
        assertThat(until("\"SecondsPath\": \"$.input.waitSeconds\"", "{\"input\": {\"waitSeconds\": 5}}"))
                .isEqualTo(NOW.plusSeconds(5));
        assertThat(until("\"SecondsPath\": \"$delay\"", "{}")).isEqualTo(NOW.plusSeconds(7));
        assertThat(until("\"SecondsPath\": \"$$.State.RetryCount\"", "{}")).isEqualTo(NOW);
    }

    @Test
    void negativeSecondsPath() {
        assertError(() -> until("\"SecondsPath\": \"$.input.waitSeconds\"", "{\"input\": {\"waitSeconds\": -1}}"),
                StatesError.RUNTIME, "The SecondsPath parameter references a negative value: $.input.waitSeconds == -1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.5|1.5",
        "1.0|1.0",
        "\"10\"|10",
        "null|null",
        "{}|{}",
        "99999999999999999999|99999999999999999999"})
    void secondsPathThatIsNotALong(String value, String shown) {
        assertError(() -> until("\"SecondsPath\": \"$.input.waitSeconds\"", "{\"input\": {\"waitSeconds\": " + value + "}}"),
                StatesError.RUNTIME, "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == "
                        + shown);
    }

    @Test
    void missingSecondsPath() {
        assertError(() -> until("\"SecondsPath\": \"$.nope\"", "{}"), StatesError.RUNTIME,
                "Invalid path '$.nope' : No results for path: $['nope']");
    }

    @Test
    void delayLimitIs2To31Minus1Seconds() throws StatesError {
        long ok = Duration.ofDays(24_855).toSeconds();
        long tooLong = Duration.ofDays(24_856).toSeconds();
        assertThat(until("\"SecondsPath\": \"$.s\"", "{\"s\": " + ok + "}")).isEqualTo(NOW.plusSeconds(ok));
        assertThat(until("\"SecondsPath\": \"$.s\"", "{\"s\": 2147483647}")).isEqualTo(NOW.plusSeconds(2147483647L));
        assertError(() -> until("\"SecondsPath\": \"$.s\"", "{\"s\": " + tooLong + "}"), StatesError.RUNTIME,
                "Wait state delay is too long.");
        assertError(() -> until("\"SecondsPath\": \"$.s\"", "{\"s\": 2147483648}"), StatesError.RUNTIME,
                "Wait state delay is too long.");
        String far = NOW.plus(Duration.ofDays(24_856)).toString();
        assertError(() -> until("\"TimestampPath\": \"$.t\"", "{\"t\": \"" + far + "\"}"), StatesError.RUNTIME,
                "Wait state delay is too long.");
        String near = NOW.plus(Duration.ofDays(24_855)).toString();
        assertThat(until("\"TimestampPath\": \"$.t\"", "{\"t\": \"" + near + "\"}")).isEqualTo(Instant.parse(near));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-06-01T10:05:00Z|2024-06-01T10:05:00Z",
        "2024-06-01T12:05:00+02:00|2024-06-01T10:05:00Z",
        "2024-06-01T10:05:00.000000Z|2024-06-01T10:05:00Z",
        "2024-06-01T10:05:00.50Z|2024-06-01T10:05:00.500Z"})
    void literalAndPathTimestamps(String timestamp, String expected) throws StatesError {
        assertThat(until("\"Timestamp\": \"" + timestamp + "\"", "{}")).isEqualTo(Instant.parse(expected));
        assertThat(until("\"TimestampPath\": \"$.t\"", "{\"t\": \"" + timestamp + "\"}")).isEqualTo(Instant.parse(expected));
    }

    @Test
    void pastTimestampsEndNow() throws StatesError {
        assertThat(until("\"Timestamp\": \"2016-03-14T01:59:00Z\"", "{}")).isEqualTo(NOW);
        assertThat(until("\"TimestampPath\": \"$.t\"", "{\"t\": \"2016-03-14T01:59:00Z\"}")).isEqualTo(NOW);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"2016-12-05 21:29:29Z\"|2016-12-05 21:29:29Z",
        "\"2016-12-05T21:29:29\"|2016-12-05T21:29:29",
        "\"tomorrow\"|tomorrow",
        "12|12"})
    void invalidTimestampPath(String value, String shown) {
        assertError(() -> until("\"TimestampPath\": \"$.TimestampValue\"", "{\"TimestampValue\": " + value + "}"),
                StatesError.RUNTIME, "The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
                        + "date-time format string: $.TimestampValue == " + shown);
    }

    @Test
    void jsonataSecondsNeedAJsonataScope() {
        WaitState state = new WaitState("W", null, QueryLanguage.JSONATA, "End", null, null,
                new NumericValue.FromJsonata(JsonataExpression.of("{% 1 %}")), null, null, null);
        assertError(() -> StateValues.waitUntil(state, scope("{}"), NOW), StatesError.RUNTIME,
                "A JSONata expression cannot be evaluated in a JSONPath field.");
    }
}
