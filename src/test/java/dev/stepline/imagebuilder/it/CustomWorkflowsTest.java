package dev.stepline.imagebuilder.it;

import static dev.stepline.imagebuilder.it.Ib.use;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.GetWorkflowStepExecutionResponse;
import software.amazon.awssdk.services.imagebuilder.model.Image;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowParameter;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepExecutionRollbackStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepExecutionStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/**
 * The user's own workflows: {@code if} conditions, {@code .$} references and {@code {{ }}}
 * interpolation, parameters, outputs, onFailure Continue, Abort with rollback (spec §2, §4.5, §4.6).
 */
class CustomWorkflowsTest {
    static Ib ib;
    static String recipe;
    static String infra;

    @BeforeAll
    static void start() {
        ib = Ib.start(0);
        recipe = ib.recipe("custom-recipe");
        infra = ib.infrastructure("custom-infra");
    }

    @AfterAll
    static void stop() throws Exception {
        ib.close();
    }

    static final String CONDITIONS = """
            schemaVersion: 1.0
            parameters:
              - name: runCommand
                type: boolean
                default: false
              - name: documentName
                type: string
                default: AWS-RunShellScript
            steps:
              - name: Launch
                action: LaunchInstance
                inputs:
                  waitFor: ssmAgent
              - name: OnlyOnWindows
                action: RunSysPrep
                if:
                  stringEquals: Windows
                  value: $.imagebuilder.platform
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
              - name: Command
                action: RunCommand
                if:
                  and:
                    - booleanEquals: true
                      value: $.parameters.runCommand
                    - numberGreaterThan: 0
                      value: $.imagebuilder.imageBuildNumber
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
                  documentName.$: $.parameters.documentName
                  parameters:
                    commands:
                      - "echo {{ $.imagebuilder.imageName }} on {{ $.stepOutputs.Launch.instanceId }}"
              - name: MakeAmi
                action: CreateImage
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
              - name: Terminate
                action: TerminateInstance
                onFailure: Continue
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
            outputs:
              - name: ImageId
                value: $.stepOutputs.MakeAmi.imageId
            """;

    @Test
    void conditionsReferencesAndInterpolationDecideWhatRunsAndWithWhat() {
        String workflow = ib.workflow("conditions", WorkflowType.BUILD, CONDITIONS);
        WorkflowConfiguration config = WorkflowConfiguration.builder().workflowArn(workflow)
                .parameters(WorkflowParameter.builder().name("runCommand").value("true").build()).build();
        String arn = ib.createImage(recipe, infra, config);
        Image image = ib.awaitStatus(arn, ImageStatus.AVAILABLE, ImageStatus.FAILED);
        assertThat(image.state().status()).as(image.state().reason()).isEqualTo(ImageStatus.AVAILABLE);
        assertThat(image.workflows()).hasSize(1);
        assertThat(image.workflows().get(0).workflowArn()).isEqualTo(workflow);
        assertThat(image.executionRole()).isEqualTo(Ib.ROLE);

        // only the listed workflows run: no TEST stage, built-in distribution without a record
        List<WorkflowExecutionMetadata> workflows = ib.workflows(arn);
        assertThat(workflows).hasSize(1);
        assertThat(workflows.get(0).workflowBuildVersionArn()).isEqualTo(workflow);
        List<WorkflowStepMetadata> steps = ib.steps(workflows.get(0).workflowExecutionId());
        assertThat(steps).extracting(WorkflowStepMetadata::status).containsExactly(WorkflowStepExecutionStatus.COMPLETED,
                WorkflowStepExecutionStatus.SKIPPED, WorkflowStepExecutionStatus.COMPLETED,
                WorkflowStepExecutionStatus.COMPLETED, WorkflowStepExecutionStatus.COMPLETED);
        String instance = steps.get(0).outputs().replaceAll(".*\"(i-[0-9a-f]{17})\".*", "$1");
        assertThat(steps.get(2).inputs()).isEqualTo("{\"instanceId\": \"" + instance + "\", \"documentName\": "
                + "\"AWS-RunShellScript\", \"parameters\": {\"commands\": [\"echo custom-recipe on " + instance + "\"]}}");
        assertThat(steps.get(2).outputs()).matches("\\{\"runCommandId\": \"[0-9a-f-]{36}\", \"status\": \"Success\", "
                + "\"output\": \\[\".*\"]}");
        // the workflow's ImageId output is the image's AMI
        String ami = steps.get(3).outputs().replaceAll(".*\"(ami-[0-9a-f]{17})\".*", "$1");
        assertThat(image.outputResources().amis().get(0).image()).isEqualTo(ami);
        assertThat(workflows.get(0).totalStepsSkipped()).isEqualTo(1);
    }

    static final String FAILING = """
            schemaVersion: 1.0
            steps:
              - name: Launch
                action: LaunchInstance
                inputs:
                  waitFor: ssmAgent
              - name: Metadata
                action: CollectImageMetadata
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
              - name: Optional
                action: RunCommand
                onFailure: Continue
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
                  documentName: AWS-RunShellScript
              - name: NoRollback
                action: SanitizeInstance
                rollbackEnabled: false
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
              - name: Breaks
                action: WaitForSSMAgent
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
              - name: Never
                action: CreateImage
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
            """;

