package dev.stepline.mwaa.it;

import static dev.stepline.mwaa.it.RunHarness.BASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.model.RunType;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunSummary;

/** Scheduled runs under virtual time: fires, logical dates, no catch-up storm, versions. */
class ScheduleTest {
    static RunHarness h;

    @BeforeAll
    static void start() {
        h = RunHarness.embedded();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    static final String EVERY_TEN = """
            ticker:
              schedule: "*/10 * * * *"
              start_date: "2024-01-01"
              tasks:
                tick:
                  operator: %s
                  bash_command: "echo {{ ts }}"
            """.formatted(BASH);

    @Test
    void theScheduleFiresOnTheEngineClockWithoutCatchingUp() {
        String arn = h.workflow("ticker", EVERY_TEN);
        assertThat(runs(arn)).isEmpty();
        h.advance(600);
        awaitRuns(arn, 1);
        h.advance(600);
        awaitRuns(arn, 2);
        // An hour passes at once (as after downtime): one run for the pending fire time, not six.
        h.advance(3600);
        awaitRuns(arn, 3);
        List<WorkflowRunSummary> runs = runs(arn);
        assertThat(runs).extracting(WorkflowRunSummary::runType).containsOnly(RunType.SCHEDULED);
        runs.forEach(r -> h.awaitEnd(arn, r.runId()));
        // The logical date is the fire time: a multiple of ten minutes.
        String xcom = h.attempts(arn, runs.getLast().runId()).get("tick#1").xcom().get("return_value");
        assertThat(xcom).matches("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d0:00\\+00:00\"");

        // A new version without a schedule ends the old one's schedule.
        h.update(arn, """
                ticker:
                  tasks:
                    tick:
                      operator: %s
                      bash_command: "echo hi"
                """.formatted(BASH));
        h.advance(1200);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> runs(arn).size() == 3);
    }

    @Test
    void aManualOnlyWorkflowDoesNotFire() {
        String arn = h.workflow("manual_ticker", EVERY_TEN.replace("ticker:", "manual_ticker:"));
        h.mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(RunHarness.ROLE).triggerMode("manual_only")
                .definitionS3Location(h.mwaa.getWorkflow(g -> g.workflowArn(arn)).definitionS3Location()));
        h.advance(1200);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> runs(arn).isEmpty());
    }

    private static List<WorkflowRunSummary> runs(String arn) {
        return h.mwaa.listWorkflowRunsPaginator(b -> b.workflowArn(arn)).workflowRuns().stream().toList();
    }

    private static void awaitRuns(String arn, int n) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> runs(arn).size() >= n);
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5)).until(() -> runs(arn).size() == n);
    }
}
