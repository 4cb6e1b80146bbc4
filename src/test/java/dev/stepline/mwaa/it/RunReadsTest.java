package dev.stepline.mwaa.it;

import static dev.stepline.mwaa.it.RunHarness.BASH;
import static dev.stepline.mwaa.it.RunHarness.EMPTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ListWorkflowRunsResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationException;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationExceptionReason;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunSummary;

/** Paging, version filters and every error of the run reads; PythonOperator, mocks and logs. */
class RunReadsTest {
    static RunHarness h;
    static Path code;
    static Path mocks;

    @BeforeAll
    static void start() throws Exception {
        code = Files.createTempDirectory("mwaa-code");
        Files.writeString(code.resolve("jobs.py"), """
                def total(a, b, params=None):
                    print("adding", a, b)
                    return {"sum": a + b, "env": params["env"]}

                def boom():
                    raise ValueError("no good")
                """);
        mocks = Files.createTempFile("mwaa-mocks", ".json");
        Files.writeString(mocks, """
                {"mocked": {"glue": {"result": {"JobRunId": "jr_1"}}, "athena": {"error": "Query failed: syntax"}}}
                """);
        Path dir = Files.createTempDirectory("stepline-test");
        h = new RunHarness(TestServer.with(dev.stepline.server.ServerConfig.defaults().withDataDir(dir)
                .withMwaa(new dev.stepline.server.ServerConfig.Mwaa(code, mocks, null, null, "python3"))));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void runsPageNewestFirstAndFilterByVersion() {
        String yaml = "paged:\n  tasks:\n    t:\n      operator: " + EMPTY + "\n";
        String arn = h.workflow("paged", yaml);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(h.start(arn));
        }
        String v2 = h.update(arn, yaml);
        for (int i = 0; i < 2; i++) {
            started.add(h.start(arn));
        }
        started.forEach(r -> h.awaitEnd(arn, r));
        ListWorkflowRunsResponse first = h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn).maxResults(2));
        assertThat(first.workflowRuns()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        List<String> all = h.mwaa.listWorkflowRunsPaginator(b -> b.workflowArn(arn).maxResults(2)).workflowRuns()
                .stream().map(WorkflowRunSummary::runId).toList();
        assertThat(all).containsExactlyElementsOf(started.reversed());
        WorkflowRunSummary newest = first.workflowRuns().get(0);
        assertThat(newest.runDetailSummary().createdOn()).isNotNull();
        assertThat(newest.runDetailSummary().startedAt()).isNotNull();
        assertThat(newest.runDetailSummary().endedAt()).isNotNull();
        assertThat(h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn).workflowVersion(v2)).workflowRuns()).hasSize(2);
        assertThat(h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn).workflowVersion("nope")).workflowRuns()).isEmpty();
        assertThat(h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn)).workflowRuns()).hasSize(5);

        // A token only continues the listing it came from.
        assertThatThrownBy(() -> h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn).workflowVersion(v2)
                .nextToken(first.nextToken()))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn).nextToken("123")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldList().get(0).name())
                        .isEqualTo("NextToken"));
        assertThatThrownBy(() -> h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn).maxResults(101)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ValidationExceptionReason.FIELD_VALIDATION_FAILED);
                    assertThat(e.fieldList().get(0).name()).isEqualTo("MaxResults");
                });
        assertThatThrownBy(() -> h.mwaa.listWorkflowRuns(b -> b.workflowArn(arn).maxResults(0)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void readsOfUnknownThingsAreResourceNotFoundAndBadIdsValidationErrors() {
        String arn = h.workflow("errors", "errors:\n  tasks:\n    t:\n      operator: " + EMPTY + "\n");
        String runId = h.start(arn);
        h.awaitEnd(arn, runId);
        String ghost = arn.substring(0, arn.length() - 10) + "zzzzzzzzzz";
        assertThatThrownBy(() -> h.run(arn, "NoSuchRun123456")).isInstanceOfSatisfying(ResourceNotFoundException.class,
                e -> {
                    assertThat(e.resourceType()).isEqualTo("WorkflowRun");
                    assertThat(e.resourceId()).isEqualTo("NoSuchRun123456");
                });
        assertThatThrownBy(() -> h.run(ghost, runId)).isInstanceOfSatisfying(ResourceNotFoundException.class,
                e -> assertThat(e.resourceType()).isEqualTo("Workflow"));
        assertThatThrownBy(() -> h.mwaa.listWorkflowRuns(b -> b.workflowArn(ghost)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> h.mwaa.listTaskInstances(b -> b.workflowArn(arn).runId("NoSuchRun123456")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> h.instance(arn, runId, "ex_nothing_1"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.resourceType()).isEqualTo("TaskInstance"));
        assertThatThrownBy(() -> h.run("arn:aws:airflow-serverless:us-east-1:123:workflow/x", runId))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldList().get(0).name())
                        .isEqualTo("WorkflowArn"));
        assertThatThrownBy(() -> h.run(arn, "bad id!")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fieldList().get(0).name()).isEqualTo("RunId"));
        assertThatThrownBy(() -> h.mwaa.stopWorkflowRun(b -> b.workflowArn(arn).runId("NoSuchRun123456")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> h.mwaa.startWorkflowRun(b -> b.workflowArn(arn).workflowVersion("nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.resourceType()).isEqualTo("WorkflowVersion"));
        assertThatThrownBy(() -> h.mwaa.startWorkflowRun(b -> b.workflowArn(ghost)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void pythonOperatorsCallTheCodeDirectoryAndOtherOperatorsUseMocks() throws Exception {
        String arn = h.workflow("mocked", """
                mocked:
                  params:
                    env: dev
                  default_args:
                    retries: 0
                  tasks:
                    add:
                      operator: airflow.providers.standard.operators.python.PythonOperator
                      python_callable: jobs.total
                      op_args: [2, "{{ 3 }}"]
                    fails:
                      operator: airflow.providers.standard.operators.python.PythonOperator
                      python_callable: jobs.boom
                    glue:
                      operator: airflow.providers.amazon.aws.operators.glue.GlueJobOperator
                      job_name: nightly
                    athena:
                      operator: airflow.providers.amazon.aws.operators.athena.AthenaOperator
                      query: "SELECT 1"
                      output_location: "s3://x/y"
                      database: db
                    unmocked:
                      operator: airflow.providers.amazon.aws.operators.sns.SnsPublishOperator
                      target_arn: "arn:aws:sns:us-east-1:123456789012:t"
                      message: hi
                """);
        String runId = h.start(arn);
        h.awaitEnd(arn, runId);
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        // op_args render to strings, as Airflow renders templated fields.
        assertThat(a.get("add#1").status()).isEqualTo(TaskInstanceStatus.FAILED);
        assertThat(a.get("add#1").errorMessage()).contains("TypeError");
        assertThat(a.get("fails#1").errorMessage()).isEqualTo("ValueError: no good");
        assertThat(a.get("glue#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(a.get("glue#1").xcom()).containsEntry("return_value", "{\"JobRunId\":\"jr_1\"}");
        assertThat(a.get("athena#1").errorMessage()).isEqualTo("Query failed: syntax");
        assertThat(a.get("unmocked#1").status()).isEqualTo(TaskInstanceStatus.FAILED);
        assertThat(a.get("unmocked#1").errorMessage()).startsWith("SnsPublishOperator has no local implementation");

        String ok = h.workflow("python_ok", """
                python_ok:
                  params:
                    env: dev
                  tasks:
                    add:
                      operator: airflow.providers.standard.operators.python.PythonOperator
                      python_callable: jobs.total
                      op_args: [2, 3]
                """);
        String run2 = h.start(ok);
        h.awaitEnd(ok, run2);
        GetTaskInstanceResponse add = h.attempts(ok, run2).get("add#1");
        assertThat(add.status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(add.xcom()).containsEntry("return_value", "{\"sum\":5,\"env\":\"dev\"}");
        String log = h.log(ok, add.logStream());
        assertThat(log).contains("adding 2 3").contains("\"event\":\"Task finished\",").contains("\"final_state\":\"success\"");
    }
}
