package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.last;
import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Activity workers: GetActivityTask, heartbeats, SendTaskSuccess/Failure, heartbeat expiry (spec §4.10, §5.3 A). */
class ActivityTest {
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

    static String activity() {
        return sfn.client.createActivity(b -> b.name(Sfn.unique("worker"))).activityArn();
    }

    static String machine(String activityArn) {
        return sfn.machine("activity", """
                {"StartAt": "Work",
                 "States": {"Work": {"Type": "Task", "Resource": "%s",
                   "Parameters": {"job.$": "$.job"}, "TimeoutSeconds": 100, "HeartbeatSeconds": 10,
                   "ResultPath": "$.result", "End": true}}}""".formatted(activityArn));
    }

    /** Polls only once the task is scheduled, so the long poll returns at once. */
    static GetActivityTaskResponse claim(String exec, String activityArn, String worker) {
        sfn.awaitEvent(exec, "ActivityScheduled");
        GetActivityTaskResponse task = sfn.client.getActivityTask(b -> b.activityArn(activityArn).workerName(worker));
        assertThat(task.taskToken()).isNotBlank();
        return task;
    }

    @Test
    void workerCompletesTheTask() {
        String activity = activity();
        String arn = machine(activity);
        String exec = sfn.start(arn, "{\"job\": \"resize\"}");
        GetActivityTaskResponse task = claim(exec, activity, "worker-1");
        assertThat(task.input()).isEqualTo("{\"job\":\"resize\"}");
        sfn.awaitEvent(exec, "ActivityStarted");
        sfn.client.sendTaskHeartbeat(b -> b.taskToken(task.taskToken()));
        sfn.client.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"done\": true}"));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"job\":\"resize\",\"result\":{\"done\":true}}");

        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 ActivityScheduled 2",
                "4 ActivityStarted 3",
                "5 ActivitySucceeded 4",
                "6 TaskStateExited 5",
                "7 ExecutionSucceeded 6");
        var scheduled = events.get(2).activityScheduledEventDetails();
        assertThat(scheduled.resource()).isEqualTo(activity);
        assertThat(scheduled.input()).isEqualTo("{\"job\":\"resize\"}");
        assertThat(scheduled.timeoutInSeconds()).isEqualTo(100L);
        assertThat(scheduled.heartbeatInSeconds()).isEqualTo(10L);
        assertThat(events.get(3).activityStartedEventDetails().workerName()).isEqualTo("worker-1");
        assertThat(events.get(4).activitySucceededEventDetails().output()).isEqualTo("{\"done\":true}");

        assertThatThrownBy(() -> sfn.client.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}")))
                .as("a second SendTaskSuccess").isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.client.sendTaskHeartbeat(b -> b.taskToken(task.taskToken())))
                .isInstanceOf(TaskTimedOutException.class);
        assertThat(sfn.history(exec)).hasSize(7);
    }

    @Test
    void workerFailsTheTask() {
        String activity = activity();
        String arn = machine(activity);
        String exec = sfn.start(arn, "{\"job\": \"x\"}");
        GetActivityTaskResponse task = claim(exec, activity, "worker-2");
        sfn.client.sendTaskFailure(b -> b.taskToken(task.taskToken()).error("Worker.Crashed").cause("disk full"));
        DescribeExecutionResponse done = sfn.awaitClosed(exec);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Worker.Crashed");
        assertThat(done.cause()).isEqualTo("disk full");
        List<HistoryEvent> events = sfn.history(exec);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 ActivityScheduled 2",
                "4 ActivityStarted 3",
                "5 ActivityFailed 4",
                "6 ExecutionFailed 5");
        assertThat(events.get(4).activityFailedEventDetails().error()).isEqualTo("Worker.Crashed");
        assertThat(events.get(4).activityFailedEventDetails().cause()).isEqualTo("disk full");
        assertThat(last(events).executionFailedEventDetails().error()).isEqualTo("Worker.Crashed");
        assertThatThrownBy(() -> sfn.client.sendTaskFailure(b -> b.taskToken(task.taskToken())))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void unknownActivitiesAndTokensAreRejected() {
        String missing = "arn:aws:states:us-east-1:123456789012:activity:nobody-home";
        assertThatThrownBy(() -> sfn.client.getActivityTask(b -> b.activityArn(missing)))
                .isInstanceOf(ActivityDoesNotExistException.class)
                .hasMessageStartingWith("Activity Does Not Exist: '" + missing + "'");
        assertThatThrownBy(() -> sfn.client.getActivityTask(b -> b.activityArn("nope")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.client.sendTaskSuccess(b -> b.taskToken("forged").output("{}")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid Token: 'Invalid token'");
        assertThatThrownBy(() -> sfn.client.sendTaskHeartbeat(b -> b.taskToken("forged")))
                .isInstanceOf(InvalidTokenException.class);

        // A Task naming an activity that does not exist fails with States.Runtime, no ActivityScheduled.
        String arn = sfn.machine("activity-missing", """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(missing));
        DescribeExecutionResponse done = sfn.run(arn, "{}", ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Runtime");
        assertThat(done.cause()).isEqualTo("An error occurred while executing the state 'Work' (entered at the event id #2)."
                + " The activity " + missing + " does not exist.");
        assertThat(shape(sfn.history(done.executionArn()))).containsExactly(
                "1 ExecutionStarted 0", "2 TaskStateEntered 0", "3 ExecutionFailed 2");
    }

    @Test
    void heartbeatsKeepTheTaskAliveAndTheirAbsenceTimesItOut() {
        String activity = activity();
        String arn = machine(activity);

        // Kept alive: a heartbeat at +5 s moves the deadline to +15 s, so +11 s is still fine.
        String alive = sfn.start(arn, "{\"job\": \"a\"}");
        GetActivityTaskResponse aliveTask = claim(alive, activity, "w");
        sfn.awaitEvent(alive, "ActivityStarted");
        sfn.advance(Duration.ofSeconds(5));
        sfn.client.sendTaskHeartbeat(b -> b.taskToken(aliveTask.taskToken()));
        sfn.advance(Duration.ofSeconds(6));
        sfn.client.sendTaskSuccess(b -> b.taskToken(aliveTask.taskToken()).output("\"ok\""));
        assertThat(sfn.awaitClosed(alive).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        // No heartbeat: ActivityTimedOut with States.HeartbeatTimeout.
        String silent = sfn.start(arn, "{\"job\": \"b\"}");
        GetActivityTaskResponse silentTask = claim(silent, activity, "w");
        sfn.awaitEvent(silent, "ActivityStarted");
        sfn.advance(Duration.ofSeconds(11));
        DescribeExecutionResponse done = sfn.awaitClosed(silent);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.HeartbeatTimeout");
        List<HistoryEvent> events = sfn.history(silent);
        assertThat(shape(events)).containsExactly(
                "1 ExecutionStarted 0",
                "2 TaskStateEntered 0",
                "3 ActivityScheduled 2",
                "4 ActivityStarted 3",
                "5 ActivityTimedOut 4",
                "6 ExecutionFailed 5");
        assertThat(events.get(4).activityTimedOutEventDetails().error()).isEqualTo("States.HeartbeatTimeout");
        assertThatThrownBy(() -> sfn.client.sendTaskSuccess(b -> b.taskToken(silentTask.taskToken()).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void tasksAreHandedOutOncePerScheduleInOrder() {
        String activity = activity();
        String arn = machine(activity);
        String first = sfn.start(arn, "{\"job\": 1}");
        sfn.awaitEvent(first, "ActivityScheduled");
        String second = sfn.start(arn, "{\"job\": 2}");
        sfn.awaitEvent(second, "ActivityScheduled");
        GetActivityTaskResponse a = sfn.client.getActivityTask(b -> b.activityArn(activity));
        GetActivityTaskResponse b2 = sfn.client.getActivityTask(b -> b.activityArn(activity));
        assertThat(a.input()).isEqualTo("{\"job\":1}");
        assertThat(b2.input()).isEqualTo("{\"job\":2}");
        assertThat(a.taskToken()).isNotEqualTo(b2.taskToken());
        HistoryEvent started = sfn.awaitEvent(first, "ActivityStarted");
        assertThat(started.activityStartedEventDetails().workerName()).as("omitted when not supplied").isNull();
        sfn.client.sendTaskSuccess(b -> b.taskToken(b2.taskToken()).output("2"));
        sfn.client.sendTaskSuccess(b -> b.taskToken(a.taskToken()).output("1"));
        assertThat(sfn.awaitClosed(first).output()).isEqualTo("{\"job\":1,\"result\":1}");
        assertThat(sfn.awaitClosed(second).output()).isEqualTo("{\"job\":2,\"result\":2}");
    }
}
