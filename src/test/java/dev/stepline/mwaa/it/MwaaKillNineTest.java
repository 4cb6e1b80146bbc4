package dev.stepline.mwaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.crash.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceSummary;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Durability: SIGKILL of a separate server with runs in flight — a task running with retries left,
 * one running without, one waiting to retry — and a schedule. After the restart every run
 * continues: a task whose worker died is retried when it has retries left and fails otherwise
 * (Airflow's rule for a task whose worker died); the waiting retry happens; the schedule resumes
 * without firing twice.
 */
class MwaaKillNineTest {
    private static final String BASH = RunHarness.BASH;

    @TempDir
    Path dir;

    @Test
    void runsContinueAfterAKill() throws Exception {
        Path data = dir.resolve("data");
        String retried;
        String failed;
        String waiting;
        String ticker;
        String arnRetried;
        String arnFailed;
        String arnWaiting;
        try (ServerProcess server = new ServerProcess(data).start(); MwaaServerlessClient mwaa = server.mwaa();
             S3Client s3 = server.s3()) {
            s3.createBucket(b -> b.bucket("defs"));
            arnRetried = workflow(mwaa, s3, "retried", """
                    retried:
                      tasks:
                        long:
                          operator: %s
                          bash_command: "test $AIRFLOW_CTX_TRY_NUMBER -ge 2 || sleep 60; echo finished"
                          retries: 1
                          retry_delay: 0
                    """.formatted(BASH));
            arnFailed = workflow(mwaa, s3, "failed", """
                    failed:
                      tasks:
                        long:
                          operator: %s
                          bash_command: "sleep 60"
                          retries: 0
                    """.formatted(BASH));
            arnWaiting = workflow(mwaa, s3, "waiting", """
                    waiting:
                      tasks:
                        flaky:
                          operator: %s
                          bash_command: "test $AIRFLOW_CTX_TRY_NUMBER -ge 2"
                          retries: 1
                          retry_delay: 300
                    """.formatted(BASH));
            ticker = workflow(mwaa, s3, "ticker", """
                    ticker:
                      schedule: "*/10 * * * *"
                      tasks:
                        t:
                          operator: airflow.providers.standard.operators.empty.EmptyOperator
                    """);
            retried = mwaa.startWorkflowRun(b -> b.workflowArn(arnRetried)).runId();
            failed = mwaa.startWorkflowRun(b -> b.workflowArn(arnFailed)).runId();
            waiting = mwaa.startWorkflowRun(b -> b.workflowArn(arnWaiting)).runId();
            awaitStatus(mwaa, arnRetried, retried, TaskInstanceStatus.RUNNING);
            awaitStatus(mwaa, arnFailed, failed, TaskInstanceStatus.RUNNING);
            awaitStatus(mwaa, arnWaiting, waiting, TaskInstanceStatus.UP_FOR_RETRY);
            server.advance(Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(mwaa, ticker) == 1);
            server.kill();
        }
        try (ServerProcess server = new ServerProcess(data).start(); MwaaServerlessClient mwaa = server.mwaa()) {
            awaitEnd(mwaa, arnRetried, retried, WorkflowRunStatus.SUCCESS);
            List<GetTaskInstanceResponse> attempts = attempts(mwaa, arnRetried, retried);
            assertThat(attempts).extracting(GetTaskInstanceResponse::status)
                    .containsExactly(TaskInstanceStatus.UP_FOR_RETRY, TaskInstanceStatus.SUCCESS);
            assertThat(attempts.get(0).errorMessage()).contains("worker died");
            assertThat(attempts.get(1).xcom()).containsEntry("return_value", "\"finished\"");

            awaitEnd(mwaa, arnFailed, failed, WorkflowRunStatus.FAILED);
            assertThat(attempts(mwaa, arnFailed, failed)).extracting(GetTaskInstanceResponse::status)
                    .containsExactly(TaskInstanceStatus.FAILED);

            server.advance(Duration.ofSeconds(301));
            awaitEnd(mwaa, arnWaiting, waiting, WorkflowRunStatus.SUCCESS);
            assertThat(attempts(mwaa, arnWaiting, waiting)).hasSize(2);

            // The schedule's pending fire survived. Engine time moved 600 + 301 + 600 s in all: every
            // ten-minute boundary passed fires once (at most three), none twice, none lost.
            server.advance(Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(mwaa, ticker) >= 2);
            Thread.sleep(2000);
            List<String> logical = mwaa.listWorkflowRuns(b -> b.workflowArn(ticker)).workflowRuns().stream()
                    .map(r -> r.runDetailSummary().createdOn().toString()).toList();
            assertThat(logical).hasSizeBetween(2, 3).doesNotHaveDuplicates();
            server.kill();
        }
    }

    private static String workflow(MwaaServerlessClient mwaa, S3Client s3, String name, String yaml) {
        String key = name + "-" + UUID.randomUUID() + ".yaml";
        s3.putObject(b -> b.bucket("defs").key(key), RequestBody.fromString(yaml));
        return mwaa.createWorkflow(b -> b.name(name).roleArn(RunHarness.ROLE)
                .definitionS3Location(l -> l.bucket("defs").objectKey(key))).workflowArn();
    }

    private static int runs(MwaaServerlessClient mwaa, String arn) {
        return mwaa.listWorkflowRuns(b -> b.workflowArn(arn)).workflowRuns().size();
    }

    private static void awaitStatus(MwaaServerlessClient mwaa, String arn, String runId, TaskInstanceStatus status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                mwaa.listTaskInstances(b -> b.workflowArn(arn).runId(runId)).taskInstances().stream()
                        .map(TaskInstanceSummary::status).anyMatch(status::equals));
    }

    private static void awaitEnd(MwaaServerlessClient mwaa, String arn, String runId, WorkflowRunStatus status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                mwaa.getWorkflowRun(b -> b.workflowArn(arn).runId(runId)).runDetail().runState() == status);
    }

    private static List<GetTaskInstanceResponse> attempts(MwaaServerlessClient mwaa, String arn, String runId) {
        return mwaa.listTaskInstances(b -> b.workflowArn(arn).runId(runId)).taskInstances().stream()
                .map(s -> mwaa.getTaskInstance(b -> b.workflowArn(arn).runId(runId).taskInstanceId(s.taskInstanceId())))
                .toList();
    }
}
