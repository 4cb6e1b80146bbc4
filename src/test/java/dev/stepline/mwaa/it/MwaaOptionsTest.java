package dev.stepline.mwaa.it;

import static dev.stepline.mwaa.it.RunHarness.BASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.server.ServerConfig;
import dev.stepline.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.GetWorkflowRunResponse;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationException;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;

/** {@code --mwaa-run-timeout}, {@code --mwaa-operator-allowlist}, and templating without a Python. */
class MwaaOptionsTest {
    static final String CUSTOM = "example.operators.CustomOperator";
    static RunHarness h;

    @BeforeAll
    static void start() throws Exception {
        Path allowlist = Files.createTempFile("mwaa-allowlist", ".txt");
        Files.writeString(allowlist, """
                # only these
                airflow.providers.standard.operators.bash.BashOperator required=bash_command
                %s required=target arguments=target,mode
                """.formatted(CUSTOM));
        Path dir = Files.createTempDirectory("stepline-test");
        h = new RunHarness(TestServer.with(ServerConfig.defaults().withDataDir(dir)
                .withMwaa(new ServerConfig.Mwaa(null, null, allowlist, Duration.ofMinutes(10), "/nonexistent/python3"))));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void aRunLongerThanTheRunTimeoutEndsTimeoutAndItsTasksAreCancelled() {
        String arn = h.workflow("long_run", """
                long_run:
                  tasks:
                    sleeper:
                      operator: %1$s
                      bash_command: "sleep 3000"
                    after:
                      operator: %1$s
                      bash_command: "echo after"
                      dependencies: [sleeper]
                """.formatted(BASH));
        String runId = h.start(arn);
        h.awaitTask(arn, runId, "sleeper", TaskInstanceStatus.RUNNING);
        h.advance(599);
        assertThat(h.run(arn, runId).runDetail().runState()).isEqualTo(WorkflowRunStatus.RUNNING);
        h.advance(2);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.TIMEOUT);
        assertThat(run.runDetail().errorMessage()).isEqualTo("Workflow run timed out");
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(a.get("sleeper#1").status()).isEqualTo(TaskInstanceStatus.CANCELLED);
        assertThat(a.get("after#1").status()).isEqualTo(TaskInstanceStatus.CANCELLED);
    }

    @Test
    void templatesRenderWithoutAnyPython() {
        String arn = h.workflow("no_python", """
                no_python:
                  params:
                    items: [a, b]
                  tasks:
                    t:
                      operator: %s
                      bash_command: "echo {{ params['items'] | length }} {{ params.missing is defined }} {{ ds_nodash }}"
                """.formatted(BASH));
        String runId = h.start(arn);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.SUCCESS);
        String ds = run.runDetail().createdAt().toString().substring(0, 10).replace("-", "");
        assertThat(h.attempts(arn, runId).get("t#1").xcom()).containsEntry("return_value", "\"2 False " + ds + "\"");
    }

    @Test
    void theAllowlistFileReplacesTheDefaultList() {
        // an operator of the default list that the file leaves out
        assertThatThrownBy(() -> h.workflow("not_listed", """
                not_listed:
                  tasks:
                    t:
                      operator: airflow.providers.standard.operators.empty.EmptyOperator
                """)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                .contains("operator 'airflow.providers.standard.operators.empty.EmptyOperator' is not supported"));
        assertThatThrownBy(() -> h.workflow("missing_arg", """
                missing_arg:
                  tasks:
                    t:
                      operator: %s
                      mode: fast
                """.formatted(CUSTOM))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                .contains("missing keyword argument 'target'"));
        assertThatThrownBy(() -> h.workflow("unknown_arg", """
                unknown_arg:
                  tasks:
                    t:
                      operator: %s
                      target: x
                      colour: red
                """.formatted(CUSTOM))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                .contains("Invalid arguments were passed to CustomOperator (task_id: t)").contains("'colour': 'red'"));

        // a listed operator Stepline cannot run: accepted, then the attempt fails naming the missing mock
        String arn = h.workflow("custom", """
                custom:
                  tasks:
                    t:
                      operator: %s
                      target: x
                      retries: 0
                """.formatted(CUSTOM));
        String runId = h.start(arn);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(h.attempts(arn, runId).get("t#1").errorMessage())
                .startsWith("CustomOperator has no local implementation in Stepline");
    }
}
