package dev.stepline.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/**
 * Durability (issue 3 §4): a real SIGKILL of a separate server process with executions in flight —
 * waiting, retrying, inside Map and Parallel, on activities, and in the middle of running. After a
 * restart on the same data directory every execution continues from where it was, histories have
 * no gap and no duplicate, and task tokens handed out before the crash still work.
 */
class KillNineTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/crash";

    @TempDir
    Path dir;

    @Test
    void everyExecutionContinuesAfterAKill() throws Exception {
        Path data = dir.resolve("data");
        Path mocks = dir.resolve("mocks.json");
        Files.writeString(mocks, """
                {"StateMachines": {"retrying": {"TestCases": {"FailOnce": {"Call": "FailThenSucceed"}}}},
                 "MockedResponses": {"FailThenSucceed": {
                    "0": {"Throw": {"Error": "Boom", "Cause": "first attempt"}},
                    "1": {"Return": {"StatusCode": 200, "Payload": {"ok": true}}}}}}""");
        String[] args = {"--sfn-mock-config", mocks.toString()};
        List<String> executions = new ArrayList<>();
        String activityToken;
        try (ServerProcess server = new ServerProcess(data, args).start(); SfnClient sfn = server.sfn()) {
            String activity = sfn.createActivity(b -> b.name("crash-worker")).activityArn();
            String waiting = machine(sfn, "waiting", """
                    {"StartAt": "W", "States": {
                      "W": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
                      "Done": {"Type": "Pass", "Result": "waited", "End": true}}}""");
            String retrying = machine(sfn, "retrying", """
                    {"StartAt": "Call", "States": {
                      "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                               "Parameters": {"FunctionName": "f"},
                               "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 3600, "MaxAttempts": 2}],
                               "ResultSelector": {"ok.$": "$.Payload.ok"}, "End": true}}}""");
            String mapping = machine(sfn, "mapping", """
                    {"StartAt": "M", "States": {
                      "M": {"Type": "Map", "MaxConcurrency": 2, "ItemsPath": "$.items",
                            "ItemProcessor": {"StartAt": "Sleep", "States": {
                              "Sleep": {"Type": "Wait", "Seconds": 600, "Next": "Echo"},
                              "Echo": {"Type": "Pass", "End": true}}},
                            "End": true}}}""");
            String parallel = machine(sfn, "parallel", """
                    {"StartAt": "P", "States": {
                      "P": {"Type": "Parallel", "End": true, "Branches": [
                        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}},
                        {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 60, "End": true}}}]}}}"""
                    .formatted(activity));
            String chain = machine(sfn, "chain", """
                    {"StartAt": "A", "States": {
                      "A": {"Type": "Pass", "Next": "B"},
                      "B": {"Type": "Wait", "Seconds": 1, "Next": "C"},
                      "C": {"Type": "Pass", "Next": "D"},
                      "D": {"Type": "Pass", "End": true}}}""");

            executions.add(start(sfn, waiting, "{}"));
            executions.add(start(sfn, retrying + "#FailOnce", "{}"));
            executions.add(start(sfn, mapping, "{\"items\": [1, 2, 3, 4, 5]}"));
            executions.add(start(sfn, parallel, "{\"job\": 42}"));
            GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activity).workerName("before-crash"));
            assertThat(task.taskToken()).isNotNull();
            activityToken = task.taskToken();
            // Wait until the first attempt of the retrying task failed (it is now in back-off).
            await().atMost(Duration.ofSeconds(20)).until(() -> Histories.types(sfn, executions.get(1)).contains("TaskFailed"));
            // Many executions mid-run: some will be cut off between two transitions.
            for (int i = 0; i < 200; i++) {
                executions.add(start(sfn, chain, "{\"n\": " + i + "}"));
            }
            server.kill();
        }

        try (ServerProcess server = new ServerProcess(data, args).start(); SfnClient sfn = server.sfn()) {
            sfn.sendTaskSuccess(b -> b.taskToken(activityToken).output("{\"worked\": true}"));
            for (int i = 0; i < 4; i++) {
                server.advance(Duration.ofHours(2));
                Thread.sleep(200);
            }
            for (String arn : executions) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                        assertThat(sfn.describeExecution(b -> b.executionArn(arn)).status())
                                .as(arn).isEqualTo(ExecutionStatus.SUCCEEDED));
                Histories.assertGapless(sfn, arn);
            }
            assertThat(sfn.describeExecution(b -> b.executionArn(executions.get(0))).output()).isEqualTo("\"waited\"");
            assertThat(sfn.describeExecution(b -> b.executionArn(executions.get(1))).output()).isEqualTo("{\"ok\":true}");
            assertThat(sfn.describeExecution(b -> b.executionArn(executions.get(2))).output()).isEqualTo("[1,2,3,4,5]");
            assertThat(sfn.describeExecution(b -> b.executionArn(executions.get(3))).output())
                    .isEqualTo("[{\"worked\":true},{\"job\":42}]");
            // The retried task: one failure before the crash, one success after it, nothing repeated.
            assertThat(Histories.types(sfn, executions.get(1))).containsExactly("ExecutionStarted", "TaskStateEntered",
                    "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                    "TaskStateExited", "ExecutionSucceeded");
        }
    }

    /**
     * A Distributed Map killed while its children run: after the restart the Map Run finishes, every
     * item was processed by exactly one child execution and counted once, and the results keep item order.
     */
    @Test
    void aDistributedMapRunFinishesAfterAKill() throws Exception {
        Path data = dir.resolve("data");
        int items = 1000;
        StringBuilder input = new StringBuilder("[");
        for (int i = 0; i < items; i++) {
            input.append(i == 0 ? "" : ",").append(i);
        }
        input.append("]");
        String exec;
        String mapRun;
        try (ServerProcess server = new ServerProcess(data).start(); SfnClient sfn = server.sfn()) {
            String machine = machine(sfn, "distributed", """
                    {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "MaxConcurrency": 100,
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                      "End": true}}}""");
            exec = start(sfn, machine, input.toString());
            mapRun = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() ->
                    sfn.listMapRuns(b -> b.executionArn(exec)).mapRuns(), runs -> !runs.isEmpty()).getFirst().mapRunArn();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() ->
                    sfn.describeMapRun(b -> b.mapRunArn(mapRun)).executionCounts().succeeded() >= 200);
            server.kill();
        }
        try (ServerProcess server = new ServerProcess(data).start(); SfnClient sfn = server.sfn()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(sfn.describeExecution(b -> b.executionArn(exec)).status()).isEqualTo(ExecutionStatus.SUCCEEDED));
            assertThat(sfn.describeExecution(b -> b.executionArn(exec)).output()).isEqualTo(input.toString());
            Histories.assertGapless(sfn, exec);
            var run = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
            assertThat(run.executionCounts().succeeded()).isEqualTo(items);
            assertThat(run.executionCounts().total()).isEqualTo(items);
            assertThat(run.itemCounts().succeeded()).isEqualTo(items);
            var children = sfn.listExecutions(b -> b.mapRunArn(mapRun).maxResults(1000)).executions();
            assertThat(children).hasSize(items)
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
            for (int i = 0; i < items; i += 97) {
                assertThat(Histories.types(sfn, children.get(i).executionArn())).containsExactly("ExecutionStarted",
                        "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
            }
        }
    }

    private static String machine(SfnClient sfn, String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition)).stateMachineArn();
    }

    private static String start(SfnClient sfn, String arn, String input) {
        return sfn.startExecution(b -> b.stateMachineArn(arn).input(input)).executionArn();
    }
}
