package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import dev.stepline.sfn.runtime.dataflow.Json;
import org.junit.jupiter.api.Test;

class PassChainTest {

    static final String PASS_SUCCEED = """
            {"StartAt":"P","States":{
              "P":{"Type":"Pass","Result":{"x":1.50},"ResultPath":"$.r","Next":"S"},
              "S":{"Type":"Succeed"}}}""";

    @Test
    void createdRecordsOnlyTheStartAndRunsNothing() {
        FakeEngine engine = new FakeEngine();
        engine.roundTrip = true;
        engine.start(PASS_SUCCEED, "{\"a\": 1}");
        // start() ran until idle; look at the first transition alone
        FakeEngine.Event started = engine.events.get(0);
        assertThat(started.type()).isEqualTo("ExecutionStarted");
        assertThat(started.prev()).isZero();
        assertThat(started.detail("input")).isEqualTo("{\"a\":1}");
        assertThat(started.details().get("inputDetails").get("truncated").asBoolean()).isFalse();
        assertThat(started.detail("roleArn")).isEqualTo(FakeEngine.ROLE);
        assertThat(started.details().has("stateMachineVersionArn")).isFalse();
        assertThat(engine.summaries.get(0).status()).isEqualTo("RUNNING");
        assertThat(engine.summaries.get(0).stopDate()).isNull();
        assertThat(engine.transitions).isEqualTo(2); // created, then advance
    }

    @Test
    void createdSchedulesAnAdvanceInsteadOfRunningStates() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        // do not run: apply created by hand through start's first step
        engine.start("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}""", "{}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 WaitStateEntered 0");
    }

    @Test
    void passThenSucceed() {
        FakeEngine engine = new FakeEngine().start(PASS_SUCCEED, "{\"a\": 1}");
        assertThat(engine.history()).containsExactly(
                "1 ExecutionStarted 0",
                "2 PassStateEntered 0",
                "3 PassStateExited 2",
                "4 SucceedStateEntered 3",
                "5 SucceedStateExited 4",
                "6 ExecutionSucceeded 5");
        assertThat(engine.events.get(1).detail("name")).isEqualTo("P");
        assertThat(engine.events.get(1).detail("input")).isEqualTo("{\"a\":1}");
        assertThat(engine.events.get(2).detail("output")).isEqualTo("{\"a\":1,\"r\":{\"x\":1.50}}");
        assertThat(engine.event("ExecutionSucceeded").detail("output")).isEqualTo("{\"a\":1,\"r\":{\"x\":1.50}}");
        assertThat(engine.closed).isTrue();
        ExecutionSummary summary = engine.summary();
        assertThat(summary.status()).isEqualTo("SUCCEEDED");
        assertThat(summary.output()).isEqualTo("{\"a\":1,\"r\":{\"x\":1.50}}");
        assertThat(summary.stopDate()).isEqualTo(engine.now);
        assertThat(summary.error()).isNull();
        assertThat(summary.input()).isEqualTo("{\"a\": 1}");
        assertThat(engine.items).isEmpty();
    }

    @Test
    void tenPassChain() {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            states.append(i == 0 ? "" : ",").append("\"P").append(i).append("\":{\"Type\":\"Pass\",")
                    .append(i == 9 ? "\"End\":true}" : "\"Next\":\"P" + (i + 1) + "\"}");
        }
        FakeEngine engine = new FakeEngine().start("{\"StartAt\":\"P0\",\"States\":{" + states + "}}", "[1,2]");
        assertThat(engine.events).hasSize(22);
        for (int i = 1; i < 22; i++) {
            assertThat(engine.events.get(i).prev()).isEqualTo(i == 1 ? 0 : i);
        }
        assertThat(engine.summary().output()).isEqualTo("[1,2]");
    }

    @Test
    void failStateWithErrorAndCause() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"F"},
                 "F":{"Type":"Fail","Error":"MyError","Cause":"it broke"}}}""", "{}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0",
                "3 PassStateExited 2", "4 FailStateEntered 3", "5 ExecutionFailed 4");
        assertThat(engine.last().detail("error")).isEqualTo("MyError");
        assertThat(engine.last().detail("cause")).isEqualTo("it broke");
        assertThat(engine.summary().status()).isEqualTo("FAILED");
        assertThat(engine.summary().error()).isEqualTo("MyError");
        assertThat(engine.summary().cause()).isEqualTo("it broke");
    }

    @Test
    void failStateWithoutErrorOrCauseHasEmptyDetails() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"F","States":{"F":{"Type":"Fail"}}}""", "{}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 FailStateEntered 0",
                "3 ExecutionFailed 2");
        assertThat(engine.last().details().isEmpty()).isTrue();
        assertThat(engine.summary().error()).isNull();
        assertThat(engine.summary().cause()).isNull();
    }

    @Test
    void runtimeErrorInInputPathFailsAtTheEnteredEvent() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.missing","End":true}}}""", "{}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0",
                "3 ExecutionFailed 2");
        assertThat(engine.last().detail("error")).isEqualTo("States.Runtime");
        assertThat(engine.last().detail("cause"))
                .startsWith("An error occurred while executing the state 'P' (entered at the event id #2). ");
    }

    @Test
    void jsonataPassWithoutOutputPassesItsInputOn() {
        FakeEngine engine = new FakeEngine().start("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", "{\"a\":1}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0",
                "3 PassStateExited 2", "4 ExecutionSucceeded 3");
        assertThat(engine.last().detail("output")).isEqualTo("{\"a\":1}");
    }

    @Test
    void stateOutputOverThePayloadLimitFailsTheExecution() {
        String big = "x".repeat(262_140);
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"%s","ResultPath":"$.big","End":true}}}"""
                .formatted(big), "{\"a\":1}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0",
                "3 ExecutionFailed 2");
        assertThat(engine.last().detail("error")).isEqualTo("States.DataLimitExceeded");
        assertThat(engine.last().detail("cause")).isEqualTo("The state/task 'P' returned a result with a size "
                + "exceeding the maximum number of bytes service limit.");
    }

    @Test
    void signalsAfterCloseAreIgnoredAndUnknownSignalsToo() {
        FakeEngine engine = new FakeEngine().start(PASS_SUCCEED, "{}");
        int events = engine.events.size();
        engine.closed = false; // let the fake deliver anyway
        engine.apply(new Signal("advance", Json.object()));
        engine.apply(new Signal("whatever", Json.object()));
        assertThat(engine.events).hasSize(events);
    }

    @Test
    void manyStatesAreSplitIntoBoundedTransitions() {
        // a loop of 1,500 Pass iterations (3,000+ events) through a Map of Pass states
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 1_500; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }
        items.append("]");
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{
                  "P":{"Type":"Pass","End":true}}},"End":true}}}""", items.toString());
        assertThat(engine.summary().status()).isEqualTo("SUCCEEDED");
        assertThat(engine.events).hasSize(1 + 2 + 1 + 1_500 * 4 + 1 + 1);
        assertThat(engine.transitions).isGreaterThanOrEqualTo(4);
        assertThat(engine.maxEventsPerTransition).isLessThanOrEqualTo(2_010);
        for (FakeEngine.Event event : engine.events) {
            assertThat(event.id()).isPositive();
        }
        assertThat(engine.items(WorkItem.Kind.SIGNAL)).isEmpty();
    }
}
