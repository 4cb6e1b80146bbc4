package dev.stepline.mwaa.it;

import static org.awaitility.Awaitility.await;

import dev.stepline.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.GetWorkflowRunResponse;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceSummary;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;

/** A server plus the steps every run test takes: upload with S3, create with MWAA, start, wait. */
final class RunHarness implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::123456789012:role/mwaa-serverless-exec";
    static final String BUCKET = "defs";
    static final String BASH = "airflow.providers.standard.operators.bash.BashOperator";
    static final String EMPTY = "airflow.providers.standard.operators.empty.EmptyOperator";

    final TestServer server;
    final MwaaServerlessClient mwaa;

    RunHarness(TestServer server) {
        this.server = server;
        this.mwaa = server.mwaa();
        if (server.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            server.s3().createBucket(b -> b.bucket(BUCKET));
        }
    }

    static RunHarness embedded() {
        return new RunHarness(TestServer.embedded());
    }

    /** Uploads the YAML and creates a workflow of it; returns the ARN. */
    String workflow(String name, String yaml) {
        String key = name + "-" + UUID.randomUUID() + ".yaml";
        server.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(yaml));
        return mwaa.createWorkflow(b -> b.name(name).roleArn(ROLE)
                .definitionS3Location(l -> l.bucket(BUCKET).objectKey(key))).workflowArn();
    }

    /** Uploads a new definition and updates the workflow; returns the new version. */
    String update(String arn, String yaml) {
        String key = "upd-" + UUID.randomUUID() + ".yaml";
        server.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(yaml));
        return mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE)
                .definitionS3Location(l -> l.bucket(BUCKET).objectKey(key))).workflowVersion();
    }

    String start(String arn) {
        return mwaa.startWorkflowRun(b -> b.workflowArn(arn)).runId();
    }

    GetWorkflowRunResponse run(String arn, String runId) {
        return mwaa.getWorkflowRun(b -> b.workflowArn(arn).runId(runId));
    }

    /** Waits until the run reached a terminal status and returns it. */
    GetWorkflowRunResponse awaitEnd(String arn, String runId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> switch (
                run(arn, runId).runDetail().runState()) {
            case SUCCESS, FAILED, TIMEOUT, STOPPED -> true;
            default -> false;
        });
        return run(arn, runId);
    }

    /** Waits until the run has the status. */
    void awaitStatus(String arn, String runId, WorkflowRunStatus status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> run(arn, runId).runDetail().runState() == status);
    }

    /** Waits until the task's latest attempt has the status. */
    void awaitTask(String arn, String runId, String taskId, TaskInstanceStatus status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> instances(arn, runId).stream()
                .filter(s -> s.taskInstanceId().matches("ex_[0-9a-f-]{36}_" + Pattern.quote(taskId) + "_\\d+"))
                .reduce((a, b) -> b).map(s -> s.status() == status).orElse(false));
    }

    List<TaskInstanceSummary> instances(String arn, String runId) {
        return mwaa.listTaskInstancesPaginator(b -> b.workflowArn(arn).runId(runId)).taskInstances().stream().toList();
    }

    GetTaskInstanceResponse instance(String arn, String runId, String id) {
        return mwaa.getTaskInstance(b -> b.workflowArn(arn).runId(runId).taskInstanceId(id));
    }

    /** Every attempt of the run, by {@code <task id>#<attempt>}. */
    Map<String, GetTaskInstanceResponse> attempts(String arn, String runId) {
        return instances(arn, runId).stream().map(s -> instance(arn, runId, s.taskInstanceId()))
                .collect(Collectors.toMap(t -> t.taskId() + "#" + t.attemptNumber(), Function.identity()));
    }

    /** An attempt's log, read through {@code /_stepline/mwaa/logs/<log group>/<log stream>} (default group). */
    String log(String arn, String logStream) throws Exception {
        String workflowId = arn.substring(arn.indexOf("workflow/") + 9);
        var request = java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/_stepline/mwaa/logs/aws/mwaa-serverless/"
                + workflowId + "/" + logStream)).build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("log read failed: " + response.statusCode() + " " + response.body());
            }
            return response.body();
        }
    }

    void advance(long seconds) {
        server.server().clock().advance(Duration.ofSeconds(seconds));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
