package dev.stepline.mwaa.it;

import static dev.stepline.mwaa.it.RunHarness.BASH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.GetWorkflowRunResponse;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** StepFunctionStartExecutionOperator, StepFunctionExecutionSensor and StepFunctionGetExecutionOutputOperator. */
class StepFunctionsOperatorsTest {
    static final String OPS = "airflow.providers.amazon.aws.operators.step_function.";
    static final String SENSOR = "airflow.providers.amazon.aws.sensors.step_function.StepFunctionExecutionSensor";
    static final String ROLE = "arn:aws:iam::123456789012:role/sfn";
    static RunHarness h;
    static SfnClient sfn;

    @BeforeAll
    static void start() {
        h = RunHarness.embedded();
        sfn = h.server.sfn();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    private static String stateMachine(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition)).stateMachineArn();
    }

    @Test
    void aDagStartsAStateMachineWaitsForItOnTheEngineClockAndPullsItsOutput() {
        String sm = stateMachine("mwaa-slow-greeter", """
                {"StartAt": "Nap", "States": {
                  "Nap": {"Type": "Wait", "Seconds": 1800, "Next": "Greet"},
                  "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)"}, "End": true}}}
                """);
        String arn = h.workflow("sfn_flow", """
                sfn_flow:
                  params:
                    who: world
                  tasks:
                    kick_off:
                      operator: %1$sStepFunctionStartExecutionOperator
                      state_machine_arn: %2$s
                      name: "run-{{ ds_nodash }}"
                      state_machine_input: {"who": "{{ params.who }}"}
                      wait_for_completion: true
                    watch:
                      operator: %3$s
                      execution_arn: "{{ ti.xcom_pull(task_ids='kick_off') }}"
                      poke_interval: 60
                      dependencies: [kick_off]
                    fetch:
                      operator: %1$sStepFunctionGetExecutionOutputOperator
                      execution_arn: "{{ ti.xcom_pull(task_ids='kick_off') }}"
                      dependencies: [watch]
                    show:
                      operator: %4$s
                      bash_command: "echo \\"{{ ti.xcom_pull(task_ids='fetch')['greeting'] }} / {{ ti.xcom_pull(task_ids='watch', key='output') }}\\""
                      dependencies: [fetch]
                """.formatted(OPS, sm, SENSOR, BASH));
        String runId = h.start(arn);
        h.awaitTask(arn, runId, "kick_off", TaskInstanceStatus.RUNNING);
        String executionArn = awaitExecution(sm);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> sfn.getExecutionHistory(
                b -> b.executionArn(executionArn)).events().stream().anyMatch(e -> e.type() == HistoryEventType.WAIT_STATE_ENTERED));
        // the start operator is deferred: no worker thread waits out the Wait state in real time
        assertThat(h.attempts(arn, runId).get("kick_off#1").status()).isEqualTo(TaskInstanceStatus.RUNNING);
        h.advance(1801);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(run.runDetail().runState()).as(a.toString()).isEqualTo(WorkflowRunStatus.SUCCESS);
        assertThat(sfn.describeExecution(b -> b.executionArn(executionArn)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(executionArn).contains(":run-");
        assertThat(a.get("kick_off#1").xcom()).containsEntry("return_value", "\"" + executionArn + "\"");
        assertThat(a.get("watch#1").xcom()).containsEntry("output", "{\"greeting\":\"hello world\"}");
        assertThat(a.get("fetch#1").xcom()).containsEntry("return_value", "{\"greeting\":\"hello world\"}");
        assertThat(a.get("show#1").xcom()).containsEntry("return_value", "\"hello world / {'greeting': 'hello world'}\"");
    }

    @Test
    void aFailedExecutionFailsTheDeferredAttemptAndTheSensor() {
        String sm = stateMachine("mwaa-failing", """
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Broken", "Cause": "on purpose"}}}
                """);
        String arn = h.workflow("sfn_fail", """
                sfn_fail:
                  default_args:
                    retries: 0
                  tasks:
                    kick_off:
                      operator: %1$sStepFunctionStartExecutionOperator
                      state_machine_arn: %2$s
                      wait_for_completion: true
                    no_wait:
                      operator: %1$sStepFunctionStartExecutionOperator
                      state_machine_arn: %2$s
                    watch:
                      operator: %3$s
                      execution_arn: "{{ ti.xcom_pull(task_ids='no_wait') }}"
                      poke_interval: 5
                      dependencies: [no_wait]
                """.formatted(OPS, sm, SENSOR));
        String runId = h.start(arn);
        // the sensor pokes every 5 s of engine time until it sees the execution's end
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
                    if (h.run(arn, runId).runDetail().runState() == WorkflowRunStatus.FAILED) {
                        return true;
                    }
                    h.advance(6);
                    return false;
                });
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.FAILED);
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(a.get("kick_off#1").status()).isEqualTo(TaskInstanceStatus.FAILED);
        assertThat(a.get("kick_off#1").errorMessage()).contains("Step Function execution ended FAILED");
        assertThat(a.get("kick_off#1").xcom()).isEmpty();
        assertThat(a.get("no_wait#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(a.get("watch#1").status()).isEqualTo(TaskInstanceStatus.FAILED);
        assertThat(a.get("watch#1").errorMessage()).isEqualTo("Step Function sensor failed. State Machine Output: None");
    }

    private static String awaitExecution(String stateMachineArn) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> !sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions().isEmpty());
        return sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions().getFirst().executionArn();
    }
}
