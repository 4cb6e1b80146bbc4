package dev.stepline.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.testing.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/**
 * Three real server processes on one PostgreSQL database, driven in round robin through the SDK:
 * any node answers for any execution, an activity task reaches a long poll on another node, and
 * when one node is killed with SIGKILL mid-load the others finish everything it held, exactly once.
 */
class ClusterTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/cluster";
    private static final int EXECUTIONS = 1_200;

    @TempDir
    Path dir;

    @Test
    void threeNodesShareWorkAndSurviveTheLossOfOne() throws Exception {
        String url = Postgres.freshSchemaUrl();
        List<ServerProcess> nodes = new ArrayList<>();
        List<SfnClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(new ServerProcess(dir.resolve("node" + i), "--database-url", url).start());
                clients.add(nodes.get(i).sfn());
            }
            SfnClient a = clients.get(0);
            SfnClient b = clients.get(1);
            SfnClient c = clients.get(2);
            String chain = a.createStateMachine(s -> s.name("chain").roleArn(ROLE).definition("""
                    {"StartAt": "A", "States": {
                      "A": {"Type": "Pass", "Next": "B"},
                      "B": {"Type": "Wait", "Seconds": 2, "Next": "C"},
                      "C": {"Type": "Pass", "End": true}}}""")).stateMachineArn();
            String activity = b.createActivity(s -> s.name("cluster-worker")).activityArn();
            String working = c.createStateMachine(s -> s.name("working").roleArn(ROLE).definition("""
                    {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}"""
                    .formatted(activity))).stateMachineArn();
            String sleeping = a.createStateMachine(s -> s.name("sleeping").roleArn(ROLE).definition("""
                    {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"""))
                    .stateMachineArn();

            // An activity task queued by an execution started on node A reaches a long poll on node C.
            CompletableFuture<GetActivityTaskResponse> poll = CompletableFuture.supplyAsync(() ->
                    c.getActivityTask(r -> r.activityArn(activity).workerName("on-c")));
            String worked = a.startExecution(s -> s.stateMachineArn(working).input("{\"job\": 7}")).executionArn();
            GetActivityTaskResponse task = poll.join();
            assertThat(task.input()).isEqualTo("{\"job\":7}");
            b.sendTaskSuccess(s -> s.taskToken(task.taskToken()).output("{\"done\": 7}"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(a.describeExecution(d -> d.executionArn(worked)).output()).isEqualTo("{\"done\":7}"));

            // Started on B, stopped through C, described through A.
            String slept = b.startExecution(s -> s.stateMachineArn(sleeping)).executionArn();
            c.stopExecution(s -> s.executionArn(slept).error("Enough"));
            assertThat(a.describeExecution(d -> d.executionArn(slept)).status()).isEqualTo(ExecutionStatus.ABORTED);

            // Load in round robin; node A dies while much of it waits in its timers.
            List<String> started = new ArrayList<>();
            for (int i = 0; i < EXECUTIONS; i++) {
                int n = i;
                started.add(clients.get(i % 3).startExecution(s -> s.stateMachineArn(chain).input("{\"n\": " + n + "}"))
                        .executionArn());
            }
            nodes.get(0).kill();
            for (String arn : started) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                        assertThat(b.describeExecution(d -> d.executionArn(arn)).status()).as(arn)
                                .isEqualTo(ExecutionStatus.SUCCEEDED));
                Histories.assertGapless(c, arn);
            }
            List<ExecutionListItem> listed = new ArrayList<>();
            c.listExecutionsPaginator(l -> l.stateMachineArn(chain).maxResults(100)).executions().forEach(listed::add);
            assertThat(listed).hasSize(EXECUTIONS).allSatisfy(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
        } finally {
            for (SfnClient client : clients) {
                client.close();
            }
            for (ServerProcess node : nodes) {
                node.close();
            }
        }
    }
}
