package dev.stepline.mwaa.it;

import static dev.stepline.mwaa.it.RunHarness.BASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.mwaaserverless.model.ConflictException;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.GetWorkflowRunResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.mwaaserverless.model.StopWorkflowRunResponse;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationException;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;

/** Retries, timeouts, stop, parameters, idempotency and quotas, under the engine clock. */
class RunLifecycleTest {
    static RunHarness h;

    @BeforeAll
    static void start() {
        h = RunHarness.embedded();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void aFailingTaskIsRetriedAfterItsDelayWithNewAttemptRecords() {
        String arn = h.workflow("retrying", """
                retrying:
                  tasks:
                    flaky:
                      operator: %s
                      bash_command: "echo attempt $AIRFLOW_CTX_TRY_NUMBER; test $AIRFLOW_CTX_TRY_NUMBER -ge 3"
                      retries: 2
                      retry_delay: 30
                """.formatted(BASH));
        String runId = h.start(arn);
        awaitInstances(arn, runId, 1, TaskInstanceStatus.UP_FOR_RETRY);
        h.advance(31);
        awaitInstances(arn, runId, 2, TaskInstanceStatus.UP_FOR_RETRY);
        h.advance(31);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.SUCCESS);
        assertThat(run.runDetail().taskInstances()).hasSize(3);
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(a.get("flaky#1").status()).isEqualTo(TaskInstanceStatus.UP_FOR_RETRY);
        assertThat(a.get("flaky#1").errorMessage()).contains("non-zero exit code 1");
        assertThat(a.get("flaky#2").status()).isEqualTo(TaskInstanceStatus.UP_FOR_RETRY);
        assertThat(a.get("flaky#3").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(a.get("flaky#3").xcom()).containsEntry("return_value", "\"attempt 3\"");
        String uuid = a.get("flaky#1").taskInstanceId().split("_")[1];
        assertThat(a.get("flaky#3").taskInstanceId()).isEqualTo("ex_" + uuid + "_flaky_3");
    }

    @Test
    void executionTimeoutKillsTheTask() {
        String arn = h.workflow("slow", """
                slow:
                  tasks:
                    sleeper:
                      operator: %1$s
                      bash_command: "sleep 600"
                      retries: 0
                      execution_timeout: {__type__: datetime.timedelta, minutes: 2}
                    cleanup:
                      operator: %1$s
                      bash_command: "echo cleaned"
                      trigger_rule: all_done
                      dependencies: [sleeper]
                    after:
                      operator: %1$s
                      bash_command: "echo never"
                      dependencies: [sleeper]
                """.formatted(BASH));
        String runId = h.start(arn);
        awaitInstances(arn, runId, 1, TaskInstanceStatus.RUNNING);
        h.advance(121);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(a.get("sleeper#1").status()).isEqualTo(TaskInstanceStatus.TIMEOUT);
        assertThat(a.get("sleeper#1").errorMessage()).contains("execution_timeout of 120 seconds");
        assertThat(a.get("cleanup#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(a.get("after#1").status()).isEqualTo(TaskInstanceStatus.UPSTREAM_FAILED);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.FAILED);
    }

    @Test
    void stopKillsRunningTasksAndCancelsTheRest() {
        String arn = h.workflow("stoppable", """
                stoppable:
                  tasks:
                    sleeper:
                      operator: %1$s
                      bash_command: "sleep 600"
                    next:
                      operator: %1$s
                      bash_command: "echo never"
                      dependencies: [sleeper]
                """.formatted(BASH));
        String runId = h.start(arn);
        awaitInstances(arn, runId, 1, TaskInstanceStatus.RUNNING);
        StopWorkflowRunResponse stopped = h.mwaa.stopWorkflowRun(b -> b.workflowArn(arn).runId(runId));
        assertThat(stopped.status()).isIn(WorkflowRunStatus.STOPPING, WorkflowRunStatus.STOPPED);
        assertThat(stopped.workflowArn()).isEqualTo(arn);
        assertThat(stopped.runId()).isEqualTo(runId);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.STOPPED);
        assertThat(run.runDetail().errorMessage()).isNull();
        assertThat(run.runDetail().completedOn()).isNotNull();
        assertThat(run.runDetail().duration()).isNotNull();
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(a.get("sleeper#1").status()).isEqualTo(TaskInstanceStatus.CANCELLED);
        assertThat(a.get("next#1").status()).isEqualTo(TaskInstanceStatus.CANCELLED);
        // Stopping again answers the terminal status.
        assertThat(h.mwaa.stopWorkflowRun(b -> b.workflowArn(arn).runId(runId)).status())
                .isEqualTo(WorkflowRunStatus.STOPPED);
    }

    @Test
    void overrideParametersReachTemplatesAndTheEnvironmentAndAreTypeChecked() {
        String arn = h.workflow("params", """
                params:
                  params:
                    env: dev
                    batch: {type: integer, default: 100}
                  tasks:
                    show:
                      operator: %s
                      bash_command: "echo {{ params.env }}-{{ params.batch }}-$env-{{ params.extra }}"
                """.formatted(BASH));
        String runId = h.mwaa.startWorkflowRun(b -> b.workflowArn(arn).overrideParameters(Map.of(
                "env", Document.fromString("prod"), "extra", Document.fromNumber(7)))).runId();
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.overrideParameters()).containsEntry("env", Document.fromString("prod"));
        assertThat(h.attempts(arn, runId).get("show#1").xcom()).containsEntry("return_value", "\"prod-100-prod-7\"");
        assertThatThrownBy(() -> h.mwaa.startWorkflowRun(b -> b.workflowArn(arn).overrideParameters(Map.of(
                "batch", Document.fromString("many")))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fieldList().get(0).name()).isEqualTo("OverrideParameters.batch");
                    assertThat(e.getMessage()).contains("'many' is not of type 'integer'");
                });
    }

