package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.first;
import static dev.stepline.sfn.it.Sfn.last;
import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.stepline.testing.TestServer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Pass, Succeed, Fail, Choice, the JSONPath data flow, the context object and intrinsic functions (spec §5.3, §6). */
class StatesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestServer server;
    static Sfn sfn;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        sfn = new Sfn(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void passChainSucceedsWithTheCanonicalHistory() {
        String arn = sfn.machine("pass-chain", """
                {"StartAt": "First",
                 "States": {
                   "First": {"Type": "Pass", "Result": {"step": 1}, "ResultPath": "$.first", "Next": "Second"},
                   "Second": {"Type": "Pass", "Parameters": {"copied.$": "$.first.step", "fixed": "x"}, "Next": "Done"},
                   "Done": {"Type": "Succeed"}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"in\": true}", ExecutionStatus.SUCCEEDED);
        assertThat(json(done.output())).isEqualTo(json("{\"copied\":1,\"fixed\":\"x\"}"));
        assertThat(done.output()).as("compact serialisation").isEqualTo("{\"copied\":1,\"fixed\":\"x\"}");
        assertThat(done.input()).as("input echoed exactly as sent").isEqualTo("{\"in\": true}");
        assertThat(done.error()).isNull();
        assertThat(done.cause()).isNull();
        assertThat(done.stopDate()).isNotNull();

        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 PassStateEntered 0",
                "3 PassStateExited 2",
                "4 PassStateEntered 3",
                "5 PassStateExited 4",
                "6 SucceedStateEntered 5",
                "7 SucceedStateExited 6",
                "8 ExecutionSucceeded 7");
        HistoryEvent started = events.get(0);
        assertThat(started.executionStartedEventDetails().input()).isEqualTo("{\"in\":true}");
        assertThat(started.executionStartedEventDetails().roleArn()).isEqualTo(Sfn.ROLE);
        assertThat(started.executionStartedEventDetails().inputDetails().truncated()).isFalse();
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("First");
        assertThat(events.get(1).stateEnteredEventDetails().input()).isEqualTo("{\"in\":true}");
        assertThat(events.get(2).stateExitedEventDetails().name()).isEqualTo("First");
        assertThat(events.get(2).stateExitedEventDetails().output()).isEqualTo("{\"in\":true,\"first\":{\"step\":1}}");
        assertThat(events.get(4).stateExitedEventDetails().output()).isEqualTo("{\"copied\":1,\"fixed\":\"x\"}");
        assertThat(events.get(6).stateExitedEventDetails().name()).isEqualTo("Done");
        assertThat(events.get(7).executionSucceededEventDetails().output()).isEqualTo(done.output());
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).timestamp()).isAfterOrEqualTo(events.get(i - 1).timestamp());
        }
    }

    @Test
    void failStateWithErrorAndCause() {
        String arn = sfn.machine("fail", """
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Error", "Cause": "it broke"}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Custom.Error");
        assertThat(done.cause()).isEqualTo("it broke");
        assertThat(done.output()).as("output only when SUCCEEDED").isNull();
        assertThat(done.outputDetails()).isNull();
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 FailStateEntered 0",
                "3 ExecutionFailed 2");
        assertThat(last(events).executionFailedEventDetails().error()).isEqualTo("Custom.Error");
        assertThat(last(events).executionFailedEventDetails().cause()).isEqualTo("it broke");
    }

    @Test
    void failStateWithErrorPathAndCausePath() {
        String arn = sfn.machine("fail-path", """
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail",
                  "ErrorPath": "$.code", "CausePath": "States.Format('order {} failed: {}', $.order, $.why)"}}}""");
        DescribeExecutionResponse done = sfn.run(arn,
                "{\"code\": \"Order.Rejected\", \"order\": 42, \"why\": \"no stock\"}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Order.Rejected");
        assertThat(done.cause()).isEqualTo("order 42 failed: no stock");
        HistoryEvent failed = last(sfn.history(done.executionArn()));
        assertThat(failed.typeAsString()).isEqualTo("ExecutionFailed");
        assertThat(failed.executionFailedEventDetails().error()).isEqualTo("Order.Rejected");
        assertThat(failed.executionFailedEventDetails().cause()).isEqualTo("order 42 failed: no stock");
    }

    @Test
    void failStateWithoutErrorOrCauseLeavesThemAbsent() {
        String arn = sfn.machine("fail-bare", """
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail"}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{}", ExecutionStatus.FAILED);
        assertThat(done.error()).isNull();
        assertThat(done.cause()).isNull();
        HistoryEvent failed = last(sfn.history(done.executionArn()));
        assertThat(failed.executionFailedEventDetails().error()).isNull();
        assertThat(failed.executionFailedEventDetails().cause()).isNull();
    }

    @Test
    void fullDataFlowInputPathParametersResultSelectorResultPathOutputPath() {
        // Parallel has every JSONPath field: InputPath → Parameters → (branches) → ResultSelector → ResultPath → OutputPath.
        String arn = sfn.machine("dataflow", """
                {"StartAt": "Process",
                 "States": {
                   "Process": {"Type": "Parallel",
                     "InputPath": "$.order",
                     "Parameters": {"orderId.$": "$.id", "count.$": "States.ArrayLength($.items)",
                                    "literal": "$.not.a.path", "nested": {"sku.$": "$.items[0].sku"}},
                     "Branches": [
                       {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                       {"StartAt": "Const", "States": {"Const": {"Type": "Pass", "Result": "two", "End": true}}}],
                     "ResultSelector": {"echo.$": "$[0]", "n.$": "$[0].count", "second.$": "$[1]"},
                     "ResultPath": "$.order.result",
                     "OutputPath": "$.order",
                     "End": true}}}""");
        String input = """
                {"order": {"id": "o-1", "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1}]}, "meta": {"keep": true}}""";
        DescribeExecutionResponse done = sfn.run(arn, input, ExecutionStatus.SUCCEEDED);
        assertThat(json(done.output())).isEqualTo(json("""
                {"id": "o-1", "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1}],
                 "result": {"echo": {"orderId": "o-1", "count": 2, "literal": "$.not.a.path", "nested": {"sku": "a"}},
                            "n": 2, "second": "two"}}"""));
        assertThat(done.output()).as("template keys keep their order").startsWith("{\"id\":\"o-1\",\"items\":")
                .contains("\"result\":{\"echo\":{\"orderId\":\"o-1\",\"count\":2,\"literal\":\"$.not.a.path\"");
    }

    @Test
    void resultPathNullKeepsInputAndOutputPathSelects() {
        String arn = sfn.machine("resultpath-null", """
                {"StartAt": "Discard",
                 "States": {
                   "Discard": {"Type": "Pass", "Result": {"ignored": true}, "ResultPath": null, "Next": "Pick"},
                   "Pick": {"Type": "Pass", "InputPath": "$.a", "ResultPath": "$.b.c", "OutputPath": "$.b", "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"a\": {\"x\": 1}}", ExecutionStatus.SUCCEEDED);
        assertThat(json(done.output())).isEqualTo(json("{\"c\": {\"x\": 1}}"));
    }

    @Test
    void nullPathsAndResultPathOnANonObject() {
        String arn = sfn.machine("null-paths", """
                {"StartAt": "Nothing", "States": {
                  "Nothing": {"Type": "Pass", "InputPath": null, "Next": "Drop"},
                  "Drop": {"Type": "Pass", "Result": 1, "OutputPath": null, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"a\": 1}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{}");
        assertThat(sfn.history(done.executionArn()).get(2).stateExitedEventDetails().output()).isEqualTo("{}");

        String bad = sfn.machine("resultpath-mismatch", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": "$.x", "End": true}}}""");
        DescribeExecutionResponse failed = sfn.run(bad, "5", ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.ResultPathMatchFailure");
        assertThat(shape(sfn.history(failed.executionArn()))).containsExactly(
                "1 ExecutionStarted 0", "2 PassStateEntered 0", "3 ExecutionFailed 2");
    }

    @Test
    void assignedVariablesAreVisibleFromTheNextStateAndRecordedOnExit() {
        String arn = sfn.machine("assign", """
                {"StartAt": "Set", "States": {
                  "Set": {"Type": "Pass", "Assign": {"x": 1, "y.$": "$.v"}, "OutputPath": "$", "Next": "Use"},
                  "Use": {"Type": "Pass", "Parameters": {"x.$": "$x", "y.$": "$y"}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"v\": \"w\"}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"x\":1,\"y\":\"w\"}");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        var exited = events.get(2).stateExitedEventDetails();
        assertThat(exited.assignedVariables()).containsEntry("x", "1").containsEntry("y", "\"w\"");
        assertThat(exited.assignedVariablesDetails().truncated()).isFalse();
        assertThat(events.get(4).stateExitedEventDetails().hasAssignedVariables())
                .as("only on states with an Assign").isFalse();
    }

    @Test
    void contextObjectIsAvailableThroughDoubleDollar() {
        String name = Sfn.unique("ctx");
        String arn = sfn.client.createStateMachine(b -> b.name(name).roleArn(Sfn.ROLE).definition("""
                {"StartAt": "Look",
                 "States": {"Look": {"Type": "Pass", "Parameters": {
                   "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "input.$": "$$.Execution.Input",
                   "role.$": "$$.Execution.RoleArn", "start.$": "$$.Execution.StartTime",
                   "redrives.$": "$$.Execution.RedriveCount",
                   "sm.$": "$$.StateMachine.Id", "smName.$": "$$.StateMachine.Name",
                   "state.$": "$$.State.Name", "entered.$": "$$.State.EnteredTime", "retries.$": "$$.State.RetryCount"},
                   "End": true}}}""")).stateMachineArn();
        String execArn = sfn.start(arn, "exec-1", "{\"k\": [1, 2]}");
        DescribeExecutionResponse done = sfn.awaitClosed(execArn);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = json(done.output());
        assertThat(out.get("id").asString()).isEqualTo(execArn);
        assertThat(out.get("name").asString()).isEqualTo("exec-1");
        assertThat(out.get("input")).isEqualTo(json("{\"k\": [1, 2]}"));
        assertThat(out.get("role").asString()).isEqualTo(Sfn.ROLE);
        assertThat(out.get("redrives").asInt()).isZero();
        assertThat(out.get("sm").asString()).isEqualTo(arn);
        assertThat(out.get("smName").asString()).isEqualTo(name);
        assertThat(out.get("state").asString()).isEqualTo("Look");
        assertThat(out.get("retries").asInt()).isZero();
        Pattern iso = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(out.get("start").asString()).matches(iso);
        assertThat(out.get("entered").asString()).matches(iso);
        assertThat(Instant.parse(out.get("start").asString()))
                .isEqualTo(done.startDate().truncatedTo(ChronoUnit.MILLIS));
        assertThat(Instant.parse(out.get("entered").asString())).isAfterOrEqualTo(Instant.parse(out.get("start").asString()));
    }

    @Test
    void intrinsicFunctionsIncludingNestedCalls() {
        String arn = sfn.machine("intrinsics", """
                {"StartAt": "Calc",
                 "States": {"Calc": {"Type": "Pass", "Parameters": {
                   "greeting.$": "States.Format('Hello, {}! You have {} items.', $.name, States.ArrayLength($.items))",
                   "nested.$": "States.ArrayGetItem(States.StringSplit(States.Format('{},{}', $.csv, 'tail'), ','), 3)",
                   "parsed.$": "States.StringToJson($.json)",
                   "str.$": "States.JsonToString($.obj)",
                   "array.$": "States.Array(1, 'two', $.obj)",
                   "parts.$": "States.ArrayPartition($.items, 2)",
                   "contains.$": "States.ArrayContains($.items, 3)",
                   "range.$": "States.ArrayRange(1, 9, 4)",
                   "unique.$": "States.ArrayUnique(States.Array(1, 2, 1, 3, 2))",
                   "b64.$": "States.Base64Encode('hello')",
                   "decoded.$": "States.Base64Decode(States.Base64Encode($.name))",
                   "sha.$": "States.Hash('hello', 'SHA-256')",
                   "md5.$": "States.Hash($.name, 'MD5')",
                   "merged.$": "States.JsonMerge($.obj, States.StringToJson($.more), false)",
                   "sum.$": "States.MathAdd($.n, -3)",
                   "uuid.$": "States.UUID()"},
                   "End": true}}}""");
        String input = """
                {"name": "hello", "items": [1, 2, 3, 4, 5], "csv": "a,b,c", "json": "{\\"x\\":[1,2]}",
                 "obj": {"a": 1, "b": 2}, "more": "{\\"b\\": 3, \\"c\\": 4}", "n": 10}""";
        DescribeExecutionResponse done = sfn.run(arn, input, ExecutionStatus.SUCCEEDED);
        JsonNode out = json(done.output());
        assertThat(out.get("greeting").asString()).isEqualTo("Hello, hello! You have 5 items.");
        assertThat(out.get("nested").asString()).isEqualTo("tail");
        assertThat(out.get("parsed")).isEqualTo(json("{\"x\":[1,2]}"));
        assertThat(out.get("str").asString()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(out.get("array")).isEqualTo(json("[1,\"two\",{\"a\":1,\"b\":2}]"));
        assertThat(out.get("parts")).isEqualTo(json("[[1,2],[3,4],[5]]"));
        assertThat(out.get("contains").asBoolean()).isTrue();
        assertThat(out.get("range")).isEqualTo(json("[1,5,9]"));
        assertThat(out.get("unique")).isEqualTo(json("[1,2,3]"));
        assertThat(out.get("b64").asString()).isEqualTo("aGVsbG8=");
        assertThat(out.get("decoded").asString()).isEqualTo("hello");
        assertThat(out.get("sha").asString()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(out.get("md5").asString()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(out.get("merged")).isEqualTo(json("{\"a\":1,\"b\":3,\"c\":4}"));
        assertThat(out.get("sum").asInt()).isEqualTo(7);
        assertThat(out.get("uuid").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    static final String CHOICE = """
            {"StartAt": "Route",
             "States": {
               "Route": {"Type": "Choice",
                 "Choices": [
                   {"And": [{"Variable": "$.type", "StringEquals": "gold"},
                            {"Variable": "$.amount", "NumericGreaterThanEquals": 100}], "Next": "Gold"},
                   {"Or": [{"Variable": "$.email", "StringMatches": "*@example.com"},
                           {"Variable": "$.vip", "BooleanEquals": true}], "Next": "Special"},
                   {"Not": {"Variable": "$.amount", "IsPresent": true}, "Next": "NoAmount"},
                   {"Variable": "$.amount", "NumericEqualsPath": "$.limit", "Next": "AtLimit"},
                   {"Variable": "$.when", "TimestampLessThan": "2020-01-01T00:00:00Z", "Next": "Old"}],
                 "Default": "Other"},
               "Gold": {"Type": "Pass", "Result": "Gold", "End": true},
               "Special": {"Type": "Pass", "Result": "Special", "End": true},
               "NoAmount": {"Type": "Pass", "Result": "NoAmount", "End": true},
               "AtLimit": {"Type": "Pass", "Result": "AtLimit", "End": true},
               "Old": {"Type": "Pass", "Result": "Old", "End": true},
               "Other": {"Type": "Pass", "Result": "Other", "End": true}}}""";

    @Test
    void choiceRoutesWithCombinatorsComparatorsAndDefault() {
        String arn = sfn.machine("choice", CHOICE);
        String[][] cases = {
                {"{\"type\": \"gold\", \"amount\": 100, \"email\": \"x@y.z\", \"vip\": false}", "Gold"},
                {"{\"type\": \"gold\", \"amount\": 99.5, \"email\": \"me@example.com\", \"vip\": false}", "Special"},
                {"{\"type\": \"silver\", \"amount\": 5, \"email\": \"x@y.z\", \"vip\": true}", "Special"},
                {"{\"type\": \"silver\", \"email\": \"x@y.z\", \"vip\": false}", "NoAmount"},
                {"{\"type\": \"silver\", \"amount\": 7, \"limit\": 7.0, \"email\": \"x@y.z\", \"vip\": false}", "AtLimit"},
                {"{\"type\": \"silver\", \"amount\": 7, \"limit\": 8, \"email\": \"x@y.z\", \"vip\": false,"
                        + " \"when\": \"2019-12-31T23:59:59Z\"}", "Old"},
                {"{\"type\": \"silver\", \"amount\": 7, \"limit\": 8, \"email\": \"x@y.z\", \"vip\": \"true\","
                        + " \"when\": \"2020-01-01T00:00:00Z\"}", "Other"},
        };
        for (String[] c : cases) {
            DescribeExecutionResponse done = sfn.run(arn, c[0], ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).as("route of %s", c[0]).isEqualTo("\"" + c[1] + "\"");
            List<HistoryEvent> events = sfn.history(done.executionArn());
            assertThat(shape(events)).containsExactly(
                    "1 ExecutionStarted 0",
                    "2 ChoiceStateEntered 0",
                    "3 ChoiceStateExited 2",
                    "4 PassStateEntered 3",
                    "5 PassStateExited 4",
                    "6 ExecutionSucceeded 5");
            assertThat(json(events.get(2).stateExitedEventDetails().output())).as("Choice output = its input")
                    .isEqualTo(json(c[0]));
            assertThat(events.get(3).stateEnteredEventDetails().name()).isEqualTo(c[1]);
        }
    }

    @Test
    void choiceWithoutMatchAndDefaultFailsWithNoChoiceMatched() {
        String arn = sfn.machine("choice-nomatch", """
                {"StartAt": "Route",
                 "States": {
                   "Route": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}]},
                   "One": {"Type": "Succeed"}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"n\": 2}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.NoChoiceMatched");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 ChoiceStateEntered 0",
                "3 ExecutionFailed 2");
        assertThat(last(events).executionFailedEventDetails().error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void missingPathFailsWithStatesRuntimeAfterTheStateEntered() {
        String arn = sfn.machine("runtime", """
                {"StartAt": "Bad", "States": {"Bad": {"Type": "Pass", "InputPath": "$.missing", "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"a\": 1}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Runtime");
        assertThat(done.cause()).isEqualTo("An error occurred while executing the state 'Bad' (entered at the event id #2)."
                + " Invalid path '$.missing' : No results for path: $['missing']");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0", "3 ExecutionFailed 2");
    }

    @Test
    void stateOutputOverTheSizeLimitFailsWithDataLimitExceeded() {
        String arn = sfn.machine("too-big", """
                {"StartAt": "Double",
                 "States": {"Double": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}""");
        String big = "x".repeat(150_000);
        DescribeExecutionResponse done = sfn.run(arn, "{\"s\": \"" + big + "\"}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(done.cause()).isEqualTo("The state/task 'Double' returned a result with a size exceeding the maximum"
                + " number of bytes service limit.");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0", "3 ExecutionFailed 2");
        assertThat(first(events, "ExecutionFailed").executionFailedEventDetails().error())
                .isEqualTo("States.DataLimitExceeded");
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
