package dev.stepline.imagebuilder.it;

import static dev.stepline.imagebuilder.it.Ib.use;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.Image;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.InvalidRequestException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceDependencyException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceInUseException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;
import software.amazon.awssdk.services.imagebuilder.model.SendWorkflowStepActionResponse;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepExecution;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepExecutionStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/**
 * WaitForAction with SendWorkflowStepAction (RESUME, STOP), ListWaitingWorkflowSteps, parallel
 * test groups, CancelImageCreation, RetryImage and DeleteImage (spec §4.3, §4.7, §4.8, §4.10).
 * Simulated steps take 10 engine seconds here, so runs are observed mid-way and moved on by
 * advancing the engine clock.
 */
class WaitCancelRetryTest {
    static Ib ib;
    static String recipe;
    static String infra;
    static String approval;

    static final String APPROVAL = """
            schemaVersion: 1.0
            steps:
              - name: Launch
                action: LaunchInstance
                inputs:
                  waitFor: ssmAgent
              - name: Approve
                action: WaitForAction
                description: Wait for a human
              - name: Echo
                action: RunCommand
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
                  documentName: AWS-RunShellScript
                  parameters:
                    commands:
                      - "echo {{ $.stepOutputs.Approve.reason }}"
              - name: Ami
                action: CreateImage
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
            outputs:
              - name: ImageId
                value: $.stepOutputs.Ami.imageId
            """;

    @BeforeAll
    static void start() {
        ib = Ib.start(0);
        recipe = ib.recipe("wait-recipe");
        infra = ib.infrastructure("wait-infra");
        approval = ib.workflow("approval", WorkflowType.BUILD, APPROVAL);
    }

    @AfterAll
    static void stop() throws Exception {
        ib.close();
    }

    private WorkflowStepMetadata awaitWaiting(String imageArn) {
        String wf = org.awaitility.Awaitility.await().until(() -> ib.workflows(imageArn), l -> !l.isEmpty()).get(0)
                .workflowExecutionId();
        return ib.awaitStep(wf, "Approve", s -> s.statusAsString().equals("WAITING"));
    }

    private SendWorkflowStepActionResponse send(String step, String image, String action, String reason) {
        return ib.ib.sendWorkflowStepAction(r -> r.stepExecutionId(step).imageBuildVersionArn(image).action(action)
                .reason(reason).clientToken(UUID.randomUUID().toString()));
    }

    @Test
    void aResumedWaitCompletesWithTheReasonLaterStepsRead() {
        String arn = ib.createImage(recipe, infra, use(approval));
        WorkflowStepMetadata waiting = awaitWaiting(arn);
        assertThat(waiting.startTime()).matches(Ib.DATE);
        assertThat(waiting.endTime()).isNull();
        assertThat(ib.image(arn).state().status()).isEqualTo(ImageStatus.BUILDING);
        List<WorkflowStepExecution> listed = ib.ib.listWaitingWorkflowSteps(r -> r.maxResults(25)).steps();
        assertThat(listed).extracting(WorkflowStepExecution::stepExecutionId).contains(waiting.stepExecutionId());
        WorkflowStepExecution mine = listed.stream().filter(s -> s.stepExecutionId().equals(waiting.stepExecutionId()))
                .findFirst().orElseThrow();
        assertThat(mine.imageBuildVersionArn()).isEqualTo(arn);
        assertThat(mine.action()).isEqualTo("WaitForAction");
        assertThat(mine.name()).isEqualTo("Approve");
        assertThat(mine.workflowBuildVersionArn()).isEqualTo(approval);

        // the wrong image, then the right one; then a second action is refused
        String other = ib.createImage(recipe, infra, use(approval));
        InvalidParameterValueAssert.check(() -> send(waiting.stepExecutionId(), other, "RESUME", "ok"));
        SendWorkflowStepActionResponse sent = send(waiting.stepExecutionId(), arn, "RESUME", "looks good");
        assertThat(sent.stepExecutionId()).isEqualTo(waiting.stepExecutionId());
        assertThat(sent.imageBuildVersionArn()).isEqualTo(arn);
        assertThat(sent.clientToken()).isNotBlank();
        Image done = ib.awaitStatus(arn, ImageStatus.AVAILABLE, ImageStatus.FAILED);
        assertThat(done.state().status()).isEqualTo(ImageStatus.AVAILABLE);
        catchThrowableOfType(InvalidRequestException.class, () -> send(waiting.stepExecutionId(), arn, "STOP", "late"));

        List<WorkflowStepMetadata> steps = ib.steps(ib.workflows(arn).get(0).workflowExecutionId());
        assertThat(steps.get(1).status()).isEqualTo(WorkflowStepExecutionStatus.COMPLETED);
        assertThat(steps.get(1).outputs()).isEqualTo("{\"action\": \"RESUME\", \"reason\": \"looks good\"}");
        assertThat(steps.get(2).inputs()).contains("\"echo looks good\"");
        assertThat(ib.ib.listWaitingWorkflowSteps(r -> r.maxResults(25)).steps())
                .extracting(WorkflowStepExecution::stepExecutionId).doesNotContain(waiting.stepExecutionId());
        cancel(other);
    }

