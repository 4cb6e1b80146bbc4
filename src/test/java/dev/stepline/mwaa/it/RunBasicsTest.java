package dev.stepline.mwaa.it;

import static dev.stepline.mwaa.it.RunHarness.BASH;
import static dev.stepline.mwaa.it.RunHarness.EMPTY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.GetWorkflowRunResponse;
import software.amazon.awssdk.services.mwaaserverless.model.RunType;
import software.amazon.awssdk.services.mwaaserverless.model.StartWorkflowRunResponse;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceSummary;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;

/** Runs of EmptyOperator and BashOperator DAGs end to end through the SDK: dependencies, XCom, reads. */
class RunBasicsTest {
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
    void emptyAndBashTasksRunInDependencyOrderAndPassXcom() {
        String arn = h.workflow("xcom_flow", """
                xcom_flow:
                  params:
                    env: dev
                  tasks:
                    begin:
                      operator: %s
                    build:
                      operator: %s
                      bash_command: "echo first; echo report-{{ params.env }}-{{ ds_nodash }}"
                      dependencies: [begin]
                    publish:
                      operator: %s
                      bash_command: "echo publishing {{ ti.xcom_pull(task_ids='build') }}"
                      dependencies: [build]
                """.formatted(EMPTY, BASH, BASH));
        StartWorkflowRunResponse started = h.mwaa.startWorkflowRun(b -> b.workflowArn(arn));
        assertThat(started.status()).isEqualTo(WorkflowRunStatus.STARTING);
        assertThat(started.runId()).matches("[A-Za-z0-9]{15}");
        assertThat(started.startedAt()).isNotNull();

        GetWorkflowRunResponse run = h.awaitEnd(arn, started.runId());
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.SUCCESS);
        assertThat(run.runType()).isEqualTo(RunType.ON_DEMAND);
        assertThat(run.runDetail().errorMessage()).isNull();
        assertThat(run.runDetail().startedOn()).isNotNull();
        assertThat(run.runDetail().completedOn()).isNotNull();
        assertThat(run.runDetail().duration()).isNotNull();
        assertThat(run.runDetail().taskInstances()).hasSize(3);
        assertThat(run.runDetail().taskInstances().get(0)).matches("ex_[0-9a-f-]{36}_begin_1");

        List<TaskInstanceSummary> list = h.instances(arn, started.runId());
        assertThat(list).extracting(TaskInstanceSummary::taskInstanceId).isEqualTo(run.runDetail().taskInstances());
        assertThat(list).extracting(TaskInstanceSummary::statusAsString).containsOnly("SUCCESS");
        assertThat(list).extracting(TaskInstanceSummary::operatorName)
                .containsExactly("EmptyOperator", "BashOperator", "BashOperator");

        Map<String, GetTaskInstanceResponse> attempts = h.attempts(arn, started.runId());
        GetTaskInstanceResponse begin = attempts.get("begin#1");
        assertThat(begin.durationInSeconds()).isZero();
        assertThat(begin.startedAt()).isEqualTo(begin.endedAt());
        String ds = run.runDetail().createdAt().toString().substring(0, 10).replace("-", "");
        assertThat(attempts.get("build#1").xcom()).containsEntry("return_value", "\"report-dev-" + ds + "\"");
        assertThat(attempts.get("publish#1").xcom()).containsEntry("return_value", "\"publishing report-dev-" + ds + "\"");
        String workflowId = arn.substring(arn.indexOf("workflow/") + 9);
        assertThat(attempts.get("build#1").logStream())
                .isEqualTo("workflow_id=" + workflowId + "/run_id=" + started.runId() + "/task_id=build/attempt=1.log");
    }

    @Test
    void triggerRulesDecideWhatRunsAfterAFailure() {
        String arn = h.workflow("rules", """
                rules:
                  default_args:
                    retries: 0
                  tasks:
                    ok:
                      operator: %1$s
                      bash_command: "echo ok"
                    broken:
                      operator: %1$s
                      bash_command: "echo bad; exit 3"
                    after_broken:
                      operator: %1$s
                      bash_command: "echo never"
                      dependencies: [broken]
                    on_failure:
                      operator: %1$s
                      bash_command: "echo handling"
                      trigger_rule: one_failed
                      dependencies: [ok, broken]
                    skipped_by_rule:
                      operator: %1$s
                      bash_command: "echo never"
                      trigger_rule: all_failed
                      dependencies: [ok]
                    skip_me:
                      operator: %1$s
                      bash_command: "exit 99"
                    after_skip:
                      operator: %1$s
                      bash_command: "echo never"
                      dependencies: [skip_me]
                    cleanup:
                      operator: %1$s
                      bash_command: "echo cleanup"
                      trigger_rule: all_done
                      dependencies: [after_broken, on_failure, skipped_by_rule, after_skip]
                """.formatted(BASH));
        String runId = h.start(arn);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(a.get("ok#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(a.get("broken#1").status()).isEqualTo(TaskInstanceStatus.FAILED);
        assertThat(a.get("broken#1").errorMessage())
                .isEqualTo("Bash command failed. The command returned a non-zero exit code 3.");
        assertThat(a.get("after_broken#1").status()).isEqualTo(TaskInstanceStatus.UPSTREAM_FAILED);
        assertThat(a.get("after_broken#1").startedAt()).isNull();
        assertThat(a.get("on_failure#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(a.get("skipped_by_rule#1").status()).isEqualTo(TaskInstanceStatus.CANCELLED);
        assertThat(a.get("skip_me#1").status()).isEqualTo(TaskInstanceStatus.CANCELLED);
        assertThat(a.get("after_skip#1").status()).isEqualTo(TaskInstanceStatus.CANCELLED);
        assertThat(a.get("cleanup#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        // The only leaf (cleanup) succeeded: the run succeeds although a task failed (spec §3.3).
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.SUCCESS);
    }

    @Test
    void aFailedLeafFailsTheRun() {
        String arn = h.workflow("leaf_fails", """
                leaf_fails:
                  tasks:
                    first:
                      operator: %1$s
                      bash_command: "exit 1"
                      retries: 0
                    second:
                      operator: %1$s
                      bash_command: "echo never"
                      dependencies: [first]
                """.formatted(BASH));
        String runId = h.start(arn);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(run.runDetail().errorMessage()).isEqualTo("Workflow execution failed");
        assertThat(h.attempts(arn, runId).get("second#1").status()).isEqualTo(TaskInstanceStatus.UPSTREAM_FAILED);
    }
}
