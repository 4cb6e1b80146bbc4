package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.first;
import static dev.stepline.sfn.it.Sfn.last;
import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepline.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Task states end to end: Lambda through a mock configuration (and without one), the HTTP Task against a
 * real local server, {@code states:startExecution} in every pattern, and {@code .waitForTaskToken} callbacks.
 */
class TaskIntegrationTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MOCKS = """
            {"StateMachines": {
               "lambda-happy": {"TestCases": {"Happy": {"Invoke": "Greets"}}},
               "lambda-legacy": {"TestCases": {"Happy": {"Invoke": "LegacyGreets"}}}},
             "MockedResponses": {
               "Greets": {"0": {"Return": {"StatusCode": 200, "Payload": {"greeting": "hello, Ann"}}}},
               "LegacyGreets": {"0": {"Return": {"greeting": "hi"}}}}}""";

    @TempDir
    static Path dir;
    static TestServer server;
    static Sfn sfn;
    static HttpServer http;
    static final Map<String, String> received = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        server = Sfn.withMocks(dir, MOCKS, null);
        sfn = new Sfn(server);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/items", exchange -> {
            received.put("method", exchange.getRequestMethod());
            received.put("query", String.valueOf(exchange.getRequestURI().getRawQuery()));
            received.put("custom", String.valueOf(exchange.getRequestHeaders().getFirst("X-Custom")));
            received.put("contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 201, "application/json", "{\"id\": \"item-1\", \"n\": 5}");
        });
        http.createContext("/api/big", exchange -> respond(exchange, 200, "application/json",
                "{\"blob\": \"" + "y".repeat(300_000) + "\"}"));
        http.createContext("/api/missing", exchange -> respond(exchange, 404, "text/plain", "no such thing"));
        http.start();
    }

    static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterAll
    static void stop() throws Exception {
        http.stop(0);
        server.close();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    String api() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api";
    }

    // ------------------------------------------------------------------ Lambda

    static final String LAMBDA = """
            {"StartAt": "Prepare",
             "States": {
               "Prepare": {"Type": "Pass", "Parameters": {"who.$": "$.name"}, "Next": "Invoke"},
               "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:greet", "Payload.$": "$"},
                 "ResultSelector": {"greeting.$": "$.Payload.greeting"},
                 "Next": "Done"},
               "Done": {"Type": "Succeed"}}}""";

    @Test
    void mockedLambdaFollowsSequenceA() {
        String arn = sfn.machineNamed("lambda-happy", LAMBDA);
        DescribeExecutionResponse done = sfn.run(arn + "#Happy", "{\"name\": \"Ann\"}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"greeting\":\"hello, Ann\"}");
        assertThat(done.stateMachineArn()).as("the test case is not part of the machine ARN").isEqualTo(arn);
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 PassStateEntered 0",
                "3 PassStateExited 2",
                "4 TaskStateEntered 3",
                "5 TaskScheduled 4",
                "6 TaskStarted 5",
                "7 TaskSucceeded 6",
                "8 TaskStateExited 7",
                "9 SucceedStateEntered 8",
                "10 SucceedStateExited 9",
                "11 ExecutionSucceeded 10");
        var scheduled = events.get(4).taskScheduledEventDetails();
        assertThat(scheduled.resourceType()).isEqualTo("lambda");
        assertThat(scheduled.resource()).isEqualTo("invoke");
        assertThat(scheduled.region()).isEqualTo("us-east-1");
        assertThat(scheduled.parameters()).isEqualTo(
                "{\"FunctionName\":\"arn:aws:lambda:us-east-1:123456789012:function:greet\",\"Payload\":{\"who\":\"Ann\"}}");
        assertThat(scheduled.timeoutInSeconds()).isNull();
        assertThat(events.get(5).taskStartedEventDetails().resourceType()).isEqualTo("lambda");
        assertThat(events.get(5).taskStartedEventDetails().resource()).isEqualTo("invoke");
        var succeeded = events.get(6).taskSucceededEventDetails();
        assertThat(succeeded.resourceType()).isEqualTo("lambda");
        assertThat(succeeded.resource()).isEqualTo("invoke");
        assertThat(succeeded.output()).isEqualTo("{\"StatusCode\":200,\"Payload\":{\"greeting\":\"hello, Ann\"}}");
        assertThat(events.get(7).stateExitedEventDetails().output()).isEqualTo("{\"greeting\":\"hello, Ann\"}");
    }

    @Test
    void unresolvableLambdaFailsTheExecution() {
        String arn = sfn.machineNamed("lambda-happy", LAMBDA); // idempotent create
        DescribeExecutionResponse done = sfn.run(arn, "{\"name\": \"Ann\"}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(done.output()).isNull();
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 PassStateEntered 0",
                "3 PassStateExited 2",
                "4 TaskStateEntered 3",
                "5 TaskScheduled 4",
                "6 TaskStarted 5",
                "7 TaskFailed 6",
                "8 ExecutionFailed 7");
        assertThat(events.get(6).taskFailedEventDetails().error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(last(events).executionFailedEventDetails().cause()).isEqualTo(done.cause());
    }

    @Test
    void legacyFunctionArnUsesLambdaFunctionEvents() {
        String arn = sfn.machineNamed("lambda-legacy", """
                {"StartAt": "Invoke",
                 "States": {"Invoke": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:greet",
                   "TimeoutSeconds": 30, "End": true}}}""");
        DescribeExecutionResponse ok = sfn.run(arn + "#Happy", "{\"a\": 1}", ExecutionStatus.SUCCEEDED);
        assertThat(ok.output()).isEqualTo("{\"greeting\":\"hi\"}");
        List<HistoryEvent> events = sfn.history(ok.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 LambdaFunctionScheduled 2",
                "4 LambdaFunctionStarted 3",
                "5 LambdaFunctionSucceeded 4",
                "6 TaskStateExited 5",
                "7 ExecutionSucceeded 6");
        var scheduled = events.get(2).lambdaFunctionScheduledEventDetails();
        assertThat(scheduled.resource()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:greet");
        assertThat(scheduled.input()).isEqualTo("{\"a\":1}");
        assertThat(scheduled.timeoutInSeconds()).isEqualTo(30L);
        assertThat(events.get(4).lambdaFunctionSucceededEventDetails().output()).isEqualTo("{\"greeting\":\"hi\"}");

        DescribeExecutionResponse failed = sfn.run(arn, "{}", ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(Sfn.types(sfn.history(failed.executionArn()))).containsExactly("ExecutionStarted", "TaskStateEntered",
                "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed", "ExecutionFailed");
    }

    // ------------------------------------------------------------------ HTTP Task

    @Test
    void httpInvokeCallsARealServer() {
        String arn = sfn.machine("http", """
                {"StartAt": "Call",
                 "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                   "Parameters": {"ApiEndpoint": "%s/items", "Method": "POST",
                     "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1"},
                     "Headers": {"X-Custom": "abc"}, "QueryParameters": {"q": "v w"},
                     "RequestBody": {"name.$": "$.name"}},
                   "ResultSelector": {"status.$": "$.StatusCode", "body.$": "$.ResponseBody"},
                   "ResultPath": "$.http",
                   "End": true}}}""".formatted(api()));
        DescribeExecutionResponse done = sfn.run(arn, "{\"name\": \"widget\"}", ExecutionStatus.SUCCEEDED);
        assertThat(json(done.output())).isEqualTo(json(
                "{\"name\": \"widget\", \"http\": {\"status\": 201, \"body\": {\"id\": \"item-1\", \"n\": 5}}}"));
        assertThat(received.get("method")).isEqualTo("POST");
        assertThat(received.get("query")).isIn("q=v+w", "q=v%20w");
        assertThat(received.get("custom")).isEqualTo("abc");
        assertThat(received.get("contentType")).startsWith("application/json");
        assertThat(json(received.get("body"))).isEqualTo(json("{\"name\": \"widget\"}"));
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(Sfn.types(events)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(events.get(2).taskScheduledEventDetails().resourceType()).isEqualTo("http");
        assertThat(events.get(2).taskScheduledEventDetails().resource()).isEqualTo("invoke");
        JsonNode result = json(events.get(4).taskSucceededEventDetails().output());
        assertThat(result.get("StatusCode").asInt()).isEqualTo(201);
        assertThat(result.get("ResponseBody")).isEqualTo(json("{\"id\": \"item-1\", \"n\": 5}"));
    }

    @Test
    void httpErrorStatusAndOversizedResultAreCatchableTaskFailures() {
        String arn = sfn.machine("http-errors", """
                {"StartAt": "Missing",
                 "States": {
                   "Missing": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                     "Parameters": {"ApiEndpoint": "%1$s/missing", "Method": "GET"},
                     "Catch": [{"ErrorEquals": ["States.Http.StatusCode.404"], "ResultPath": "$.missing", "Next": "Big"}],
                     "End": true},
                   "Big": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                     "Parameters": {"ApiEndpoint": "%1$s/big", "Method": "GET"},
                     "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.big", "Next": "Done"}],
                     "End": true},
                   "Done": {"Type": "Pass", "OutputPath": "$.big.Error", "End": true}}}""".formatted(api()));
        DescribeExecutionResponse done = sfn.run(arn, "{}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("\"States.DataLimitExceeded\"");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskFailed 4",
                "6 TaskStateExited 5",
                "7 TaskStateEntered 6",
                "8 TaskScheduled 7",
                "9 TaskStarted 8",
                "10 TaskFailed 9",
                "11 TaskStateExited 10",
                "12 PassStateEntered 11",
                "13 PassStateExited 12",
                "14 ExecutionSucceeded 13");
        assertThat(events.get(4).taskFailedEventDetails().error()).isEqualTo("States.Http.StatusCode.404");
        assertThat(events.get(9).taskFailedEventDetails().error()).isEqualTo("States.DataLimitExceeded");
        assertThat(events.get(9).taskFailedEventDetails().cause()).contains("returned a result with a size exceeding"
                + " the maximum number of bytes service limit.");
    }

    // ------------------------------------------------------------------ states:startExecution

    static final String CHILD = """
            {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "Parameters": {"echo.$": "$"}, "End": true}}}""";
    static final String FAILING_CHILD = """
            {"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Child.Error", "Cause": "child says no"}}}""";

    static String parent(String resource, String child) {
        return """
                {"StartAt": "Run",
                 "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::%s",
                   "Parameters": {"StateMachineArn": "%s", "Input": {"from": "parent", "value.$": "$.value"}},
                   "End": true}}}""".formatted(resource, child);
    }

    @Test
    void startExecutionRequestResponseReturnsAtOnce() {
        String child = sfn.machine("child", CHILD);
        String arn = sfn.machine("parent-rr", parent("states:startExecution", child));
        DescribeExecutionResponse done = sfn.run(arn, "{\"value\": 3}", ExecutionStatus.SUCCEEDED);
        JsonNode out = json(done.output());
        String childArn = out.get("ExecutionArn").asString();
        assertThat(childArn).startsWith("arn:aws:states:us-east-1:123456789012:execution:"
                + child.substring(child.lastIndexOf(':') + 1) + ":");
        assertThat(out.has("StartDate")).isTrue();
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskSucceeded 4",
                "6 TaskStateExited 5",
                "7 ExecutionSucceeded 6");
        assertThat(events.get(2).taskScheduledEventDetails().resourceType()).isEqualTo("states");
        assertThat(events.get(2).taskScheduledEventDetails().resource()).isEqualTo("startExecution");
        DescribeExecutionResponse childDone = sfn.awaitClosed(childArn);
        assertThat(childDone.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(childDone.input())).isEqualTo(json("{\"from\": \"parent\", \"value\": 3}"));
        assertThat(json(childDone.output())).isEqualTo(json("{\"echo\": {\"from\": \"parent\", \"value\": 3}}"));
    }

    @Test
    void startExecutionSyncWaitsForTheChild() {
        String child = sfn.machine("child", CHILD);
        String arn = sfn.machine("parent-sync", parent("states:startExecution.sync", child));
        DescribeExecutionResponse done = sfn.run(arn, "{\"value\": 4}", ExecutionStatus.SUCCEEDED);
        JsonNode out = json(done.output());
        assertThat(out.get("Status").asString()).isEqualTo("SUCCEEDED");
        assertThat(out.get("StateMachineArn").asString()).isEqualTo(child);
        assertThat(out.get("Output").isString()).as(".sync returns the child's output as a JSON string").isTrue();
        assertThat(json(out.get("Output").asString())).isEqualTo(json("{\"echo\":{\"from\":\"parent\",\"value\":4}}"));
        assertThat(out.get("Input").isString()).isTrue();
        String childArn = out.get("ExecutionArn").asString();
        assertThat(sfn.describe(childArn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskSubmitted 4",
                "6 TaskSucceeded 5",
                "7 TaskStateExited 6",
                "8 ExecutionSucceeded 7");
        assertThat(events.get(2).taskScheduledEventDetails().resource()).isEqualTo("startExecution.sync");
        assertThat(json(events.get(4).taskSubmittedEventDetails().output()).get("ExecutionArn").asString())
                .isEqualTo(childArn);
    }

    @Test
    void startExecutionSync2ReturnsParsedOutputAndChildFailureFailsTheTask() {
        String child = sfn.machine("child", CHILD);
        String arn = sfn.machine("parent-sync2", parent("states:startExecution.sync:2", child));
        DescribeExecutionResponse done = sfn.run(arn, "{\"value\": 5}", ExecutionStatus.SUCCEEDED);
        JsonNode out = json(done.output());
        assertThat(out.get("Output")).as(".sync:2 returns parsed JSON")
                .isEqualTo(json("{\"echo\":{\"from\":\"parent\",\"value\":5}}"));
        assertThat(out.get("Input")).isEqualTo(json("{\"from\":\"parent\",\"value\":5}"));
        assertThat(sfn.history(done.executionArn()).get(2).taskScheduledEventDetails().resource())
                .isEqualTo("startExecution.sync:2");

        String failing = sfn.machine("child-fail", FAILING_CHILD);
        String parentArn = sfn.machine("parent-sync2-fail", parent("states:startExecution.sync:2", failing));
        DescribeExecutionResponse failed = sfn.run(parentArn, "{\"value\": 6}", ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = json(failed.cause());
        assertThat(cause.get("Status").asString()).isEqualTo("FAILED");
        assertThat(cause.get("Error").asString()).isEqualTo("Child.Error");
        assertThat(cause.get("Cause").asString()).isEqualTo("child says no");
        assertThat(Sfn.types(sfn.history(failed.executionArn()))).containsExactly("ExecutionStarted",
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskFailed", "ExecutionFailed");
    }

    @Test
    void stoppingTheParentAbortsItsSyncChild() {
        String child = sfn.machine("child-slow", """
                {"StartAt": "Hour", "States": {"Hour": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");
        String arn = sfn.machine("parent-stop", parent("states:startExecution.sync:2", child));
        String exec = sfn.start(arn, "{\"value\": 1}");
        HistoryEvent submitted = sfn.awaitEvent(exec, "TaskSubmitted");
        String childArn = json(submitted.taskSubmittedEventDetails().output()).get("ExecutionArn").asString();
        sfn.awaitEvent(childArn, "WaitStateEntered");
        sfn.client.stopExecution(b -> b.executionArn(exec));
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.ABORTED);
        DescribeExecutionResponse childDone = sfn.awaitClosed(childArn);
        assertThat(childDone.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(childDone.cause()).contains(exec);
        assertThat(last(sfn.history(childArn)).typeAsString()).isEqualTo("ExecutionAborted");
    }

    // ------------------------------------------------------------------ callbacks

    static final String CALLBACK = """
            {"StartAt": "Approve",
             "States": {
               "Approve": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                 "Parameters": {"StateMachineArn": "%s", "Input": {"token.$": "$$.Task.Token", "ask.$": "$.ask"}},
                 "ResultPath": "$.answer", "Next": "Done"},
               "Done": {"Type": "Succeed"}}}""";

    /** Starts a callback execution and returns {executionArn, token} once the task is waiting. */
    String[] startCallback(String arn, String ask) {
        String exec = sfn.start(arn, "{\"ask\": \"" + ask + "\"}");
        sfn.awaitEvent(exec, "TaskSubmitted");
        HistoryEvent scheduled = first(sfn.history(exec), "TaskScheduled");
        String token = json(scheduled.taskScheduledEventDetails().parameters()).get("Input").get("token").asString();
        assertThat(token).isNotBlank().hasSizeLessThanOrEqualTo(2048);
        return new String[] {exec, token};
    }

    @Test
    void waitForTaskTokenCompletesWithSendTaskSuccess() {
        String child = sfn.machine("approver", CHILD);
        String arn = sfn.machine("callback-ok", CALLBACK.formatted(child));
        String[] started = startCallback(arn, "may I?");
        String exec = started[0];
        String token = started[1];
        // The child received the token in its input.
        HistoryEvent submitted = first(sfn.history(exec), "TaskSubmitted");
        String childArn = json(submitted.taskSubmittedEventDetails().output()).get("ExecutionArn").asString();
        assertThat(json(sfn.awaitClosed(childArn).input()).get("token").asString()).isEqualTo(token);
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.RUNNING);

        sfn.client.sendTaskHeartbeat(b -> b.taskToken(token));
        sfn.client.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\": true}"));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"ask\":\"may I?\",\"answer\":{\"approved\":true}}");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskSubmitted 4",
                "6 TaskSucceeded 5",
                "7 TaskStateExited 6",
                "8 SucceedStateEntered 7",
                "9 SucceedStateExited 8",
                "10 ExecutionSucceeded 9");
        assertThat(events.get(2).taskScheduledEventDetails().resource()).isEqualTo("startExecution.waitForTaskToken");
        assertThat(events.get(5).taskSucceededEventDetails().output()).isEqualTo("{\"approved\":true}");

        assertThatThrownBy(() -> sfn.client.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .as("a second answer").isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.client.sendTaskHeartbeat(b -> b.taskToken(token)))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.client.sendTaskFailure(b -> b.taskToken(token)))
                .isInstanceOf(TaskTimedOutException.class);
        assertThat(sfn.history(exec)).hasSize(10);
    }

    @Test
    void waitForTaskTokenFailsWithSendTaskFailure() {
        String child = sfn.machine("approver", CHILD);
        String arn = sfn.machine("callback-fail", CALLBACK.formatted(child));
        String[] started = startCallback(arn, "please");
        String token = started[1];
        assertThatThrownBy(() -> sfn.client.sendTaskSuccess(b -> b.taskToken(token).output("not json")))
                .isInstanceOf(InvalidOutputException.class);
        assertThatThrownBy(() -> sfn.client.sendTaskSuccess(b -> b.taskToken("not-a-real-token").output("{}")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid Token: 'Invalid token'");
        sfn.client.sendTaskFailure(b -> b.taskToken(token).error("Human.Rejected").cause("not today"));
        DescribeExecutionResponse done = sfn.awaitClosed(started[0]);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Human.Rejected");
        assertThat(done.cause()).isEqualTo("not today");
        List<HistoryEvent> events = sfn.history(started[0]);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskSubmitted 4",
                "6 TaskFailed 5",
                "7 ExecutionFailed 6");
        var failed = events.get(5).taskFailedEventDetails();
        assertThat(failed.error()).isEqualTo("Human.Rejected");
        assertThat(failed.cause()).isEqualTo("not today");
        assertThat(failed.resourceType()).isEqualTo("states");
        assertThat(failed.resource()).isEqualTo("startExecution.waitForTaskToken");
        assertThatThrownBy(() -> sfn.client.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void stoppingAnExecutionInvalidatesItsToken() {
        String child = sfn.machine("approver", CHILD);
        String arn = sfn.machine("callback-stop", CALLBACK.formatted(child));
        String[] started = startCallback(arn, "stop me");
        sfn.client.stopExecution(b -> b.executionArn(started[0]));
        assertThat(sfn.describe(started[0]).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThatThrownBy(() -> sfn.client.sendTaskSuccess(b -> b.taskToken(started[1]).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
        assertThat(last(sfn.history(started[0])).typeAsString()).isEqualTo("ExecutionAborted");
    }
}
