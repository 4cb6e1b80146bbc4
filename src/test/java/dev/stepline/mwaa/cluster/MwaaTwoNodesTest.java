package dev.stepline.mwaa.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.server.ServerConfig;
import dev.stepline.testing.Postgres;
import dev.stepline.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;

/** Two nodes on one PostgreSQL database answer the same for MWAA: attempt logs and run quotas. */
class MwaaTwoNodesTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/mwaa-serverless-exec";
    static final String BASH = "airflow.providers.standard.operators.bash.BashOperator";
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() throws Exception {
        String url = Postgres.freshSchemaUrl();
        a = TestServer.with(node(url));
        b = TestServer.with(node(url));
        a.s3().createBucket(r -> r.bucket("defs"));
    }

    @AfterAll
    static void stop() throws Exception {
        try (TestServer first = a; TestServer second = b) {
            // closes both
        }
    }

    @Test
    void aFinishedAttemptsLogReadsTheSameThroughEveryNode() throws Exception {
        String arn = workflow("logged", """
                logged:
                  tasks:
                    hello:
                      operator: %s
                      bash_command: "echo hello-from-a-node"
                """.formatted(BASH));
        MwaaServerlessClient mwaa = a.mwaa();
        String runId = mwaa.startWorkflowRun(r -> r.workflowArn(arn)).runId();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                b.mwaa().getWorkflowRun(r -> r.workflowArn(arn).runId(runId)).runDetail().runState()
                        == WorkflowRunStatus.SUCCESS);
        String instanceId = b.mwaa().listTaskInstances(r -> r.workflowArn(arn).runId(runId)).taskInstances().get(0)
                .taskInstanceId();
        GetTaskInstanceResponse instance = b.mwaa().getTaskInstance(r -> r.workflowArn(arn).runId(runId)
                .taskInstanceId(instanceId));
        String throughA = log(a, arn, instance.logStream());
        String throughB = log(b, arn, instance.logStream());
        assertThat(throughA).isEqualTo(throughB).contains("hello-from-a-node").contains("\"final_state\":\"success\"");
        assertThat(throughA.lines().filter(l -> l.contains("Task finished")).count()).isEqualTo(1);
    }

    @Test
    void concurrentStartsThroughTwoNodesStayWithinTheWorkflowQuota() throws Exception {
        String arn = workflow("crowded", """
                crowded:
                  tasks:
                    waits:
                      operator: %s
                      bash_command: "exit 1"
                      retries: 1
                      retry_delay: 300
                """.formatted(BASH));
        List<MwaaServerlessClient> clients = List.of(a.mwaa(), b.mwaa());
        int attempts = 40;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> starts = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                MwaaServerlessClient client = clients.get(i % 2);
                starts.add(pool.submit(() -> {
                    go.await();
                    try {
                        client.startWorkflowRun(r -> r.workflowArn(arn));
                        return true;
                    } catch (ServiceQuotaExceededException e) {
                        assertThat(e.quotaCode()).isEqualTo("L-MWAAS-RUNS-PER-WORKFLOW");
                        return false;
                    }
                }));
            }
            go.countDown();
            long started = 0;
            for (Future<Boolean> start : starts) {
                started += start.get() ? 1 : 0;
            }
            assertThat(started).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(b.mwaa().listWorkflowRunsPaginator(r -> r.workflowArn(arn)).workflowRuns().stream().count())
                .isEqualTo(20);
    }

    private static String workflow(String name, String yaml) {
        String key = name + "-" + UUID.randomUUID() + ".yaml";
        a.s3().putObject(r -> r.bucket("defs").key(key), RequestBody.fromString(yaml));
        return a.mwaa().createWorkflow(r -> r.name(name).roleArn(ROLE)
                .definitionS3Location(l -> l.bucket("defs").objectKey(key))).workflowArn();
    }

    private static String log(TestServer server, String arn, String logStream) throws Exception {
        String workflowId = arn.substring(arn.indexOf("workflow/") + 9);
        HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve("/_stepline/mwaa/logs/aws/mwaa-serverless/"
                + workflowId + "/" + logStream)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }
    }

    private static ServerConfig node(String url) throws java.io.IOException {
        return ServerConfig.defaults().withDataDir(Files.createTempDirectory("stepline-node")).withDatabaseUrl(url);
    }
}