    @Test
    void aTemplateSyntaxErrorFailsTheRunBeforeAnyTask() {
        String arn = h.workflow("bad_template", """
                bad_template:
                  tasks:
                    t:
                      operator: %s
                      bash_command: "echo {{ ti.xcom_pull(task_ids='a' b) }}"
                """.formatted(BASH));
        String runId = h.start(arn);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(run.runDetail().errorMessage()).isEqualTo("expected token ',', got 'b'");
        assertThat(run.runDetail().taskInstances()).isEmpty();
        assertThat(run.runDetail().startedOn()).isNull();
        assertThat(run.runDetail().duration()).isNull();
    }

    @Test
    void clientTokenReplaysTheRunAndRejectsOtherParameters() {
        String arn = h.workflow("tokens", """
                tokens:
                  tasks:
                    t:
                      operator: %s
                      bash_command: "echo hi"
                """.formatted(BASH));
        String first = h.mwaa.startWorkflowRun(b -> b.workflowArn(arn).clientToken("tok-1")).runId();
        String again = h.mwaa.startWorkflowRun(b -> b.workflowArn(arn).clientToken("tok-1")).runId();
        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> h.mwaa.startWorkflowRun(b -> b.workflowArn(arn).clientToken("tok-1")
                .overrideParameters(Map.of("x", Document.fromNumber(1)))))
                .isInstanceOf(ConflictException.class);
        h.awaitEnd(arn, first);
        assertThat(h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn)).workflowRuns()).hasSize(1);
    }

    @Test
    void concurrentRunsPerWorkflowAreLimitedToTwenty() {
        String arn = h.workflow("quota", """
                quota:
                  tasks:
                    waits:
                      operator: %s
                      bash_command: "exit 1"
                      retries: 1
                      retry_delay: 300
                """.formatted(BASH));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(h.start(arn));
        }
        assertThatThrownBy(() -> h.start(arn)).isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
            assertThat(e.quotaCode()).isEqualTo("L-MWAAS-RUNS-PER-WORKFLOW");
            assertThat(e.serviceCode()).isEqualTo("airflow-serverless");
            assertThat(e.statusCode()).isEqualTo(402);
        });
        for (String runId : runs) {
            h.mwaa.stopWorkflowRun(b -> b.workflowArn(arn).runId(runId));
        }
        runs.forEach(runId -> h.awaitEnd(arn, runId));
        String more = h.start(arn);
        h.mwaa.stopWorkflowRun(b -> b.workflowArn(arn).runId(more));
        h.awaitEnd(arn, more);
    }

    @Test
    void aDisabledWorkflowCannotRun() {
        String arn = h.workflow("disabled_wf", """
                disabled_wf:
                  tasks:
                    t:
                      operator: %s
                      bash_command: "echo hi"
                """.formatted(BASH));
        h.mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(RunHarness.ROLE).triggerMode("disabled")
                .definitionS3Location(h.mwaa.getWorkflow(g -> g.workflowArn(arn)).definitionS3Location()));
        assertThatThrownBy(() -> h.start(arn)).isInstanceOf(ConflictException.class);
    }

    private static void awaitInstances(String arn, String runId, int attempt, TaskInstanceStatus status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> h.instances(arn, runId)
                .stream().anyMatch(s -> s.taskInstanceId().endsWith("_" + attempt) && s.status() == status));
    }
}
