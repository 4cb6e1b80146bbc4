package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.last;
import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.RawHttp;
import dev.stepline.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Wait states, execution and task timeouts, all finished by advancing the engine clock (virtual time). */
class TimeControlTest {
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

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    @Test
    void everyWaitFormEndsWhenTheClockIsAdvanced() {
        Instant now = server.server().clock().instant();
        String literal = iso(now.plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String fromInput = iso(now.plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String arn = sfn.machine("waits", """
                {"StartAt": "Fixed",
                 "States": {
                   "Fixed": {"Type": "Wait", "Seconds": 10, "Next": "FromPath"},
                   "FromPath": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "Until"},
                   "Until": {"Type": "Wait", "Timestamp": "%s", "Next": "UntilPath"},
                   "UntilPath": {"Type": "Wait", "TimestampPath": "$.at", "Next": "Past"},
                   "Past": {"Type": "Wait", "Timestamp": "2001-01-01T00:00:00Z", "End": true}}}""".formatted(literal));
        String exec = sfn.start(arn, "{\"delay\": 120, \"at\": \"" + fromInput + "\"}");

        sfn.awaitEvent(exec, "WaitStateEntered");
        sfn.advance(Duration.ofSeconds(10));
        sfn.awaitEvents(exec, "WaitStateEntered", 2);
        sfn.advance(Duration.ofSeconds(120));
        sfn.awaitEvents(exec, "WaitStateEntered", 3);
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.RUNNING);
        sfn.advance(Duration.ofDays(1));
        sfn.awaitEvents(exec, "WaitStateEntered", 4);
        // The HTTP form of the same control.
        HttpResponse<String> advanced = RawHttp.send(server.endpoint(), "POST", "/_stepline/clock/advance",
                "{\"seconds\": 86400}", "Content-Type", "application/json");
        assertThat(advanced.statusCode()).isEqualTo(200);
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"delay\":120,\"at\":\"" + fromInput + "\"}");

        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 WaitStateEntered 0",
                "3 WaitStateExited 2",
                "4 WaitStateEntered 3",
                "5 WaitStateExited 4",
                "6 WaitStateEntered 5",
                "7 WaitStateExited 6",
                "8 WaitStateEntered 7",
                "9 WaitStateExited 8",
                "10 WaitStateEntered 9",
                "11 WaitStateExited 10",
                "12 ExecutionSucceeded 11");
        assertThat(events.get(3).stateEnteredEventDetails().name()).isEqualTo("FromPath");
        // Each wait exits once its time has come on the engine clock.
        assertThat(Duration.between(events.get(1).timestamp(), events.get(2).timestamp())).isGreaterThanOrEqualTo(
                Duration.ofSeconds(10));
        assertThat(Duration.between(events.get(3).timestamp(), events.get(4).timestamp())).isGreaterThanOrEqualTo(
                Duration.ofSeconds(120));
        assertThat(events.get(6).timestamp()).isAfterOrEqualTo(Instant.parse(literal));
        assertThat(events.get(8).timestamp()).isAfterOrEqualTo(Instant.parse(fromInput));
    }

    @Test
    void badWaitPathValueFailsWithStatesRuntime() {
        String arn = sfn.machine("wait-bad", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}""");
        DescribeExecutionResponse done = sfn.run(arn, "{\"s\": -1}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Runtime");
        assertThat(done.cause()).isEqualTo("An error occurred while executing the state 'W' (entered at the event id #2)."
                + " The SecondsPath parameter references a negative value: $.s == -1");
        assertThat(shape(sfn.history(done.executionArn()))).containsExactly(
                "1 ExecutionStarted 0", "2 WaitStateEntered 0", "3 ExecutionFailed 2");
    }

    @Test
    void executionTimeoutSecondsEndsTheExecutionTimedOut() {
        String arn = sfn.machine("exec-timeout", """
                {"TimeoutSeconds": 60, "StartAt": "Long",
                 "States": {"Long": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");
        String exec = sfn.start(arn, "{}");
        sfn.awaitEvent(exec, "WaitStateEntered");
        sfn.advance(Duration.ofSeconds(61));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(done.error()).as("TIMED_OUT by TimeoutSeconds shows no error (spec §4.3)").isNull();
        assertThat(done.cause()).isNull();
        assertThat(done.output()).isNull();
        assertThat(done.redriveStatusAsString()).isEqualTo("REDRIVABLE");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(Sfn.types(events)).containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut");
        Sfn.assertGapless(events);
        assertThat(last(events).executionTimedOutEventDetails()).isNotNull();

        // Once closed, later time changes nothing.
        sfn.advance(Duration.ofHours(2));
        assertThat(sfn.history(exec)).hasSize(3);
        assertThat(sfn.describe(exec).status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    }

    static final String CHILD = """
            {"StartAt": "Noop", "States": {"Noop": {"Type": "Pass", "End": true}}}""";

    @Test
    void callbackTaskNeverAnsweredTimesOutAndIsCaught() {
        String child = sfn.machine("cb-child", CHILD);
        String arn = sfn.machine("cb-timeout", """
                {"StartAt": "Callback",
                 "States": {
                   "Callback": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                     "Parameters": {"StateMachineArn": "%s", "Input": {"token.$": "$$.Task.Token"}},
                     "TimeoutSeconds": 30,
                     "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.err", "Next": "Caught"}],
                     "End": true},
                   "Caught": {"Type": "Pass", "End": true}}}""".formatted(child));
        String exec = sfn.start(arn, "{\"x\": 1}");
        sfn.awaitEvent(exec, "TaskSubmitted");
        sfn.advance(Duration.ofSeconds(31));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"x\":1,\"err\":{\"Error\":\"States.Timeout\",\"Cause\":\"\"}}");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskSubmitted 4",
                "6 TaskTimedOut 5",
                "7 TaskStateExited 6",
                "8 PassStateEntered 7",
                "9 PassStateExited 8",
                "10 ExecutionSucceeded 9");
        HistoryEvent scheduled = events.get(2);
        assertThat(scheduled.taskScheduledEventDetails().resourceType()).isEqualTo("states");
        assertThat(scheduled.taskScheduledEventDetails().resource()).isEqualTo("startExecution.waitForTaskToken");
        assertThat(scheduled.taskScheduledEventDetails().timeoutInSeconds()).isEqualTo(30L);
        assertThat(scheduled.taskScheduledEventDetails().heartbeatInSeconds()).isNull();
        HistoryEvent timedOut = events.get(5);
        assertThat(timedOut.taskTimedOutEventDetails().error()).isEqualTo("States.Timeout");
        assertThat(timedOut.taskTimedOutEventDetails().resourceType()).isEqualTo("states");
        assertThat(timedOut.taskTimedOutEventDetails().resource()).isEqualTo("startExecution.waitForTaskToken");
    }

    @Test
    void callbackTaskTimeoutWithoutCatchFailsTheExecution() {
        String child = sfn.machine("cb-child", CHILD);
        String arn = sfn.machine("cb-timeout-uncaught", """
                {"StartAt": "Callback",
                 "States": {
                   "Callback": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                     "Parameters": {"StateMachineArn": "%s", "Input": {"token.$": "$$.Task.Token"}},
                     "TimeoutSeconds": 5, "End": true}}}""".formatted(child));
        String exec = sfn.start(arn, "{}");
        sfn.awaitEvent(exec, "TaskSubmitted");
        sfn.advance(Duration.ofSeconds(6));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Timeout");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 TaskScheduled 2",
                "4 TaskStarted 3",
                "5 TaskSubmitted 4",
                "6 TaskTimedOut 5",
                "7 ExecutionFailed 6");
    }
}
