package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.first;
import static dev.stepline.sfn.it.Sfn.last;
import static dev.stepline.sfn.it.Sfn.shape;
import static dev.stepline.sfn.it.Sfn.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import tools.jackson.databind.JsonNode;

/** JSONata states, the Step Functions JSONata functions, variables in both languages (spec §6.4, §6.5). */
class JsonataTest {
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
        return StatesTest.json(text);
    }

    @Test
    void passStatesComputeOutputAndAssignFromStatesInputAndContext() {
        String arn = sfn.machine("jsonata-pass", """
                {"QueryLanguage": "JSONata", "StartAt": "Compute", "States": {
                  "Compute": {"Type": "Pass",
                    "Assign": {"total": "{% $sum($states.input.items.(qty * price)) %}", "n": 2},
                    "Output": {"id": "{% $states.input.orderId & '-' & $states.context.Execution.Name %}",
                               "literal": "plain text", "list": ["{% 1 + 1 %}", 3]},
                    "Next": "Use"},
                  "Use": {"Type": "Pass",
                    "Output": "{% {'total': $total, 'double': $total * $n, 'id': $states.input.id} %}",
                    "End": true}}}""");
        String exec = sfn.start(arn, "run-1", "{\"orderId\": \"o7\", \"items\": [{\"qty\": 2, \"price\": 1.5}, {\"qty\": 1, \"price\": 4}]}");
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"total\":7,\"double\":14,\"id\":\"o7-run-1\"}");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0", "3 PassStateExited 2",
                "4 PassStateEntered 3", "5 PassStateExited 4", "6 ExecutionSucceeded 5");
        var exited = events.get(2).stateExitedEventDetails();
        assertThat(exited.output()).isEqualTo("{\"id\":\"o7-run-1\",\"literal\":\"plain text\",\"list\":[2,3]}");
        assertThat(exited.assignedVariables()).isEqualTo(Map.of("total", "7", "n", "2"));
    }

    @Test
    void stepFunctionsJsonataFunctions() {
        String arn = sfn.machine("jsonata-functions", """
                {"QueryLanguage": "JSONata", "StartAt": "F", "States": {"F": {"Type": "Pass", "Output": {
                  "partition": "{% $partition([0,1,2], 2) %}",
                  "single": "{% $partition([0], 5) %}",
                  "range": "{% $range(0, 10, 5) %}",
                  "rangeOne": "{% $range(1, 9, 9) %}",
                  "hash": "{% $hash('abc', 'SHA-256') %}",
                  "parsed": "{% $parse('{\\"a\\": [1, -0]}') %}",
                  "seeded": "{% $random(42) = $random(42) %}",
                  "random": "{% $random() < 1 %}",
                  "uuid": "{% $uuid() %}"}, "End": true}}}""");
        JsonNode out = json(sfn.run(arn, "{}", ExecutionStatus.SUCCEEDED).output());
        assertThat(out.get("partition")).isEqualTo(json("[[0,1],[2]]"));
        assertThat(out.get("single")).isEqualTo(json("[[0]]"));
        assertThat(out.get("range")).isEqualTo(json("[0,5,10]"));
        assertThat(out.get("rangeOne")).as("a one-element sequence collapses").isEqualTo(json("1"));
        assertThat(out.get("hash").stringValue())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(out.get("parsed")).isEqualTo(json("{\"a\":[1,0]}"));
        assertThat(out.get("seeded").booleanValue()).isTrue();
        assertThat(out.get("random").booleanValue()).isTrue();
        assertThat(out.get("uuid").stringValue()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void jsonPathAndJsonataStatesMixAndShareVariables() {
        String arn = sfn.machine("jsonata-mixed", """
                {"StartAt": "PathSet", "States": {
                  "PathSet": {"Type": "Pass", "Assign": {"fromPath.$": "$.v"}, "Next": "AtaUse"},
                  "AtaUse": {"Type": "Pass", "QueryLanguage": "JSONata",
                    "Assign": {"fromAta": "{% $fromPath * 10 %}"},
                    "Output": {"seen": "{% $fromPath %}"}, "Next": "PathUse"},
                  "PathUse": {"Type": "Pass", "Parameters": {"a.$": "$fromAta", "b.$": "$.seen"}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"v\": 4}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"a\":40,\"b\":4}");
    }

    @Test
    void outputAndAssignSeeTheVariablesAsTheyWereWhenTheStateWasEntered() {
        String arn = sfn.machine("jsonata-order", """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
                  "B": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"},
                        "Output": {"x": "{% $x %}"}, "Next": "C"},
                  "C": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}"}, "End": true}}}""");
        String exec = sfn.run(arn, "{}", ExecutionStatus.SUCCEEDED).executionArn();
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(events.get(4).stateExitedEventDetails().output()).as("B's Output sees the old x").isEqualTo("{\"x\":1}");
        assertThat(events.get(4).stateExitedEventDetails().assignedVariables()).containsEntry("x", "2").containsEntry("y", "1");
        assertThat(last(events).executionSucceededEventDetails().output()).isEqualTo("{\"x\":2,\"y\":1}");
    }

    @Test
    void choiceConditionsWithRuleLevelOutputAndAssign() {
        String arn = sfn.machine("jsonata-choice", """
                {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Output": {"default": true}, "Choices": [
                      {"Condition": "{% $states.input.n > 10 %}", "Next": "Big",
                       "Output": {"big": "{% $states.input.n %}"}, "Assign": {"size": "big"}},
                      {"Condition": false, "Next": "Big"}],
                    "Default": "Small"},
                  "Big": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "size": "{% $size %}"}, "End": true},
                  "Small": {"Type": "Succeed"}}}""");
        assertThat(sfn.run(arn, "{\"n\": 11}", ExecutionStatus.SUCCEEDED).output())
                .isEqualTo("{\"in\":{\"big\":11},\"size\":\"big\"}");
        assertThat(sfn.run(arn, "{\"n\": 1}", ExecutionStatus.SUCCEEDED).output()).isEqualTo("{\"default\":true}");
    }

    @Test
    void waitSecondsAndFailErrorFromExpressions() {
        String arn = sfn.machine("jsonata-wait-fail", """
                {"QueryLanguage": "JSONata", "StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "Next": "F"},
                  "F": {"Type": "Fail", "Error": "{% 'Custom.' & $states.input.kind %}",
                        "Cause": "{% 'waited ' & $string($states.input.s) %}"}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"s\": 0, \"kind\": \"Oops\"}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Custom.Oops");
        assertThat(done.cause()).isEqualTo("waited 0");
    }

    @Test
    void parallelArgumentsResultAndMapItemsWithItemSelector() {
        String arn = sfn.machine("jsonata-parallel-map", """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Arguments": {"v": "{% $states.input.v %}"},
                        "Branches": [
                          {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Output": "{% $states.input.v + 1 %}", "End": true}}},
                          {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "Output": "{% $states.input.v * 2 %}", "End": true}}}],
                        "Assign": {"sum": "{% $sum($states.result) %}"},
                        "Output": {"branches": "{% $states.result %}"}, "Next": "M"},
                  "M": {"Type": "Map", "Items": "{% $states.input.branches %}",
                        "ItemSelector": {"value": "{% $states.context.Map.Item.Value %}",
                                         "index": "{% $states.context.Map.Item.Index %}"},
                        "ItemProcessor": {"StartAt": "I", "States": {
                          "I": {"Type": "Pass", "Output": "{% $states.input.value * 100 + $states.input.index + $sum %}", "End": true}}},
                        "Output": {"mapped": "{% $states.result %}"}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"v\": 3}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"mapped\":[410,611]}");
    }

    @Test
    void undefinedResultIsAQueryEvaluationErrorWithAnEvaluationFailedEvent() {
        String arn = sfn.machine("jsonata-undefined", """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                  "P": {"Type": "Pass", "Output": {"r": "{% $doesNotExist %}"}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{}", ExecutionStatus.FAILED);
        String cause = "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata "
                + "expression '$doesNotExist' specified for the field 'Output/r' returned nothing (undefined).";
        assertThat(done.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(done.cause()).isEqualTo(cause);
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly("1 ExecutionStarted 0", "2 PassStateEntered 0",
                "3 EvaluationFailed 0", "4 ExecutionFailed 3");
        var failed = events.get(2).evaluationFailedEventDetails();
        assertThat(failed.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(failed.location()).isEqualTo("Output/r");
        assertThat(failed.state()).isEqualTo("P");
        assertThat(failed.cause()).isEqualTo(cause);
    }

    @Test
    void evaluationErrorsAreCaughtWithErrorOutput() {
        String arn = sfn.machine("jsonata-catch", """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Arguments": "{% $notAFunction() %}",
                        "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
                        "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Handled",
                                   "Assign": {"err": "{% $states.errorOutput.Error %}"}}],
                        "End": true},
                  "Handled": {"Type": "Pass", "Output": {"error": "{% $err %}", "in": "{% $states.input.Cause %}"}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{}", ExecutionStatus.SUCCEEDED);
        JsonNode out = json(done.output());
        assertThat(out.get("error").stringValue()).isEqualTo("States.QueryEvaluationError");
        assertThat(out.get("in").stringValue()).endsWith("The JSONata expression '$notAFunction()' specified for the "
                + "field 'Arguments' threw an error during evaluation. T1006: Attempted to invoke a non-function");
        assertThat(types(sfn.history(done.executionArn()))).containsSubsequence("ParallelStateEntered",
                "EvaluationFailed", "ParallelStateExited", "PassStateEntered");
    }

    @Test
    void wrongResultTypesAreReported() {
        String arn = sfn.machine("jsonata-items-type", """
                {"QueryLanguage": "JSONata", "StartAt": "M", "States": {
                  "M": {"Type": "Map", "Items": "{% $states.input.n %}",
                        "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"n\": 1}", ExecutionStatus.FAILED);
        assertThat(done.cause()).endsWith("The JSONata expression '$states.input.n' specified for the field 'Items' "
                + "returned an unexpected result type. Expected 'array', but was 'number' for value: 1");
        HistoryEvent failed = first(sfn.history(done.executionArn()), "EvaluationFailed");
        assertThat(failed.evaluationFailedEventDetails().location()).isEqualTo("Items");
    }

    @Test
    void definitionsAreCheckedAtCreation() {
        assertThatThrownBy(() -> sfn.machine("jsonata-bad", """
                {"QueryLanguage": "JSONata", "StartAt": "Main", "States": {
                  "Main": {"Type": "Pass", "Output": "{% 1 + %}", "End": true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Invalid State Machine Definition: 'INVALID_JSONATA_EXPRESSION: "
                        + "Unexpected end of expression at /States/Main/Output'");
        assertThatThrownBy(() -> sfn.machine("jsonata-top", """
                {"QueryLanguage": "JSONata", "StartAt": "E", "States": {
                  "E": {"Type": "Pass", "Output": {"v": "{% phone.number %}"}, "End": true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is "
                        + "not supported. at /States/E/Output/v");
        assertThatThrownBy(() -> sfn.machine("jsonata-downgrade", """
                {"QueryLanguage": "JSONata", "StartAt": "E", "States": {
                  "E": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
    }

    @Test
    void validateStateMachineDefinitionReportsJsonataDiagnostics() {
        var result = sfn.client.validateStateMachineDefinition(b -> b.definition("""
                {"QueryLanguage": "JSONata", "StartAt": "Main", "States": {
                  "Main": {"Type": "Pass", "Output": {"a": "{% a[1,2) %}"}, "End": true}}}"""));
        assertThat(result.resultAsString()).isEqualTo("FAIL");
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("INVALID_JSONATA_EXPRESSION");
            assertThat(d.location()).isEqualTo("/States/Main/Output/a");
            assertThat(d.severityAsString()).isEqualTo("ERROR");
        });
    }

    @Test
    void innerScopesReadOuterVariablesButCannotAssignThem() {
        String ok = sfn.machine("scope-read", """
                {"StartAt": "Set", "States": {
                  "Set": {"Type": "Pass", "Assign": {"outer": 5}, "Next": "P"},
                  "P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
                      "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"inner": "{% $outer + 1 %}"}, "Next": "B2"},
                      "B2": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $inner %}", "End": true}}}],
                    "Next": "After"},
                  "After": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"r": "{% $states.input %}",
                    "innerVisible": "{% $exists($inner) %}"}, "End": true}}}""");
        assertThat(sfn.run(ok, "{}", ExecutionStatus.SUCCEEDED).output()).isEqualTo("{\"r\":[6],\"innerVisible\":false}");

        String bad = sfn.machine("scope-assign", """
                {"StartAt": "Set", "States": {
                  "Set": {"Type": "Pass", "Assign": {"outer": 5}, "Next": "M"},
                  "M": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {
                      "I": {"Type": "Pass", "Assign": {"outer": 6}, "End": true}}}, "End": true}}}""");
        DescribeExecutionResponse failed = sfn.run(bad, "[1]", ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(failed.cause()).contains("The variable 'outer' is defined in an outer scope");
    }

    @Test
    void describeStateMachineListsVariableReferences() {
        String arn = sfn.machine("var-refs", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"x": 1, "y": 2}, "Next": "B"},
                  "B": {"Type": "Pass", "Parameters": {"v.$": "$x", "f.$": "States.Format('{}', $y)", "c.$": "$$.Execution.Id"},
                        "Next": "C"},
                  "C": {"Type": "Pass", "QueryLanguage": "JSONata",
                        "Output": "{% $map([1], function($v) { $v + $x + $y }) %}", "End": true}}}""");
        var described = sfn.client.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.variableReferences()).isEqualTo(Map.of("B", List.of("x", "y"), "C", List.of("x", "y")));
        String exec = sfn.run(arn, "{}", ExecutionStatus.SUCCEEDED).executionArn();
        assertThat(sfn.client.describeStateMachineForExecution(b -> b.executionArn(exec)).variableReferences())
                .isEqualTo(described.variableReferences());
    }
}