    @Test
    void aContinueFailureIsCountedAndAnAbortRollsBackInReverse() {
        String workflow = ib.workflow("failing", WorkflowType.BUILD, FAILING);
        ib.fault("failing", "Optional", "FAIL", 0);
        ib.fault("failing", "Breaks", "FAIL", 0);
        String arn = ib.createImage(recipe, infra, use(workflow));
        Image image = ib.awaitStatus(arn, ImageStatus.AVAILABLE, ImageStatus.FAILED);
        assertThat(image.state().status()).isEqualTo(ImageStatus.FAILED);
        WorkflowExecutionMetadata wf = ib.workflows(arn).get(0);
        assertThat(wf.status()).isEqualTo(WorkflowExecutionStatus.ROLLBACK_COMPLETED);
        List<WorkflowStepMetadata> steps = ib.steps(wf.workflowExecutionId());
        assertThat(steps).extracting(WorkflowStepMetadata::status).containsExactly(WorkflowStepExecutionStatus.COMPLETED,
                WorkflowStepExecutionStatus.COMPLETED, WorkflowStepExecutionStatus.FAILED,
                WorkflowStepExecutionStatus.COMPLETED, WorkflowStepExecutionStatus.FAILED,
                WorkflowStepExecutionStatus.SKIPPED);
        assertThat(steps).extracting(WorkflowStepMetadata::rollbackStatusAsString).containsExactly("COMPLETED",
                "COMPLETED", null, "SKIPPED", "NO_ROLLBACK", null);
        assertThat(steps.get(0).rollbackStatus()).isEqualTo(WorkflowStepExecutionRollbackStatus.COMPLETED);
        // succeeded + failed + skipped = total (spec §7 #3)
        assertThat(List.of(wf.totalStepCount(), wf.totalStepsSucceeded(), wf.totalStepsFailed(), wf.totalStepsSkipped()))
                .containsExactly(6, 3, 2, 1);
        String breaks = steps.get(4).stepExecutionId();
        assertThat(steps.get(4).message()).isEqualTo("Step failed: fault injected for step 'Breaks'.");
        assertThat(wf.message()).isEqualTo("Step 'Breaks' (" + breaks + ") failed: Step failed: fault injected for step 'Breaks'.");
        assertThat(image.state().reason()).isEqualTo("Workflow Execution ID: '" + wf.workflowExecutionId()
                + "' failed with reason: " + wf.message());
        assertThat(steps.get(5).inputs()).isEqualTo("{\"instanceId.$\":\"$.stepOutputs.Launch.instanceId\"}");
        assertThat(steps.get(5).startTime()).isEqualTo(steps.get(5).endTime());
    }

    static final String UNRESOLVED = """
            schemaVersion: 1.0
            steps:
              - name: Launch
                action: LaunchInstance
                if:
                  stringEquals: Windows
                  value: $.imagebuilder.platform
                inputs:
                  waitFor: ssmAgent
              - name: Use
                action: TerminateInstance
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
            """;

    @Test
    void anInputThatDoesNotResolveFailsTheStepAndNothingIsRolledBack() {
        String workflow = ib.workflow("unresolved", WorkflowType.BUILD, UNRESOLVED);
        String arn = ib.createImage(recipe, infra, use(workflow));
        ib.awaitStatus(arn, ImageStatus.FAILED);
        WorkflowExecutionMetadata wf = ib.workflows(arn).get(0);
        assertThat(wf.status()).isEqualTo(WorkflowExecutionStatus.FAILED);
        WorkflowStepMetadata use = ib.steps(wf.workflowExecutionId()).get(1);
        assertThat(use.status()).isEqualTo(WorkflowStepExecutionStatus.FAILED);
        assertThat(use.message()).isEqualTo("Unable to resolve input 'instanceId': $.stepOutputs.Launch.instanceId");
        assertThat(use.rollbackStatusAsString()).isEqualTo("NO_ROLLBACK");
        GetWorkflowStepExecutionResponse got = ib.ib.getWorkflowStepExecution(r -> r.stepExecutionId(use.stepExecutionId()));
        assertThat(got.inputs()).isEqualTo("{\"instanceId.$\":\"$.stepOutputs.Launch.instanceId\"}");
        assertThat(got.timeoutSeconds()).isEqualTo(1800);
    }

    @Test
    void aTimedOutStepFailsTheWorkflow() {
        String workflow = ib.workflow("times-out", WorkflowType.BUILD, """
                schemaVersion: 1.0
                steps:
                  - name: Launch
                    action: LaunchInstance
                    timeoutSeconds: 60
                    inputs:
                      waitFor: ssmAgent
                  - name: Use
                    action: TerminateInstance
                    inputs:
                      instanceId.$: $.stepOutputs.Launch.instanceId
                """);
        ib.fault("times-out", "Launch", "TIMEOUT", 0);
        String arn = ib.createImage(recipe, infra, use(workflow));
        ib.advance(java.time.Duration.ofSeconds(61));
        ib.awaitStatus(arn, ImageStatus.FAILED);
        WorkflowExecutionMetadata wf = ib.workflows(arn).get(0);
        WorkflowStepMetadata launch = ib.steps(wf.workflowExecutionId()).get(0);
        assertThat(launch.statusAsString()).isEqualTo("TIMED_OUT");
        assertThat(launch.message()).isEqualTo("Step timed out after 60 seconds");
        assertThat(wf.totalStepsFailed()).isEqualTo(1);
        assertThat(wf.totalStepsSkipped()).isEqualTo(1);
    }
}
