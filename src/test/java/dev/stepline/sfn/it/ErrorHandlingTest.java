package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.first;
import static dev.stepline.sfn.it.Sfn.last;
import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Retry with back-off (advanced on the engine clock), Catch, and uncaught task errors (spec §5.3 C, §6.11). */
class ErrorHandlingTest {
    static final String MOCKS = """
            {"StateMachines": {
               "retry-catch": {"TestCases": {
                  "AlwaysFails": {"Call": "Throws"},
                  "SecondTimeLucky": {"Call": "FailThenSucceed"}}},
               "retry-uncaught": {"TestCases": {"AlwaysFails": {"Call": "Throws"}}},
               "catch-order": {"TestCases": {"Custom": {"Call": "ThrowsCustom"}}}},
             "MockedResponses": {
               "Throws": {"0-9": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "boom"}}},
               "ThrowsCustom": {"0": {"Throw": {"Error": "Custom.Error", "Cause": "custom"}}},
               "FailThenSucceed": {
                  "0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
                  "1": {"Return": {"StatusCode": 200, "Payload": {"answer": 42, "extra": "x"}}}}}}""";

    static final String RETRY_CATCH = """
            {"StartAt": "Call",
             "States": {
               "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "InputPath": "$.request",
                 "Parameters": {"FunctionName": "worker", "Payload": {"id.$": "$.id", "retry.$": "$$.State.RetryCount"}},
                 "ResultSelector": {"answer.$": "$.Payload.answer"},
                 "ResultPath": "$.result",
                 "OutputPath": "$.result",
                 "Retry": [
                   {"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2},
                   {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "MaxAttempts": 1}],
                 "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recovered"}],
                 "Next": "Done"},
               "Recovered": {"Type": "Pass", "End": true},
               "Done": {"Type": "Succeed"}}}""";

    @TempDir
    static Path dir;
    static TestServer server;
    static Sfn sfn;

    @BeforeAll
    static void start() {
        server = Sfn.withMocks(dir, MOCKS, null);
        sfn = new Sfn(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void retriesWithExponentialBackOffThenCatches() {
        String arn = sfn.machineNamed("retry-catch", RETRY_CATCH);
        String exec = sfn.start(arn + "#AlwaysFails", "{\"request\": {\"id\": 7}}");
        sfn.awaitEvents(exec, "TaskFailed", 1);
        sfn.advance(Duration.ofSeconds(2));
        sfn.awaitEvents(exec, "TaskFailed", 2);
        sfn.advance(Duration.ofSeconds(4));
        sfn.awaitEvents(exec, "TaskFailed", 3);
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.RUNNING);
        sfn.advance(Duration.ofSeconds(8));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(
                "{\"request\":{\"id\":7},\"error\":{\"Error\":\"Lambda.ServiceException\",\"Cause\":\"boom\"}}");

        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskFailed 4",
                "6 TaskScheduled 5",
                "7 TaskStarted 6",
                "8 TaskFailed 7",
                "9 TaskScheduled 8",
                "10 TaskStarted 9",
                "11 TaskFailed 10",
                "12 TaskScheduled 11",
                "13 TaskStarted 12",
                "14 TaskFailed 13",
                "15 TaskStateExited 14",
                "16 PassStateEntered 15",
                "17 PassStateExited 16",
                "18 ExecutionSucceeded 17");
        for (int attempt = 0; attempt < 4; attempt++) {
            HistoryEvent scheduled = events.get(2 + attempt * 3);
            assertThat(scheduled.taskScheduledEventDetails().resourceType()).isEqualTo("lambda");
            assertThat(scheduled.taskScheduledEventDetails().resource()).isEqualTo("invoke");
            assertThat(scheduled.taskScheduledEventDetails().region()).isEqualTo("us-east-1");
            assertThat(scheduled.taskScheduledEventDetails().parameters()).as("$$.State.RetryCount on attempt %d", attempt)
                    .isEqualTo("{\"FunctionName\":\"worker\",\"Payload\":{\"id\":7,\"retry\":" + attempt + "}}");
            HistoryEvent failed = events.get(4 + attempt * 3);
            assertThat(failed.taskFailedEventDetails().error()).isEqualTo("Lambda.ServiceException");
            assertThat(failed.taskFailedEventDetails().cause()).isEqualTo("boom");
            assertThat(failed.taskFailedEventDetails().resourceType()).isEqualTo("lambda");
            assertThat(failed.taskFailedEventDetails().resource()).isEqualTo("invoke");
        }
        // Back-off 2 s, 4 s, 8 s on the engine clock between a failure and the next attempt.
        long[] delays = {2, 4, 8};
        for (int retry = 0; retry < 3; retry++) {
            HistoryEvent failed = events.get(4 + retry * 3);
            HistoryEvent next = events.get(5 + retry * 3);
            assertThat(Duration.between(failed.timestamp(), next.timestamp()))
                    .as("delay before retry %d", retry + 1).isGreaterThanOrEqualTo(Duration.ofSeconds(delays[retry]));
        }
        assertThat(events.get(14).stateExitedEventDetails().output()).isEqualTo(done.output());
        assertThat(events.get(15).stateEnteredEventDetails().name()).isEqualTo("Recovered");
    }

