package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.WorkItem;
import dev.stepline.sfn.runtime.dataflow.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelMapTest {

    static final String PARALLEL = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Next":"B"},
              "B":{"Type":"Pass","Next":"Par"},
              "Par":{"Type":"Parallel","Branches":[
                 {"StartAt":"B0","States":{"B0":{"Type":"Pass","Result":0,"Next":"B0b"},"B0b":{"Type":"Pass","End":true}}},
                 {"StartAt":"B1","States":{"B1":{"Type":"Pass","Result":1,"Next":"B1b"},"B1b":{"Type":"Pass","End":true}}},
                 {"StartAt":"B2","States":{"B2":{"Type":"Pass","Result":2,"Next":"B2b"},"B2b":{"Type":"Pass","End":true}}}],
               "End":true}}}""";

    @Test
    void canonicalSequenceDParallel() {
        FakeEngine engine = new FakeEngine().start(PARALLEL, "{}");
        assertThat(engine.history()).containsExactly(
                "1 ExecutionStarted 0",
                "2 PassStateEntered 0", "3 PassStateExited 2",
                "4 PassStateEntered 3", "5 PassStateExited 4",
                "6 ParallelStateEntered 5",
                "7 ParallelStateStarted 6",
                "8 PassStateEntered 7", "9 PassStateExited 8", "10 PassStateEntered 9", "11 PassStateExited 10",
                "12 PassStateEntered 7", "13 PassStateExited 12", "14 PassStateEntered 13", "15 PassStateExited 14",
                "16 PassStateEntered 7", "17 PassStateExited 16", "18 PassStateEntered 17", "19 PassStateExited 18",
                "20 ParallelStateSucceeded 19",
                "21 ParallelStateExited 19",
                "22 ExecutionSucceeded 21");
        assertThat(engine.event("ParallelStateExited").detail("output")).isEqualTo("[0,1,2]");
        assertThat(engine.event("ParallelStateStarted").details()).isNull();
    }

    @Test
    void branchFailureAbortsTheOthersAndIsCaught() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start("""
                {"StartAt":"Par","States":{
                  "Par":{"Type":"Parallel","Branches":[
                     {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}},
                     {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
                     {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"bad"}}}],
                   "Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.err","Next":"After"}],
                   "End":true},
                  "After":{"Type":"Pass","End":true}}}""", "{\"x\":1}");
        assertThat(engine.history()).containsExactly(
                "1 ExecutionStarted 0",
                "2 ParallelStateEntered 0",
                "3 ParallelStateStarted 2",
                "4 WaitStateEntered 3",
                "5 TaskStateEntered 3", "6 TaskScheduled 5", "7 TaskStarted 6",
                "8 FailStateEntered 3",
                "9 WaitStateAborted 8",
                "10 TaskStateAborted 8",
                "11 ParallelStateFailed 8",
                "12 ParallelStateExited 11",
                "13 PassStateEntered 12", "14 PassStateExited 13",
                "15 ExecutionSucceeded 14");
        assertThat(engine.summary().output()).isEqualTo("{\"x\":1,\"err\":{\"Error\":\"Boom\",\"Cause\":\"bad\"}}");
        assertThat(engine.items).isEmpty();
    }

    @Test
    void uncaughtBranchFailureCarriesTheBranchError() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
                   {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"bad"}}}],"End":true}}}""", "{}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 ParallelStateEntered 0",
                "3 ParallelStateStarted 2", "4 FailStateEntered 3", "5 ParallelStateFailed 4", "6 ExecutionFailed 5");
        assertThat(engine.summary().error()).isEqualTo("Boom");
        assertThat(engine.summary().cause()).isEqualTo("bad");
    }

    @Test
    void parallelRetryRunsAgainWithoutANewEntered() {
        FakeEngine engine = new FakeEngine();
        int[] calls = {0};
        engine.tasks = item -> ++calls[0] == 1 ? FakeEngine.fail(item, "E", null) : FakeEngine.succeed(item, "7");
        engine.start("""
                {"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
                   {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}],
                   "Retry":[{"ErrorEquals":["E"],"IntervalSeconds":3}],"End":true}}}""", "{}").runToEnd();
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 ParallelStateEntered 0",
                "3 ParallelStateStarted 2", "4 TaskStateEntered 3", "5 TaskScheduled 4", "6 TaskStarted 5",
                "7 TaskFailed 6", "8 ParallelStateFailed 7",
                "9 ParallelStateStarted 8", "10 TaskStateEntered 9", "11 TaskScheduled 10", "12 TaskStarted 11",
                "13 TaskSucceeded 12", "14 TaskStateExited 13", "15 ParallelStateSucceeded 14",
                "16 ParallelStateExited 14", "17 ExecutionSucceeded 16");
        assertThat(engine.summary().output()).isEqualTo("[7]");
    }

    static final String MAP = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Next":"B"},
              "B":{"Type":"Pass","Next":"MapState"},
              "MapState":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                          %s"End":true}}}""";

    @Test
    void canonicalSequenceEMap() {
        FakeEngine engine = new FakeEngine().start(MAP.formatted(""), "[1,2,3,4,5,6,7,8]");
        List<String> expected = new ArrayList<>(List.of("1 ExecutionStarted 0",
                "2 PassStateEntered 0", "3 PassStateExited 2", "4 PassStateEntered 3", "5 PassStateExited 4",
                "6 MapStateEntered 5", "7 MapStateStarted 6"));
        long id = 8;
        long last = 7;
        for (int i = 0; i < 8; i++) {
            expected.add(id + " MapIterationStarted " + last);
            expected.add((id + 1) + " PassStateEntered " + id);
            expected.add((id + 2) + " PassStateExited " + (id + 1));
            expected.add((id + 3) + " MapIterationSucceeded " + (id + 2));
            last = id + 2;
            id += 4;
        }
        expected.add(id + " MapStateSucceeded " + last);
        expected.add((id + 1) + " MapStateExited " + last);
        expected.add((id + 2) + " ExecutionSucceeded " + (id + 1));
        assertThat(engine.history()).containsExactlyElementsOf(expected);
        assertThat(Json.compact(engine.event("MapStateStarted").details())).isEqualTo("{\"length\":8}");
        assertThat(Json.compact(engine.events.get(7).details())).isEqualTo("{\"index\":0,\"name\":\"MapState\"}");
        assertThat(engine.events.get(8).detail("input")).isEqualTo("1");
        assertThat(engine.summary().output()).isEqualTo("[1,2,3,4,5,6,7,8]");
    }

    @Test
    void emptyMap() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",
                  "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}""",
                "{\"items\":[]}");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 MapStateEntered 0",
                "3 MapStateStarted 2", "4 MapStateSucceeded 3", "5 MapStateExited 3", "6 ExecutionSucceeded 5");
        assertThat(engine.summary().output()).isEqualTo("[]");
    }

    @Test
    void mapOverANonArrayIsARuntimeError() {
        FakeEngine engine = new FakeEngine().start(MAP.formatted(""), "{\"a\":1}");
        assertThat(engine.last().detail("error")).isEqualTo("States.Runtime");
        assertThat(engine.last().prev()).isEqualTo(engine.event("MapStateEntered").id());
    }

    @Test
    void mapIterationFailureAbortsIterationsInFlight() {
        FakeEngine engine = new FakeEngine();
        engine.start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"C","States":{
                   "C":{"Type":"Choice","Choices":[{"Variable":"$.kind","StringEquals":"fail","Next":"Boom"}],
                        "Default":"Long"},
                   "Long":{"Type":"Wait","Seconds":100,"End":true},
                   "Boom":{"Type":"Fail","Error":"Boom","Cause":"sibling failed"}}},"End":true}}}""",
                "[{\"kind\":\"long\"},{\"kind\":\"fail\"},{\"kind\":\"long\"}]");
        assertThat(engine.history()).containsExactly(
                "1 ExecutionStarted 0", "2 MapStateEntered 0", "3 MapStateStarted 2",
                "4 MapIterationStarted 3", "5 ChoiceStateEntered 4", "6 ChoiceStateExited 5", "7 WaitStateEntered 6",
                "8 MapIterationStarted 3", "9 ChoiceStateEntered 8", "10 ChoiceStateExited 9", "11 FailStateEntered 10",
                "12 MapIterationAborted 11", "13 WaitStateAborted 11",
                "14 MapIterationFailed 11", "15 MapStateFailed 11", "16 ExecutionFailed 15");
        assertThat(Json.compact(engine.event("MapIterationAborted").details())).isEqualTo("{\"index\":0,\"name\":\"M\"}");
        assertThat(Json.compact(engine.event("MapIterationFailed").details())).isEqualTo("{\"index\":1,\"name\":\"M\"}");
        assertThat(engine.summary().error()).isEqualTo("Boom");
        assertThat(engine.items).isEmpty();
    }

    @Test
    void maxConcurrencyLimitsIterationsInFlight() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "End":true}}},"End":true}}}""", "[10,20,30,40,50]");
        assertThat(engine.items(WorkItem.Kind.TASK)).hasSize(2);
        List<Integer> seen = new ArrayList<>();
        while (!engine.closed) {
            List<WorkItem> tasks = engine.items(WorkItem.Kind.TASK);
            assertThat(tasks.size()).isBetween(1, 2);
            WorkItem task = tasks.get(tasks.size() - 1); // finish the newest first: results stay in item order
            seen.add(task.payload().get("parameters").asInt());
            engine.apply(FakeEngine.succeed(task, String.valueOf(task.payload().get("parameters").asInt() + 1)));
        }
        assertThat(seen).hasSize(5);
        assertThat(engine.summary().output()).isEqualTo("[11,21,31,41,51]");
        assertThat(engine.types().stream().filter(t -> t.equals("MapIterationSucceeded"))).hasSize(5);
    }

    @Test
    void itemSelectorAndContext() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",
                  "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","c.$":"$.common"},
                  "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                  "ResultPath":"$.out","End":true}}}""", "{\"items\":[\"a\",\"b\"],\"common\":7}");
        assertThat(engine.summary().output()).isEqualTo(
                "{\"items\":[\"a\",\"b\"],\"common\":7,\"out\":[{\"i\":0,\"v\":\"a\",\"c\":7},{\"i\":1,\"v\":\"b\",\"c\":7}]}");
    }

    @Test
    void mapRetryStartsAgainWithANewMapStateStarted() {
        FakeEngine engine = new FakeEngine();
        int[] calls = {0};
        engine.tasks = item -> ++calls[0] == 2 ? FakeEngine.fail(item, "E", null) : FakeEngine.succeed(item, "0");
        engine.start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "End":true}}},"Retry":[{"ErrorEquals":["States.ALL"]}],"End":true}}}""", "[1,2]").runToEnd();
        assertThat(engine.types().stream().filter(t -> t.equals("MapStateStarted"))).hasSize(2);
        assertThat(engine.types().stream().filter(t -> t.equals("MapStateEntered"))).hasSize(1);
        assertThat(engine.summary().status()).isEqualTo("SUCCEEDED");
        assertThat(engine.event("MapStateFailed").prev()).isEqualTo(engine.event("TaskFailed").id());
    }

    @Test
    void nestedMapInParallel() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
                  {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{
                     "P":{"Type":"Pass","End":true}}},"End":true}}},
                  {"StartAt":"Q","States":{"Q":{"Type":"Pass","Result":"q","End":true}}}],"End":true}}}""", "[1,2]");
        assertThat(engine.summary().output()).isEqualTo("[[1,2],\"q\"]");
    }

    @Test
    void waitInsideMapIterations() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"W","States":{
                   "W":{"Type":"Wait","Seconds":5,"End":true}}},"End":true}}}""", "[1,2,3]");
        assertThat(engine.items(WorkItem.Kind.SIGNAL)).hasSize(3);
        engine.advance(Duration.ofSeconds(5));
        assertThat(engine.summary().output()).isEqualTo("[1,2,3]");
    }
}
