package dev.stepline.sfn.it;

import static dev.stepline.sfn.it.Sfn.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Executions waiting on time or on a worker survive a server restart and finish with gapless histories. */
class DurabilityTest {

    @Test
    void waitingExecutionsResumeAfterARestart() throws Exception {
        try (TestServer server = TestServer.embedded()) {
            Sfn sfn = new Sfn(server);
            String activity = sfn.client.createActivity(b -> b.name("durable-worker")).activityArn();
            String waits = sfn.machine("durable-wait", """
                    {"StartAt": "Before", "States": {
                      "Before": {"Type": "Pass", "Result": {"phase": "before"}, "ResultPath": "$.p", "Next": "Sleep"},
                      "Sleep": {"Type": "Wait", "Seconds": 600, "Next": "After"},
                      "After": {"Type": "Pass", "Result": "after", "ResultPath": "$.q", "End": true}}}""");
            String works = sfn.machine("durable-activity", """
                    {"StartAt": "Work", "States": {
                      "Work": {"Type": "Task", "Resource": "%s", "HeartbeatSeconds": 3600, "Next": "Done"},
                      "Done": {"Type": "Succeed"}}}""".formatted(activity));

            String sleeping = sfn.start(waits, "sleeping", "{\"n\": 1}");
            sfn.awaitEvent(sleeping, "WaitStateEntered");
            String claimed = sfn.start(works, "claimed", "{\"job\": \"claimed\"}");
            sfn.awaitEvent(claimed, "ActivityScheduled");
            GetActivityTaskResponse task = sfn.client.getActivityTask(b -> b.activityArn(activity).workerName("w1"));
            assertThat(task.input()).isEqualTo("{\"job\":\"claimed\"}");
            sfn.awaitEvent(claimed, "ActivityStarted");
            String unclaimed = sfn.start(works, "unclaimed", "{\"job\": \"unclaimed\"}");
            sfn.awaitEvent(unclaimed, "ActivityScheduled");
            sfn.advance(Duration.ofSeconds(100));

            server.restart();
            Sfn after = new Sfn(server);

            for (String exec : List.of(sleeping, claimed, unclaimed)) {
                assertThat(after.describe(exec).status()).isEqualTo(ExecutionStatus.RUNNING);
            }
            // The same token still answers the claimed task; the unclaimed one is still queued.
            after.client.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"r\": 1}"));
            GetActivityTaskResponse queued = after.client.getActivityTask(b -> b.activityArn(activity).workerName("w2"));
            assertThat(queued.input()).isEqualTo("{\"job\":\"unclaimed\"}");
            after.client.sendTaskSuccess(b -> b.taskToken(queued.taskToken()).output("{\"r\": 2}"));
            // 100 s of the 600 s wait went by before the restart; the rest is still owed.
            after.advance(Duration.ofSeconds(500));

            DescribeExecutionResponse slept = after.awaitClosed(sleeping);
            assertThat(slept.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(slept.output()).isEqualTo("{\"n\":1,\"p\":{\"phase\":\"before\"},\"q\":\"after\"}");
            List<HistoryEvent> sleptEvents = after.history(sleeping);
            assertThat(shape(sleptEvents)).containsExactly(
                    "1 ExecutionStarted 0",
                    "2 PassStateEntered 0",
                    "3 PassStateExited 2",
                    "4 WaitStateEntered 3",
                    "5 WaitStateExited 4",
                    "6 PassStateEntered 5",
                    "7 PassStateExited 6",
                    "8 ExecutionSucceeded 7");
            assertThat(Duration.between(sleptEvents.get(3).timestamp(), sleptEvents.get(4).timestamp()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(600));

            DescribeExecutionResponse worked = after.awaitClosed(claimed);
            assertThat(worked.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(worked.output()).isEqualTo("{\"r\":1}");
            List<HistoryEvent> workedEvents = after.history(claimed);
            assertThat(shape(workedEvents)).containsExactly(
                    "1 ExecutionStarted 0",
                    "2 TaskStateEntered 0",
                    "3 ActivityScheduled 2",
                    "4 ActivityStarted 3",
                    "5 ActivitySucceeded 4",
                    "6 TaskStateExited 5",
                    "7 SucceedStateEntered 6",
                    "8 SucceedStateExited 7",
                    "9 ExecutionSucceeded 8");
            assertThat(workedEvents.get(3).activityStartedEventDetails().workerName()).isEqualTo("w1");

            DescribeExecutionResponse late = after.awaitClosed(unclaimed);
            assertThat(late.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<HistoryEvent> lateEvents = after.history(unclaimed);
            Sfn.assertGapless(lateEvents);
            assertThat(lateEvents.get(3).activityStartedEventDetails().workerName()).isEqualTo("w2");
            assertThat(after.client.listExecutions(b -> b.stateMachineArn(works)).executions())
                    .allMatch(e -> e.status() == ExecutionStatus.SUCCEEDED).hasSize(2);
        }
    }
}
