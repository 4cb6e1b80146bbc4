package dev.stepline.sfn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stepline.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TestState through the SDK (spec §4.13): every state type, mocks, real task calls, inspection data, validation. */
class TestStateTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestServer server;
    static Sfn sfn;
    static HttpServer http;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.embedded();
        sfn = new Sfn(server);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/items", exchange -> {
            byte[] bytes = "{\"id\": \"item-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
    }

    @AfterAll
    static void stop() throws Exception {
        http.stop(0);
        server.close();
    }

    static TestStateResponse test(Consumer<TestStateRequest.Builder> request) {
        return sfn.client.testState(request);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    // ---------------------------------------------------------------- state types

    @Test
    void passAtInfoShowsOnlyTheOutput() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Pass", "Parameters": {"v.$": "$.a"}, "ResultPath": "$.out", "Next": "After"}""")
                .input("{\"a\": 1}"));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(r.output())).isEqualTo(json("{\"a\": 1, \"out\": {\"v\": 1}}"));
        assertThat(r.nextState()).isEqualTo("After");
        assertThat(r.inspectionData()).isNull();
    }

    @Test
    void passAtDebugShowsEachDataFlowStep() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Pass", "InputPath": "$.initialData", "Parameters": {"staticValue": "some value",
                  "inputValue.$": "$.fieldFromInput"}, "ResultPath": "$.modifiedData", "End": true}""")
                .input("{\"initialData\": {\"fieldFromInput\": \"x\"}, \"other\": 1}")
                .inspectionLevel(InspectionLevel.DEBUG));
        var data = r.inspectionData();
        assertThat(json(data.input())).isEqualTo(json("{\"initialData\": {\"fieldFromInput\": \"x\"}, \"other\": 1}"));
        assertThat(json(data.afterInputPath())).isEqualTo(json("{\"fieldFromInput\": \"x\"}"));
        assertThat(json(data.afterParameters())).isEqualTo(json("{\"staticValue\": \"some value\", \"inputValue\": \"x\"}"));
        assertThat(json(data.afterResultSelector())).isEqualTo(json(data.afterParameters()));
        assertThat(json(data.afterResultPath())).isEqualTo(json(r.output()));
        assertThat(data.result()).isNull();
        assertThat(r.nextState()).isNull();
    }

    @Test
    void passWithResultShowsTheResultInsteadOfTheInputSteps() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Pass", "Result": {"k": "v"}, "End": true}""").inspectionLevel(InspectionLevel.TRACE));
        assertThat(json(r.inspectionData().result())).isEqualTo(json("{\"k\": \"v\"}"));
        assertThat(r.inspectionData().afterInputPath()).isNull();
        assertThat(r.inspectionData().afterParameters()).isNull();
        assertThat(json(r.output())).isEqualTo(json("{\"k\": \"v\"}"));
    }

    @Test
    void choiceAnswersWithTheNextState() {
        String choice = """
                {"Type": "Choice", "Choices": [{"Variable": "$.value", "NumericGreaterThan": 20, "Next": "Big"}],
                 "Default": "Small"}""";
        assertThat(test(b -> b.definition(choice).input("{\"value\": 22}")).nextState()).isEqualTo("Big");
        TestStateResponse small = test(b -> b.definition(choice).input("{\"value\": 2}").inspectionLevel(InspectionLevel.DEBUG));
        assertThat(small.nextState()).isEqualTo("Small");
        assertThat(json(small.output())).isEqualTo(json("{\"value\": 2}"));
        assertThat(json(small.inspectionData().afterInputPath())).isEqualTo(json("{\"value\": 2}"));
    }

    @Test
    void choiceWithoutMatchOrDefaultFails() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Choice", "Choices": [{"Variable": "$.value", "IsPresent": true, "Next": "X"}]}""")
                .input("{}"));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(r.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void waitReturnsAtOnce() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Wait", "Seconds": 86400, "Next": "Later"}""").input("{\"a\": 1}"));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("Later");
        assertThat(json(r.output())).isEqualTo(json("{\"a\": 1}"));
    }

    @Test
    void waitWithABadSecondsPathFails() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Wait", "SecondsPath": "$.missing", "End": true}""").input("{}"));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(r.error()).isEqualTo("States.Runtime");
    }

    @Test
    void succeedAndFail() {
        TestStateResponse ok = test(b -> b.definition("{\"Type\": \"Succeed\", \"OutputPath\": \"$.a\"}")
                .input("{\"a\": [1]}"));
        assertThat(ok.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(ok.output()).isEqualTo("[1]");
        TestStateResponse failed = test(b -> b.definition("""
                {"Type": "Fail", "Error": "SomeFailure", "CausePath": "$.why"}""").input("{\"why\": \"because\"}")
                .inspectionLevel(InspectionLevel.DEBUG));
        assertThat(failed.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("SomeFailure");
        assertThat(failed.cause()).isEqualTo("because");
        assertThat(failed.output()).isNull();
        assertThat(json(failed.inspectionData().afterInputPath())).isEqualTo(json("{\"why\": \"because\"}"));
    }

    // ---------------------------------------------------------------- Task

    @Test
    void taskWithAMockedResultRunsTheResultSteps() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "f", "Payload.$": "$"},
                 "ResultSelector": {"p.$": "$.Payload"}, "ResultPath": "$.r", "Next": "N"}""")
                .input("{\"x\": 1}").mock(m -> m.result("{\"Payload\": {\"ok\": true}, \"StatusCode\": 200}"))
                .inspectionLevel(InspectionLevel.DEBUG));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(r.output())).isEqualTo(json("{\"x\": 1, \"r\": {\"p\": {\"ok\": true}}}"));
        assertThat(r.nextState()).isEqualTo("N");
        var data = r.inspectionData();
        assertThat(json(data.afterParameters())).isEqualTo(json("{\"FunctionName\": \"f\", \"Payload\": {\"x\": 1}}"));
        assertThat(json(data.result())).isEqualTo(json("{\"Payload\": {\"ok\": true}, \"StatusCode\": 200}"));
        assertThat(json(data.afterResultSelector())).isEqualTo(json("{\"p\": {\"ok\": true}}"));
        assertThat(json(data.afterResultPath())).isEqualTo(json(r.output()));
    }

    @Test
    void taskWithAMockedErrorAndNoHandlerFails() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}""")
                .mock(m -> m.errorOutput(e -> e.error("SQS.QueueDoesNotExist").cause("gone"))));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(r.error()).isEqualTo("SQS.QueueDoesNotExist");
        assertThat(r.cause()).isEqualTo("gone");
    }

    static final String RETRY_AND_CATCH = """
            {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
             "Retry": [{"ErrorEquals": ["Other"]},
                       {"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 2}],
             "Catch": [{"ErrorEquals": ["Other"], "Next": "A"},
                       {"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Handler"}],
             "End": true}""";

    @Test
    void aMatchingRetrierMakesTheErrorRetriableWithItsBackoff() {
        TestStateResponse first = test(b -> b.definition(RETRY_AND_CATCH).inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("Boom").cause("bad"))));
        assertThat(first.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(first.error()).isEqualTo("Boom");
        assertThat(first.cause()).isEqualTo("bad");
        assertThat(first.inspectionData().errorDetails().retryIndex()).isEqualTo(1);
        assertThat(first.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(2);
        TestStateResponse second = test(b -> b.definition(RETRY_AND_CATCH).inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("Boom").cause("bad")))
                .stateConfiguration(c -> c.retrierRetryCount(1)));
        assertThat(second.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(second.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(6);
    }

    @Test
    void anExhaustedRetrierLeavesTheErrorToTheCatcher() {
        TestStateResponse r = test(b -> b.definition(RETRY_AND_CATCH).input("{\"a\": 1}")
                .inspectionLevel(InspectionLevel.DEBUG)
                .mock(m -> m.errorOutput(e -> e.error("Boom").cause("bad")))
                .stateConfiguration(c -> c.retrierRetryCount(2)));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(r.nextState()).isEqualTo("Handler");
        assertThat(r.error()).isEqualTo("Boom");
        assertThat(r.inspectionData().errorDetails().catchIndex()).isEqualTo(1);
        assertThat(r.inspectionData().errorDetails().retryIndex()).isNull();
        assertThat(json(r.output())).isEqualTo(json("{\"a\": 1, \"err\": {\"Error\": \"Boom\", \"Cause\": \"bad\"}}"));
    }

    @Test
    void aRealHttpTaskIsCalled() {
        String api = "http://127.0.0.1:" + http.getAddress().getPort() + "/api";
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                 "Parameters": {"ApiEndpoint": "%s/items", "Method": "POST",
                   "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1"}},
                 "ResultSelector": {"status.$": "$.StatusCode", "body.$": "$.ResponseBody"}, "End": true}"""
                .formatted(api)).roleArn(Sfn.ROLE));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(r.output())).isEqualTo(json("{\"status\": 201, \"body\": {\"id\": \"item-1\"}}"));
    }

    @Test
    void aRealLambdaCallWithoutAnEndpointFailsAsAMissingFunctionAndIsCaught() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "nope"},
                 "Catch": [{"ErrorEquals": ["Lambda.ResourceNotFoundException"], "Next": "Missing"}], "End": true}""")
                .roleArn(Sfn.ROLE));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(r.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(r.nextState()).isEqualTo("Missing");
    }

    // ---------------------------------------------------------------- Parallel and Map

    @Test
    void parallelWithAMockedResult() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Parallel", "Branches": [
                   {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                   {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
                 "ResultSelector": {"first.$": "$[0]"}, "End": true}""")
                .mock(m -> m.result("[1, 2]")));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(r.output())).isEqualTo(json("{\"first\": 1}"));
    }

    static final String MAP = """
            {"Type": "Map", "ItemsPath": "$.Values", "MaxConcurrency": 2, "ToleratedFailureCount": 1,
             "ItemSelector": {"v.$": "$$.Map.Item.Value"},
             "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
               "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
             "Catch": [{"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "Next": "Threshold"}],
             "End": true}""";

    @Test
    void mapWithAMockedResultShowsTheMapSteps() {
        TestStateResponse r = test(b -> b.definition(MAP).input("{\"Values\": [1, 2, 3]}")
                .mock(m -> m.result("[1, 1, 1]")).inspectionLevel(InspectionLevel.DEBUG));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(r.output())).isEqualTo(json("[1, 1, 1]"));
        var data = r.inspectionData();
        assertThat(data.maxConcurrency()).isEqualTo(2);
        assertThat(data.toleratedFailureCount()).isEqualTo(1);
        assertThat(json(data.afterItemsPath())).isEqualTo(json("[1, 2, 3]"));
        assertThat(json(data.afterItemSelector())).isEqualTo(json("[{\"v\": 1}, {\"v\": 2}, {\"v\": 3}]"));
        assertThat(data.result()).as("AWS shows no result steps for a Map").isNull();
        assertThat(data.afterResultPath()).isNull();
    }

    @Test
    void mapIterationFailuresAboveTheToleranceRaiseTheThresholdError() {
        TestStateResponse below = test(b -> b.definition(MAP).input("{\"Values\": [1, 2, 3]}")
                .mock(m -> m.result("[1, 1, 1]")).stateConfiguration(c -> c.mapIterationFailureCount(1)));
        assertThat(below.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        TestStateResponse above = test(b -> b.definition(MAP).input("{\"Values\": [1, 2, 3]}")
                .mock(m -> m.result("[1, 1, 1]")).stateConfiguration(c -> c.mapIterationFailureCount(2)));
        assertThat(above.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(above.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(above.cause()).isEqualTo("The specified tolerated failure threshold was exceeded");
        assertThat(above.nextState()).isEqualTo("Threshold");
    }

    // ---------------------------------------------------------------- JSONata, variables, context, stateName

    @Test
    void jsonataTaskShowsArgumentsAndAssignedVariables() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"FunctionName": "f", "Payload": "{% $states.input.n + $base %}"},
                 "Assign": {"last": "{% $states.result.Payload %}"},
                 "Output": "{% $states.result.Payload * 2 %}", "End": true}""")
                .input("{\"n\": 1}").variables("{\"base\": 10}").mock(m -> m.result("{\"Payload\": 21}"))
                .inspectionLevel(InspectionLevel.DEBUG));
        assertThat(r.output()).isEqualTo("42");
        var data = r.inspectionData();
        assertThat(json(data.afterArguments())).isEqualTo(json("{\"FunctionName\": \"f\", \"Payload\": 11}"));
        assertThat(data.afterParameters()).isNull();
        assertThat(json(data.variables())).isEqualTo(json("{\"base\": 10, \"last\": 21}"));
    }

    @Test
    void jsonPathAssignSeesVariablesAndReportsThem() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($x, $.y)"}, "Assign": {"seen.$": "$.sum"},
                 "End": true}""").input("{\"y\": 2}").variables("{\"x\": 40}").inspectionLevel(InspectionLevel.DEBUG));
        assertThat(json(r.output())).isEqualTo(json("{\"sum\": 42}"));
        assertThat(json(r.inspectionData().variables())).isEqualTo(json("{\"x\": 40, \"seen\": 42}"));
    }

    @Test
    void theContextObjectDescribesAThrowAwayExpressExecution() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.context %}", "End": true}""")
                .input("{\"a\": 1}"));
        JsonNode context = json(r.output());
        assertThat(context.at("/Execution/Id").asString()).startsWith("arn:aws:states:us-east-1:" + Sfn.ACCOUNT + ":express:");
        assertThat(context.at("/Execution/Input")).isEqualTo(json("{\"a\": 1}"));
        assertThat(context.at("/State/Name").asString()).isEqualTo("StateName");
        assertThat(context.at("/State/RetryCount").intValue()).isZero();
        assertThat(context.at("/StateMachine/Id").asString()).contains(":stateMachine:");
    }

    @Test
    void aGivenContextObjectOverridesTheDefaults() {
        TestStateResponse r = test(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"name.$": "$$.Execution.Name", "token.$": "$$.Task.Token"}, "ResultPath": null,
                 "OutputPath": "$", "End": true}""")
                .context("{\"Execution\": {\"Name\": \"mine\"}, \"Task\": {\"Token\": \"t-1\"}}")
                .mock(m -> m.result("{}")).inspectionLevel(InspectionLevel.DEBUG));
        assertThat(json(r.inspectionData().afterParameters())).isEqualTo(json("{\"name\": \"mine\", \"token\": \"t-1\"}"));
    }

    @Test
    void stateNamePicksAStateOfAWholeMachine() {
        TestStateResponse r = test(b -> b.definition("""
                {"StartAt": "First", "States": {
                   "First": {"Type": "Pass", "Next": "Second"},
                   "Second": {"Type": "Pass", "Result": "two", "Next": "Third"},
                   "Third": {"Type": "Succeed"}}}""").stateName("Second"));
        assertThat(r.output()).isEqualTo("\"two\"");
        assertThat(r.nextState()).isEqualTo("Third");
    }

    // ---------------------------------------------------------------- validation

    static void rejects(Class<? extends SfnException> type, String message, Consumer<TestStateRequest.Builder> request) {
        assertThatThrownBy(() -> test(request)).isInstanceOf(type)
                .satisfies(e -> assertThat(((SfnException) e).awsErrorDetails().errorMessage()).isEqualTo(message))
                .satisfies(e -> assertThat(((SfnException) e).statusCode()).isEqualTo(400));
    }

    static final String TASK = "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}";

    @Test
    void mockValidation() {
        for (String type : new String[] {"Pass", "Fail", "Succeed"}) {
            rejects(ValidationException.class, "State type '" + type + "' is not supported when a mock is specified",
                    b -> b.definition(type.equals("Pass") ? "{\"Type\": \"Pass\", \"End\": true}"
                            : "{\"Type\": \"" + type + "\"}").mock(m -> m.result("{}")));
        }
        rejects(ValidationException.class, "A test mock should have only one of the following fields: [result, errorOutput].",
                b -> b.definition(TASK).mock(m -> m.result("{}").errorOutput(e -> e.error("E"))));
        rejects(ValidationException.class, "TestState does not support RevealSecrets when a mock is specified.",
                b -> b.definition(TASK).revealSecrets(true).mock(m -> m.result("{}")));
        rejects(ValidationException.class, "Mocked result must be valid JSON",
                b -> b.definition(TASK).mock(m -> m.result("not json")));
        rejects(ValidationException.class, "Mocked result must be an array.",
                b -> b.definition(MAP).mock(m -> m.result("{}")));
        rejects(ValidationException.class, "Mocked result must be an array.", b -> b.definition("""
                {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}],
                 "End": true}""").mock(m -> m.result("{}")));
        rejects(ValidationException.class,
                "Mocked result must contain the same number of items as number of Parallel branches.", b -> b.definition("""
                {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}],
                 "End": true}""").mock(m -> m.result("[1, 2]")));
        rejects(ValidationException.class, "TestState does not support MapIterationFailureCount when a mock is not specified.",
                b -> b.definition(TASK).roleArn(Sfn.ROLE).stateConfiguration(c -> c.mapIterationFailureCount(1)));
        rejects(ValidationException.class,
                "Map iteration failure count must be less than or equal to the number of Map iterations",
                b -> b.definition(MAP).input("{\"Values\": [1]}").mock(m -> m.result("[1]"))
                        .stateConfiguration(c -> c.mapIterationFailureCount(2)));
    }

    @Test
    void mapAndParallelNeedAMock() {
        String message = "TestState API does not support Map or Parallel states. "
                + "Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]";
        rejects(InvalidDefinitionException.class, message, b -> b.definition(MAP));
        rejects(InvalidDefinitionException.class, message, b -> b.definition("""
                {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}],
                 "End": true}""").roleArn(Sfn.ROLE));
    }

    @Test
    void aMapWithAResultWriterIsMockedWithAnObject() {
        String distributed = """
                {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                   "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                 "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                   "Parameters": {"Bucket": "results", "Prefix": "out"}},
                 "End": true}""";
        rejects(ValidationException.class, "Mocked result must be a JSON object.",
                b -> b.definition(distributed).input("[1]").mock(m -> m.result("[1]")));
        TestStateResponse r = test(b -> b.definition(distributed).input("[1]")
                .mock(m -> m.result("{\"MapRunArn\": \"arn\", \"ResultWriterDetails\": {\"Bucket\": \"results\"}}")));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(r.output()).at("/ResultWriterDetails/Bucket").asString()).isEqualTo("results");
    }

    @Test
    void anUnmockedTaskNeedsARole() {
        rejects(ValidationException.class, "RoleArn must be specified when testing a Task state", b -> b.definition(TASK));
    }

    @Test
    void contextValidation() {
        rejects(ValidationException.class,
                "Invalid Context object provided: 'Map' field is not supported when mocking a Context object",
                b -> b.definition(TASK).mock(m -> m.result("{}")).context("{\"Map\": {}}"));
        rejects(ValidationException.class, "Invalid Context object provided: Field 'Other' is not allowed",
                b -> b.definition(TASK).mock(m -> m.result("{}")).context("{\"Other\": {}}"));
        rejects(ValidationException.class, "Invalid Context object provided: Execution.Id must be a string",
                b -> b.definition(TASK).mock(m -> m.result("{}")).context("{\"Execution\": {\"Id\": 1}}"));
    }

    @Test
    void aMissingStateNameIsRejected() {
        rejects(ValidationException.class, "State not found in definition", b -> b.definition("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""").stateName("B"));
    }

    @Test
    void invalidDefinitionsUseCreateStateMachinesMessage() {
        assertThatThrownBy(() -> test(b -> b.definition("{\"Type\": \"Pass\", \"Bogus\": 1, \"End\": true}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ");
        assertThatThrownBy(() -> test(b -> b.definition("not json")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ");
        assertThatThrownBy(() -> test(b -> b.definition("[1]")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object");
    }

    @Test
    void badInputIsInvalidExecutionInput() {
        assertThatThrownBy(() -> test(b -> b.definition("{\"Type\": \"Pass\", \"End\": true}").input("{nope")))
                .isInstanceOf(InvalidExecutionInputException.class)
                .hasMessageStartingWith("Invalid State Machine Execution Input: '");
    }

    @Test
    void modelConstraintsAreValidationErrors() {
        assertThatThrownBy(() -> test(b -> b.definition(TASK).mock(m -> m.result("{}"))
                .stateConfiguration(c -> c.retrierRetryCount(-1))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("stateConfiguration.retrierRetryCount");
    }

    // ---------------------------------------------------------------- fieldValidationMode

    static void mockRejected(String resource, String result, String message) {
        rejects(ValidationException.class, "Mock result schema validation error: " + message, b -> b.definition(
                "{\"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"End\": true}").mock(m -> m.result(result)));
    }

    @Test
    void strictModeChecksMockedResultsAgainstTheResponseShape() {
        mockRejected("arn:aws:states:::states:startExecution", "{}", "Required field 'ExecutionArn' is missing");
        mockRejected("arn:aws:states:::states:startExecution", "{\"executionArn\": \"a\", \"startDate\": \"b\"}",
                "Required field 'ExecutionArn' is missing");
        mockRejected("arn:aws:states:::states:startExecution", "{\"ExecutionArn\": \"a\", \"StartDate\": 1764103483}",
                "Field 'StartDate' must be a string");
        mockRejected("arn:aws:states:::events:putEvents", "{\"Entries\": \"no\"}", "Field 'Entries' must be an array");
        mockRejected("arn:aws:states:::events:putEvents", "{\"Entries\": [{\"EventId\": \"ok\"}, {\"EventId\": [\"x\"]}]}",
                "Field 'EventId' must be a string");
        mockRejected("arn:aws:states:::lambda:invoke", "{\"StatusCode\": \"200\"}", "Field 'StatusCode' must be a number");
        mockRejected("arn:aws:states:::dynamodb:putItem", "{\"ConsumedCapacity\": {\"CapacityUnits\": \"1.5\"}}",
                "Field 'CapacityUnits' must be a number");
        mockRejected("arn:aws:states:::aws-sdk:s3:getObject", "{\"StorageClass\": \"Papyrus\"}",
                "Field 'StorageClass' is not an expected value");
        mockRejected("arn:aws:states:::aws-sdk:kms:encrypt", "{\"CiphertextBlob\": \"\"}",
                "Field 'CiphertextBlob' is smaller than the minimum length");
        mockRejected("arn:aws:states:::aws-sdk:lambda:getFunction", "{\"Configuration\": {\"MemorySize\": 10241}}",
                "Field 'MemorySize' exceeds the maximum value");
        mockRejected("arn:aws:states:::aws-sdk:lambda:getFunction", "{\"Configuration\": {\"MemorySize\": 127}}",
                "Field 'MemorySize' is less than the minimum value");
    }

    @Test
    void fieldsOutsideTheShapeAndLaxerModesPass() {
        String putEvents = "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::events:putEvents\", \"End\": true}";
        assertThat(test(b -> b.definition(putEvents).mock(m -> m.result("{\"random\": \"json\"}"))).output())
                .isEqualTo("{\"random\":\"json\"}");
        assertThat(test(b -> b.definition(putEvents).mock(m -> m.result("{}"))).status())
                .isEqualTo(TestExecutionStatus.SUCCEEDED);
        String start = "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::states:startExecution\", \"End\": true}";
        assertThat(test(b -> b.definition(start).mock(m -> m.result("{}").fieldValidationMode("PRESENT"))).status())
                .as("PRESENT does not require fields").isEqualTo(TestExecutionStatus.SUCCEEDED);
        rejects(ValidationException.class, "Mock result schema validation error: Field 'StartDate' must be a string",
                b -> b.definition(start).mock(m -> m.result("{\"StartDate\": true}").fieldValidationMode("PRESENT")));
        assertThat(test(b -> b.definition(start).mock(m -> m.result("{\"StartDate\": true}").fieldValidationMode("NONE")))
                .status()).as("NONE checks nothing").isEqualTo(TestExecutionStatus.SUCCEEDED);
    }
}
