package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.WorkItem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChoiceWaitTest {

    static final String CHOICE = """
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[
                  {"Variable":"$.n","NumericEquals":1,"Next":"One"},
                  {"And":[{"Variable":"$.s","StringEquals":"x"},{"Not":{"Variable":"$.b","BooleanEquals":true}}],
                   "Next":"Two"}],
                %s},
              "One":{"Type":"Pass","Result":"one","End":true},
              "Two":{"Type":"Pass","Result":"two","End":true},
              "D":{"Type":"Pass","Result":"default","End":true}}}""";

    @Test
    void firstMatchingRuleWins() {
        FakeEngine engine = new FakeEngine().start(CHOICE.formatted("\"Default\":\"D\""), "{\"n\":1.0,\"s\":\"x\",\"b\":false}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 ChoiceStateEntered 0",
                "3 ChoiceStateExited 2", "4 PassStateEntered 3", "5 PassStateExited 4", "6 ExecutionSucceeded 5");
        assertThat(engine.event("ChoiceStateExited").detail("output")).isEqualTo("{\"n\":1.0,\"s\":\"x\",\"b\":false}");
        assertThat(engine.summary().output()).isEqualTo("\"one\"");
    }

    @Test
    void combinators() {
        FakeEngine engine = new FakeEngine().start(CHOICE.formatted("\"Default\":\"D\""), "{\"n\":2,\"s\":\"x\",\"b\":false}");
        assertThat(engine.summary().output()).isEqualTo("\"two\"");
    }

    @Test
    void defaultWhenNothingMatches() {
        FakeEngine engine = new FakeEngine().start(CHOICE.formatted("\"Default\":\"D\""), "{\"n\":2,\"s\":\"x\",\"b\":true}");
        assertThat(engine.summary().output()).isEqualTo("\"default\"");
    }

    @Test
    void noMatchWithoutDefaultFails() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"One"}]},
                  "One":{"Type":"Pass","End":true}}}""", "{\"n\":2}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 ChoiceStateEntered 0",
                "3 ExecutionFailed 2");
        assertThat(engine.last().detail("error")).isEqualTo("States.NoChoiceMatched");
        assertThat(engine.last().detail("cause")).startsWith(
                "An error occurred while executing the state 'C' (entered at the event id #2).");
    }

    @Test
    void waitSeconds() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"P"},
                  "P":{"Type":"Pass","End":true}}}""", "{\"a\":1}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 WaitStateEntered 0");
        WorkItem timer = engine.item(WorkItem.Kind.SIGNAL);
        assertThat(timer.dueMs()).isEqualTo(engine.now.toEpochMilli() + 30_000);
        engine.advance(Duration.ofSeconds(29));
        assertThat(engine.events).hasSize(2);
        engine.advance(Duration.ofSeconds(1));
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 WaitStateEntered 0",
                "3 WaitStateExited 2", "4 PassStateEntered 3", "5 PassStateExited 4", "6 ExecutionSucceeded 5");
        assertThat(engine.event("WaitStateExited").detail("output")).isEqualTo("{\"a\":1}");
    }

    @Test
    void waitTimestampInThePastDoesNotWait() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2001-01-01T00:00:00Z","End":true}}}""", "{}");
        assertThat(engine.types()).containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                "ExecutionSucceeded");
        assertThat(engine.transitions).isEqualTo(2);
    }

    @Test
    void waitTimestampInTheFuture() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2024-05-01T11:00:00.5+01:00","End":true}}}""",
                "{}");
        // 11:00:00.5+01:00 is 10:00:00.5Z, half a second after the start
        assertThat(engine.item(WorkItem.Kind.SIGNAL).dueMs()).isEqualTo(engine.now.toEpochMilli() + 500);
        engine.runToEnd();
        assertThat(engine.summary().status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void waitWithZeroSecondsPassesThrough() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":0,"End":true}}}""", "{}");
        assertThat(engine.summary().status()).isEqualTo("SUCCEEDED");
    }
}