    @Test
    void retrySucceedsAndTheTaskDataFlowApplies() {
        String arn = sfn.machineNamed("retry-catch", RETRY_CATCH); // idempotent create
        String exec = sfn.start(arn + "#SecondTimeLucky", "{\"request\": {\"id\": 8}, \"other\": true}");
        sfn.awaitEvents(exec, "TaskFailed", 1);
        sfn.advance(Duration.ofSeconds(5)); // the States.ALL retrier's interval
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"answer\":42}");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskFailed 4",
                "6 TaskScheduled 5",
                "7 TaskStarted 6",
                "8 TaskSucceeded 7",
                "9 TaskStateExited 8",
                "10 SucceedStateEntered 9",
                "11 SucceedStateExited 10",
                "12 ExecutionSucceeded 11");
        assertThat(events.get(4).taskFailedEventDetails().error()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(events.get(7).taskSucceededEventDetails().output())
                .isEqualTo("{\"StatusCode\":200,\"Payload\":{\"answer\":42,\"extra\":\"x\"}}");
        assertThat(events.get(8).stateExitedEventDetails().output()).isEqualTo("{\"answer\":42}");
        assertThat(Duration.between(events.get(4).timestamp(), events.get(5).timestamp()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void uncaughtTaskFailureEndsTheExecutionAfterTheLastAttempt() {
        String arn = sfn.machineNamed("retry-uncaught", """
                {"StartAt": "Call",
                 "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "worker"},
                   "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 3, "MaxAttempts": 1}],
                   "End": true}}}""");
        String exec = sfn.start(arn + "#AlwaysFails", "{}");
        sfn.awaitEvents(exec, "TaskFailed", 1);
        sfn.advance(Duration.ofSeconds(3));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Lambda.ServiceException");
        assertThat(done.cause()).isEqualTo("boom");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskFailed 4",
                "6 TaskScheduled 5",
                "7 TaskStarted 6",
                "8 TaskFailed 7",
                "9 ExecutionFailed 8");
        assertThat(last(events).executionFailedEventDetails().error()).isEqualTo("Lambda.ServiceException");
        assertThat(last(events).executionFailedEventDetails().cause()).isEqualTo("boom");
    }

    @Test
    void theFirstMatchingCatcherWins() {
        String arn = sfn.machineNamed("catch-order", """
                {"StartAt": "Call",
                 "States": {
                   "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Parameters": {"FunctionName": "worker"},
                     "Retry": [{"ErrorEquals": ["Other.Error"], "MaxAttempts": 5}],
                     "Catch": [
                       {"ErrorEquals": ["Other.Error"], "Next": "Wrong"},
                       {"ErrorEquals": ["Custom.Error", "Another.Error"], "ResultPath": null, "Next": "Right"},
                       {"ErrorEquals": ["States.ALL"], "Next": "Wrong"}],
                     "End": true},
                   "Wrong": {"Type": "Fail", "Error": "Wrong"},
                   "Right": {"Type": "Pass", "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn + "#Custom", "{\"keep\": 1}", ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).as("ResultPath null keeps the input").isEqualTo("{\"keep\":1}");
        List<HistoryEvent> events = sfn.history(done.executionArn());
        assertThat(Sfn.types(events)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskFailed", "TaskStateExited", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded");
        assertThat(first(events, "PassStateEntered").stateEnteredEventDetails().name()).isEqualTo("Right");
    }

    @Test
    void parallelIsRetriedAsAWholeThenCaught() {
        String arn = sfn.machine("parallel-retry", """
                {"StartAt": "Fork",
                 "States": {
                   "Fork": {"Type": "Parallel", "End": true,
                     "Retry": [{"ErrorEquals": ["Branch.Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
                     "Branches": [{"StartAt": "Flaky", "States": {
                        "Flaky": {"Type": "Fail", "Error": "Branch.Flaky", "Cause": "again"}}}]},
                   "Caught": {"Type": "Pass", "End": true}}}""");
        String exec = sfn.start(arn, "{}");
        sfn.awaitEvents(exec, "ParallelStateFailed", 1);
        sfn.advance(Duration.ofSeconds(1));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"Error\":\"Branch.Flaky\",\"Cause\":\"again\"}");
        List<HistoryEvent> events = sfn.history(exec);
        Sfn.assertGapless(events);
        assertThat(Sfn.types(events).stream().filter(t -> t.equals("ParallelStateEntered"))).hasSize(1);
        assertThat(Sfn.types(events).stream().filter(t -> t.equals("ParallelStateStarted"))).hasSize(2);
        assertThat(Sfn.types(events).stream().filter(t -> t.equals("FailStateEntered"))).hasSize(2);
        HistoryEvent exited = first(events, "ParallelStateExited");
        assertThat(events.get(exited.previousEventId().intValue() - 1).typeAsString()).isEqualTo("ParallelStateFailed");
    }
}