    @Test
    void aStoppedWaitFailsTheImageWithTheReasonAndRollsBackTheInstance() {
        String arn = ib.createImage(recipe, infra, use(approval));
        WorkflowStepMetadata waiting = awaitWaiting(arn);
        send(waiting.stepExecutionId(), arn, "STOP", "not today");
        Image failed = ib.awaitStatus(arn, ImageStatus.FAILED, ImageStatus.AVAILABLE);
        assertThat(failed.state().status()).isEqualTo(ImageStatus.FAILED);
        assertThat(failed.state().reason()).contains("not today");
        WorkflowExecutionMetadata wf = ib.workflows(arn).get(0);
        assertThat(wf.status()).isEqualTo(WorkflowExecutionStatus.ROLLBACK_COMPLETED);
        List<WorkflowStepMetadata> steps = ib.steps(wf.workflowExecutionId());
        assertThat(steps.get(0).rollbackStatusAsString()).isEqualTo("COMPLETED");
        assertThat(steps.get(1).status()).isEqualTo(WorkflowStepExecutionStatus.FAILED);
        assertThat(steps.get(1).outputs()).isEqualTo("{\"action\": \"STOP\", \"reason\": \"not today\"}");
        assertThat(steps.get(1).message()).isEqualTo("Step stopped by the STOP action: not today");
    }

    @Test
    void aWaitTimesOutOnTheEngineClock() {
        String arn = ib.createImage(recipe, infra, use(approval));
        awaitWaiting(arn);
        ib.advance(Duration.ofSeconds(259_200));
        ib.awaitStatus(arn, ImageStatus.FAILED);
        WorkflowStepMetadata approve = ib.steps(ib.workflows(arn).get(0).workflowExecutionId()).get(1);
        assertThat(approve.statusAsString()).isEqualTo("TIMED_OUT");
        assertThat(approve.message()).isEqualTo("Step timed out after 259200 seconds");
    }

    private void cancel(String arn) {
        ib.ib.cancelImageCreation(r -> r.imageBuildVersionArn(arn).clientToken(UUID.randomUUID().toString()));
    }

