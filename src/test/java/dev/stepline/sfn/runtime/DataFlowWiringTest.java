package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.Retrier;
import dev.stepline.sfn.runtime.dataflow.Json;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How the interpreter feeds the data-flow functions: context object, variables, legacy Map fields. */
class DataFlowWiringTest {

    @Test
    void contextObject() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{
                   "id.$":"$$.Execution.Id","name.$":"$$.Execution.Name","input.$":"$$.Execution.Input",
                   "role.$":"$$.Execution.RoleArn","start.$":"$$.Execution.StartTime",
                   "redrives.$":"$$.Execution.RedriveCount","state.$":"$$.State.Name",
                   "entered.$":"$$.State.EnteredTime","retries.$":"$$.State.RetryCount",
                   "sm.$":"$$.StateMachine.Id","smName.$":"$$.StateMachine.Name"},"End":true}}}""", "{\"a\":1.0}");
        JsonNode output = Json.parse(engine.summary().output());
        assertThat(output.get("id").asString()).isEqualTo(FakeEngine.EXEC_ARN);
        assertThat(output.get("name").asString()).isEqualTo("exec");
        assertThat(Json.compact(output.get("input"))).isEqualTo("{\"a\":1.0}");
        assertThat(output.get("role").asString()).isEqualTo(FakeEngine.ROLE);
        assertThat(output.get("start").asString()).isEqualTo("2024-05-01T10:00:00.000Z");
        assertThat(output.get("redrives").asInt()).isZero();
        assertThat(output.get("state").asString()).isEqualTo("P");
        assertThat(output.get("entered").asString()).isEqualTo("2024-05-01T10:00:00.000Z");
        assertThat(output.get("retries").asInt()).isZero();
        assertThat(output.get("sm").asString()).isEqualTo(FakeEngine.SM_ARN);
        assertThat(output.get("smName").asString()).isEqualTo("sm");
    }

    @Test
    void assignedVariablesAreVisibleFromTheNextStateAndRecorded() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","Assign":{"x":1,"y.$":"$.a"},"Next":"B"},
                  "B":{"Type":"Pass","Parameters":{"x.$":"$x","y.$":"$y"},"End":true}}}""", "{\"a\":\"v\"}");
        FakeEngine.Event exited = engine.events.get(2);
        assertThat(exited.type()).isEqualTo("PassStateExited");
        assertThat(Json.compact(exited.details())).isEqualTo("{\"name\":\"A\",\"output\":\"{\\\"a\\\":\\\"v\\\"}\","
                + "\"outputDetails\":{\"truncated\":false},\"assignedVariables\":{\"x\":\"1\",\"y\":\"\\\"v\\\"\"},"
                + "\"assignedVariablesDetails\":{\"truncated\":false}}");
        assertThat(engine.summary().output()).isEqualTo("{\"x\":1,\"y\":\"v\"}");
        assertThat(engine.events.get(4).details().has("assignedVariables")).isFalse();
    }

    @Test
    void mapIterationsReadOuterVariables() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","Assign":{"k":"outer"},"Next":"M"},
                  "M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{
                     "P":{"Type":"Pass","Parameters":{"k.$":"$k"},"End":true}}},"End":true}}}""", "[1,2]");
        assertThat(engine.summary().output()).isEqualTo("[{\"k\":\"outer\"},{\"k\":\"outer\"}]");
    }

    @Test
    void legacyIteratorAndParameters() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs",
                  "Parameters":{"v.$":"$$.Map.Item.Value"},
                  "Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}""",
                "{\"xs\":[true,false]}");
        assertThat(engine.summary().output()).isEqualTo("[{\"v\":true},{\"v\":false}]");
    }

    @Test
    void catchResultPathNullKeepsTheRawInput() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> FakeEngine.fail(item, "E", "c");
        engine.start("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Catch":[{"ErrorEquals":["E"],"ResultPath":null,"Next":"N"}],"End":true},
                  "N":{"Type":"Pass","End":true}}}""", "{\"keep\":true}");
        assertThat(engine.summary().output()).isEqualTo("{\"keep\":true}");
    }

    @Test
    void fullJitterStaysWithinTheDelay() {
        Retrier retrier = new Retrier(List.of("E"), 2, 3, new BigDecimal("2.0"), 5, Retrier.JitterStrategy.FULL, null);
        for (int i = 0; i < 200; i++) {
            assertThat(Interpreter.delayMillis(retrier, 0)).isBetween(0L, 2_000L);
            assertThat(Interpreter.delayMillis(retrier, 3)).isBetween(0L, 5_000L);
        }
        Retrier none = new Retrier(List.of("E"), 2, 3, new BigDecimal("1.5"), null, Retrier.JitterStrategy.NONE, null);
        assertThat(Interpreter.delayMillis(none, 2)).isEqualTo(4_500L);
    }

    @Test
    void errorMatching() {
        assertThat(Interpreter.matches(List.of("States.ALL"), "States.DataLimitExceeded", false)).isTrue();
        assertThat(Interpreter.matches(List.of("States.TaskFailed"), "Lambda.Unknown", true)).isTrue();
        assertThat(Interpreter.matches(List.of("States.TaskFailed"), "Lambda.Unknown", false)).isFalse();
        assertThat(Interpreter.matches(List.of("States.TaskFailed"), "States.Timeout", true)).isFalse();
        assertThat(Interpreter.matches(List.of("States.Timeout"), "States.HeartbeatTimeout", true)).isTrue();
        assertThat(Interpreter.matches(List.of("a"), "A", true)).isFalse();
        assertThat(Interpreter.matches(List.of("a"), null, true)).isFalse();
    }
}
