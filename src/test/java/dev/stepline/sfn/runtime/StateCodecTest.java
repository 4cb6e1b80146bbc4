package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import dev.stepline.sfn.runtime.dataflow.Json;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    static final String MIXED = """
            {"StartAt":"Par","States":{
              "Par":{"Type":"Parallel","Branches":[
                 {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemProcessor":{"StartAt":"T","States":{
                    "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                         "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1}],"Next":"W"},
                    "W":{"Type":"Wait","Seconds":3,"End":true}}},"End":true}}},
                 {"StartAt":"W2","States":{"W2":{"Type":"Wait","Seconds":2,"Next":"P2"},
                    "P2":{"Type":"Pass","Result":{"n":1.10},"End":true}}}],
               "Next":"Done"},
              "Done":{"Type":"Succeed"}}}""";

    /** Runs the mixed scenario step by step; every task fails once with Flaky, then echoes. */
    private static FakeEngine run(boolean roundTrip, Consumer<FakeEngine> check) {
        FakeEngine engine = new FakeEngine();
        engine.roundTrip = roundTrip;
        java.util.Set<Integer> failedOnce = new java.util.HashSet<>();
        engine.tasks = item -> {
            int value = item.payload().get("parameters").asInt();
            return failedOnce.add(value) ? FakeEngine.fail(item, "Flaky", "once") : FakeEngine.echo(item);
        };
        engine.start(MIXED, "[1,2,3.0,4]");
        while (!engine.closed) {
            check.accept(engine);
            engine.fireNextTimer();
        }
        return engine;
    }

    @Test
    void roundTripMidMapAndParallelGivesTheSameHistory() {
        FakeEngine live = run(false, e -> { });
        FakeEngine stored = run(true, e -> {
            String encoded = e.encoded();
            assertThat(StateCodec.encode(StateCodec.decode(encoded))).isEqualTo(encoded);
        });
        assertThat(stored.summary().status()).isEqualTo("SUCCEEDED");
        assertThat(stored.summary().output()).isEqualTo("[[1,2,3.0,4],{\"n\":1.10}]");
        assertThat(stored.events).hasSameSizeAs(live.events);
        for (int i = 0; i < live.events.size(); i++) {
            FakeEngine.Event a = live.events.get(i);
            FakeEngine.Event b = stored.events.get(i);
            assertThat(b.toString()).isEqualTo(a.toString());
            assertThat(b.details() == null ? null : Json.compact(b.details()))
                    .isEqualTo(a.details() == null ? null : Json.compact(a.details()));
        }
    }

    @Test
    void encodingOfANewExecutionIsSmall() {
        ExecutionStart start = new ExecutionStart(FakeEngine.EXEC_ARN, FakeEngine.SM_ARN, "sm", null, null, "exec",
                "def-1", FakeEngine.ROLE, "{}", null, Instant.parse("2024-05-01T10:00:00Z"), "us-east-1", null, null);
        String encoded = StateCodec.encode(AslDialect.newExecution(start));
        assertThat(encoded).isEqualTo("{\"v\":1,\"a\":\"" + FakeEngine.EXEC_ARN + "\",\"sm\":\"" + FakeEngine.SM_ARN
                + "\",\"smn\":\"sm\",\"n\":\"exec\",\"dk\":\"def-1\",\"r\":\"" + FakeEngine.ROLE
                + "\",\"i\":\"{}\",\"sd\":1714557600000,\"rg\":\"us-east-1\",\"q\":0,\"f\":{}}");
        AslExecution decoded = StateCodec.decode(encoded);
        assertThat(decoded.status()).isEqualTo("RUNNING");
        assertThat(decoded.executionArn()).isEqualTo(FakeEngine.EXEC_ARN);
    }

    @Test
    void everyFieldSurvives() {
        ExecutionStart start = new ExecutionStart(FakeEngine.EXEC_ARN, FakeEngine.SM_ARN, "sm", FakeEngine.SM_ARN + ":1",
                FakeEngine.SM_ARN + ":live", "exec", "def-1", FakeEngine.ROLE, "{\"a\":1.0}", "Root=1",
                Instant.parse("2024-05-01T10:00:00.123Z"), "us-east-1", "HappyPath",
                new ExecutionStart.ParentTask("arn:parent", "t1", "SYNC_2"));
        String encoded = StateCodec.encode(AslDialect.newExecution(start));
        AslExecution decoded = StateCodec.decode(encoded);
        assertThat(decoded.versionArn).isEqualTo(FakeEngine.SM_ARN + ":1");
        assertThat(decoded.aliasArn).isEqualTo(FakeEngine.SM_ARN + ":live");
        assertThat(decoded.traceHeader).isEqualTo("Root=1");
        assertThat(decoded.startMs).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z").toEpochMilli());
        assertThat(decoded.parent).isEqualTo(new ExecutionStart.ParentTask("arn:parent", "t1", "SYNC_2"));
        assertThat(decoded.input).isEqualTo("{\"a\":1.0}");
        assertThat(StateCodec.encode(decoded)).isEqualTo(encoded);
    }

    @Test
    void versionAndAliasAppearInExecutionStarted() {
        FakeEngine engine = new FakeEngine();
        // reuse the fake with a start carrying version and alias
        ExecutionStart start = new ExecutionStart(FakeEngine.EXEC_ARN, FakeEngine.SM_ARN, "sm", FakeEngine.SM_ARN + ":1",
                FakeEngine.SM_ARN + ":live", "exec", "def-1", FakeEngine.ROLE, "{}", null, engine.now, "us-east-1", null, null);
        AslDialect dialect = new AslDialect(key -> dev.stepline.sfn.asl.AslParser.parse(PassChainTest.PASS_SUCCEED,
                dev.stepline.sfn.asl.StateMachineType.STANDARD), (e, k) -> "t", a -> false);
        List<String> details = new java.util.ArrayList<>();
        dialect.apply(AslDialect.newExecution(start), List.of(new Signal("created", Json.object())),
                new RecordingTransition(details));
        assertThat(details.get(0)).isEqualTo("ExecutionStarted {\"input\":\"{}\",\"inputDetails\":{\"truncated\":false},"
                + "\"roleArn\":\"" + FakeEngine.ROLE + "\",\"stateMachineAliasArn\":\"" + FakeEngine.SM_ARN
                + ":live\",\"stateMachineVersionArn\":\"" + FakeEngine.SM_ARN + ":1\"}");
    }

    @Test
    void detailsMembers() {
        assertThat(HistoryEvents.detailsMember("PassStateEntered")).isEqualTo("stateEnteredEventDetails");
        assertThat(HistoryEvents.detailsMember("MapStateExited")).isEqualTo("stateExitedEventDetails");
        assertThat(HistoryEvents.detailsMember("TaskScheduled")).isEqualTo("taskScheduledEventDetails");
        assertThat(HistoryEvents.detailsMember("ExecutionStarted")).isEqualTo("executionStartedEventDetails");
        assertThat(HistoryEvents.detailsMember("MapIterationAborted")).isEqualTo("mapIterationAbortedEventDetails");
        assertThat(HistoryEvents.detailsMember("MapStateStarted")).isEqualTo("mapStateStartedEventDetails");
        assertThat(HistoryEvents.detailsMember("LambdaFunctionScheduled")).isEqualTo("lambdaFunctionScheduledEventDetails");
        assertThat(HistoryEvents.detailsMember("ActivityTimedOut")).isEqualTo("activityTimedOutEventDetails");
        assertThat(HistoryEvents.detailsMember("ParallelStateStarted")).isNull();
        assertThat(HistoryEvents.detailsMember("TaskStateAborted")).isNull();
        assertThat(HistoryEvents.detailsMember("LambdaFunctionStarted")).isNull();
        assertThat(HistoryEvents.detailsMember("MapStateSucceeded")).isNull();
    }

    @Test
    void dialectKind() {
        assertThat(new FakeEngine().dialect.kind()).isEqualTo("sfn");
    }

    /** A bare transition that records "type details". */
    private record RecordingTransition(List<String> out) implements dev.stepline.engine.Transition {
        @Override
        public String executionId() {
            return FakeEngine.EXEC_ARN;
        }

        @Override
        public Instant now() {
            return Instant.parse("2024-05-01T10:00:00Z");
        }

        @Override
        public long appendEvent(String type, long previousEventId, tools.jackson.databind.node.ObjectNode details) {
            out.add(type + " " + (details == null ? "null" : Json.compact(details)));
            return out.size();
        }

        @Override
        public long lastEventId() {
            return out.size();
        }

        @Override
        public void schedule(WorkItem item) {
        }

        @Override
        public void deliver(String otherExecutionId, WorkItem item) {
        }

        @Override
        public void cancel(String key) {
        }

        @Override
        public void close() {
        }

        @Override
        public void summary(Object summary) {
        }
    }
}