    @Test
    void cancelStopsEverythingAndRetryResumesAtTheUnfinishedStageWithNewRecords() {
        String arn = ib.createImage(recipe, infra, use(approval));
        WorkflowStepMetadata waiting = awaitWaiting(arn);
        assertThat(catchThrowableOfType(ResourceInUseException.class,
                () -> ib.ib.retryImage(r -> r.imageBuildVersionArn(arn).clientToken(UUID.randomUUID().toString()))))
                .isNotNull();
        assertThat(catchThrowableOfType(ResourceDependencyException.class,
                () -> ib.ib.deleteImage(r -> r.imageBuildVersionArn(arn)))).isNotNull();
        var cancelled = ib.ib.cancelImageCreation(r -> r.imageBuildVersionArn(arn).clientToken("cancel-1"));
        assertThat(cancelled.imageBuildVersionArn()).isEqualTo(arn);
        assertThat(cancelled.clientToken()).isEqualTo("cancel-1");
        Image image = ib.image(arn);
        assertThat(image.state().status()).isEqualTo(ImageStatus.CANCELLED);
        assertThat(image.state().reason()).isEqualTo("Image creation was cancelled by the user.");
        WorkflowExecutionMetadata first = ib.workflows(arn).get(0);
        assertThat(first.status()).isEqualTo(WorkflowExecutionStatus.CANCELLED);
        assertThat(first.endTime()).matches(Ib.DATE);
        List<WorkflowStepMetadata> steps = ib.steps(first.workflowExecutionId());
        assertThat(steps).extracting(WorkflowStepMetadata::status).containsExactly(WorkflowStepExecutionStatus.COMPLETED,
                WorkflowStepExecutionStatus.CANCELLED, WorkflowStepExecutionStatus.CANCELLED,
                WorkflowStepExecutionStatus.CANCELLED);
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> ib.ib.cancelImageCreation(r -> r.imageBuildVersionArn(arn).clientToken("cancel-2")))).isNotNull();
        catchThrowableOfType(InvalidRequestException.class, () -> send(waiting.stepExecutionId(), arn, "RESUME", null));

        var retried = ib.ib.retryImage(r -> r.imageBuildVersionArn(arn).clientToken("retry-1"));
        assertThat(retried.imageBuildVersionArn()).isEqualTo(arn);
        List<WorkflowExecutionMetadata> both = org.awaitility.Awaitility.await().until(() -> ib.workflows(arn),
                l -> l.size() == 2);
        assertThat(both.get(0).retried()).isFalse();
        assertThat(both.get(1).retried()).isTrue();
        assertThat(both.get(1).workflowExecutionId()).isNotEqualTo(both.get(0).workflowExecutionId());
        WorkflowStepMetadata again = ib.awaitStep(both.get(1).workflowExecutionId(), "Approve",
                s -> s.statusAsString().equals("WAITING"));
        send(again.stepExecutionId(), arn, "RESUME", "second time");
        assertThat(ib.awaitStatus(arn, ImageStatus.AVAILABLE, ImageStatus.FAILED).state().status())
                .isEqualTo(ImageStatus.AVAILABLE);
        assertThat(catchThrowableOfType(InvalidRequestException.class,
                () -> ib.ib.retryImage(r -> r.imageBuildVersionArn(arn).clientToken("retry-2")))).isNotNull();

        var deleted = ib.ib.deleteImage(r -> r.imageBuildVersionArn(arn));
        assertThat(deleted.imageBuildVersionArn()).isEqualTo(arn);
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> ib.image(arn))).isNotNull();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> ib.ib.getWorkflowExecution(r -> r.workflowExecutionId(both.get(0).workflowExecutionId())))).isNotNull();
    }

    static final String SLOW_TEST = """
            schemaVersion: 1.0
            steps:
              - name: Launch
                action: LaunchInstance
                inputs:
                  waitFor: ssmAgent
              - name: Terminate
                action: TerminateInstance
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
            """;

    @Test
    void testGroupsRunOneAfterAnotherWithTheirMembersTogether() {
        String build = ib.workflow("quick-build", WorkflowType.BUILD, """
                schemaVersion: 1.0
                steps:
                  - name: Ami
                    action: RegisterImage
                outputs:
                  - name: ImageId
                    value: $.stepOutputs.Ami.imageId
                """);
        String a = ib.workflow("test-a", WorkflowType.TEST, SLOW_TEST);
        String b = ib.workflow("test-b", WorkflowType.TEST, SLOW_TEST);
        String c = ib.workflow("test-c", WorkflowType.TEST, SLOW_TEST);
        ib.fault("test-a", "Launch", "DELAY", 100);
        ib.fault("test-b", "Launch", "DELAY", 100);
        try {
            String arn = ib.createImage(recipe, infra, use(build),
                    WorkflowConfiguration.builder().workflowArn(a).parallelGroup("first").build(),
                    WorkflowConfiguration.builder().workflowArn(b).parallelGroup("first").build(),
                    WorkflowConfiguration.builder().workflowArn(c).parallelGroup("second").build());
            List<WorkflowExecutionMetadata> running = org.awaitility.Awaitility.await().until(() -> ib.workflows(arn),
                    l -> l.size() == 4 && l.get(1).status() == WorkflowExecutionStatus.RUNNING
                            && l.get(2).status() == WorkflowExecutionStatus.RUNNING);
            assertThat(ib.image(arn).state().status()).isEqualTo(ImageStatus.TESTING);
            assertThat(running).extracting(WorkflowExecutionMetadata::parallelGroup).containsExactly(null, "first", "first",
                    "second");
            assertThat(running.get(3).status()).isEqualTo(WorkflowExecutionStatus.PENDING);
            assertThat(running.get(3).startTime()).isNull();
            ib.advance(Duration.ofSeconds(101));
            Image done = ib.awaitStatus(arn, ImageStatus.AVAILABLE, ImageStatus.FAILED);
            assertThat(done.state().status()).isEqualTo(ImageStatus.AVAILABLE);
            List<WorkflowExecutionMetadata> after = ib.workflows(arn);
            assertThat(after).extracting(WorkflowExecutionMetadata::status).containsOnly(WorkflowExecutionStatus.COMPLETED);
            assertThat(after.get(3).startTime()).isGreaterThanOrEqualTo(after.get(1).endTime());
        } finally {
            ib.admin("DELETE", "faults", null);
        }
    }

    @Test
    void anAbortingTestWorkflowCancelsItsRunningSiblingAndSkipsLaterGroups() {
        String a = ib.workflow("abort-a", WorkflowType.TEST, SLOW_TEST);
        String b = ib.workflow("abort-b", WorkflowType.TEST, SLOW_TEST);
        String c = ib.workflow("abort-c", WorkflowType.TEST, SLOW_TEST);
        ib.fault("abort-a", "Launch", "FAIL", 0);
        ib.fault("abort-b", "Launch", "DELAY", 100);
        try {
            String arn = ib.createImage(recipe, infra,
                    WorkflowConfiguration.builder().workflowArn(a).parallelGroup("g1").build(),
                    WorkflowConfiguration.builder().workflowArn(b).parallelGroup("g1").build(),
                    WorkflowConfiguration.builder().workflowArn(c).parallelGroup("g2").build());
            Image failed = ib.awaitStatus(arn, ImageStatus.FAILED, ImageStatus.AVAILABLE);
            assertThat(failed.state().status()).isEqualTo(ImageStatus.FAILED);
            assertThat(ib.workflows(arn)).extracting(WorkflowExecutionMetadata::status).containsExactly(
                    WorkflowExecutionStatus.FAILED, WorkflowExecutionStatus.CANCELLED, WorkflowExecutionStatus.SKIPPED);
        } finally {
            ib.admin("DELETE", "faults", null);
        }
    }

    /** SendWorkflowStepAction with another image's ARN is a validation error (spec §5.1 step 4). */
    private static final class InvalidParameterValueAssert {
        static void check(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
            var e = catchThrowableOfType(software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException.class,
                    call);
            assertThat(e).isNotNull();
            assertThat(e.statusCode()).isEqualTo(400);
        }
    }
}
