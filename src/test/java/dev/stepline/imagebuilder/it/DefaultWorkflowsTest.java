package dev.stepline.imagebuilder.it;

import static dev.stepline.imagebuilder.it.Ib.ACCOUNT;
import static dev.stepline.imagebuilder.it.Ib.DATE;
import static dev.stepline.imagebuilder.it.Ib.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.GetWorkflowExecutionResponse;
import software.amazon.awssdk.services.imagebuilder.model.GetWorkflowStepExecutionResponse;
import software.amazon.awssdk.services.imagebuilder.model.Image;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepExecutionStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepMetadata;

/** CreateImage without {@code workflows}: the managed build-image and test-image run (spec §4.2, §1.6). */
class DefaultWorkflowsTest {
    static Ib ib;
    static String recipe;
    static String infra;

    @BeforeAll
    static void start() {
        ib = Ib.start(0);
        recipe = ib.recipe("my-recipe");
        infra = ib.infrastructure("my-infra");
    }

    @AfterAll
    static void stop() throws Exception {
        ib.close();
    }

    @Test
    void aLinuxAmiBuildsThroughTheManagedWorkflowsWithTheObservedCounts() {
        String arn = ib.createImage(recipe, infra);
        assertThat(arn).matches("arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":image/my-recipe/1\\.0\\.0/\\d+");
        Image image = ib.awaitStatus(arn, ImageStatus.AVAILABLE, ImageStatus.FAILED);
        assertThat(image.state().status()).as("reason %s", image.state().reason()).isEqualTo(ImageStatus.AVAILABLE);
        assertThat(image.version()).matches("1\\.0\\.0/\\d+");
        assertThat(image.typeAsString()).isEqualTo("AMI");
        assertThat(image.platformAsString()).isEqualTo("Linux");
        assertThat(image.osVersion()).isEqualTo("Amazon Linux 2023");
        assertThat(image.imageRecipe().arn()).isEqualTo(recipe);
        assertThat(image.infrastructureConfiguration().arn()).isEqualTo(infra);
        assertThat(image.imageTestsConfiguration().imageTestsEnabled()).isTrue();
        assertThat(image.imageTestsConfiguration().timeoutMinutes()).isEqualTo(720);
        assertThat(image.dateCreated()).matches(DATE);
        assertThat(image.buildTypeAsString()).isEqualTo("USER_INITIATED");
        assertThat(image.imageSourceAsString()).isEqualTo("CUSTOM");
        assertThat(image.workflows()).isEmpty();
        assertThat(image.outputResources().amis()).hasSize(1);
        assertThat(image.outputResources().amis().get(0).image()).matches("ami-[0-9a-f]{17}");
        assertThat(image.outputResources().amis().get(0).region()).isEqualTo("us-east-1");
        assertThat(image.outputResources().amis().get(0).accountId()).isEqualTo(ACCOUNT);

        List<WorkflowExecutionMetadata> workflows = ib.workflows(arn);
        assertThat(workflows).extracting(w -> w.workflowBuildVersionArn()).containsExactly(
                "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.3/1",
                "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.3/1");
        WorkflowExecutionMetadata build = workflows.get(0);
        assertThat(build.workflowExecutionId()).matches("wf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(build.typeAsString()).isEqualTo("BUILD");
        assertThat(build.status()).isEqualTo(WorkflowExecutionStatus.COMPLETED);
        // a Linux AMI without components: RunSysPrep and ApplyBuildComponents skipped (spec §1.6)
        assertThat(List.of(build.totalStepCount(), build.totalStepsSucceeded(), build.totalStepsFailed(),
                build.totalStepsSkipped())).containsExactly(7, 5, 0, 2);
        assertThat(build.startTime()).matches(DATE);
        assertThat(build.endTime()).matches(DATE);
        assertThat(build.retried()).isFalse();
        assertThat(build.message()).isNull();
        WorkflowExecutionMetadata test = workflows.get(1);
        assertThat(List.of(test.totalStepCount(), test.totalStepsSucceeded(), test.totalStepsFailed(),
                test.totalStepsSkipped())).containsExactly(4, 2, 0, 2);

        GetWorkflowExecutionResponse got = ib.ib.getWorkflowExecution(r -> r.workflowExecutionId(build.workflowExecutionId()));
        assertThat(got.requestId()).isNotBlank();
        assertThat(got.imageBuildVersionArn()).isEqualTo(arn);
        assertThat(got.workflowBuildVersionArn()).isEqualTo(build.workflowBuildVersionArn());
        assertThat(got.status()).isEqualTo(WorkflowExecutionStatus.COMPLETED);
        assertThat(got.totalStepCount()).isEqualTo(7);
        assertThat(got.startTime()).isEqualTo(build.startTime());

        List<WorkflowStepMetadata> steps = ib.steps(build.workflowExecutionId());
        assertThat(steps).extracting(WorkflowStepMetadata::name).containsExactly("LaunchBuildInstance",
                "ApplyBuildComponents", "InventoryCollection", "RunSanitizeScript", "RunSysPrepScript", "CreateOutputAMI",
                "TerminateBuildInstance");
        assertThat(steps).extracting(WorkflowStepMetadata::status).containsExactly(WorkflowStepExecutionStatus.COMPLETED,
                WorkflowStepExecutionStatus.SKIPPED, WorkflowStepExecutionStatus.COMPLETED,
                WorkflowStepExecutionStatus.COMPLETED, WorkflowStepExecutionStatus.SKIPPED,
                WorkflowStepExecutionStatus.COMPLETED, WorkflowStepExecutionStatus.COMPLETED);
        WorkflowStepMetadata launch = steps.get(0);
        assertThat(launch.inputs()).isEqualTo("{\"waitFor\": \"ssmAgent\"}");
        assertThat(launch.outputs()).matches("\\{\"instanceId\": \"i-[0-9a-f]{17}\"}");
        String instance = launch.outputs().replaceAll(".*\"(i-[0-9a-f]{17})\".*", "$1");
        WorkflowStepMetadata sysprep = steps.get(4);
        assertThat(sysprep.inputs()).isEqualTo("{\"instanceId.$\":\"$.stepOutputs.LaunchBuildInstance.instanceId\"}");
        assertThat(sysprep.outputs()).isNull();
        assertThat(sysprep.startTime()).isEqualTo(sysprep.endTime());
        WorkflowStepMetadata ami = steps.get(5);
        assertThat(ami.inputs()).isEqualTo("{\"instanceId\": \"" + instance + "\"}");
        assertThat(ami.outputs()).isEqualTo("{\"imageId\": \"" + image.outputResources().amis().get(0).image() + "\"}");
        assertThat(steps.get(6).outputs()).isNull();

        GetWorkflowStepExecutionResponse step = ib.ib.getWorkflowStepExecution(r -> r.stepExecutionId(launch.stepExecutionId()));
        assertThat(step.stepExecutionId()).matches("step-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(step.workflowBuildVersionArn()).isEqualTo(build.workflowBuildVersionArn());
        assertThat(step.workflowExecutionId()).isEqualTo(build.workflowExecutionId());
        assertThat(step.imageBuildVersionArn()).isEqualTo(arn);
        assertThat(step.action()).isEqualTo("LaunchInstance");
        assertThat(step.onFailure()).isEqualTo("Abort");
        assertThat(step.timeoutSeconds()).isEqualTo(4500);
        assertThat(step.status()).isEqualTo(WorkflowStepExecutionStatus.COMPLETED);
        assertThat(step.rollbackStatus()).isNull();
        assertThat(step.startTime()).matches(DATE);
        assertThat(step.endTime()).matches(DATE);
        assertThat(arn).startsWith(PREFIX);
    }

    @Test
    void aContainerBuildsThroughTheManagedContainerWorkflowsAndTheDistributionWorkflow() {
        String container = ib.ib.createContainerRecipe(r -> r.containerType("DOCKER").name("my-container")
                .semanticVersion("2.0.0").parentImage("amazonlinux:latest").dockerfileTemplateData("FROM {{{ imagebuilder:parentImage }}}")
                .targetRepository(t -> t.service("ECR").repositoryName("my-repo"))
                .clientToken(java.util.UUID.randomUUID().toString())).containerRecipeArn();
        String arn = ib.ib.createImage(r -> r.containerRecipeArn(container).infrastructureConfigurationArn(infra)
                .executionRole(Ib.ROLE).workflows(
                        w -> w.workflowArn("arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-container/x.x.x"),
                        w -> w.workflowArn("arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-container/x.x.x"))
                .clientToken(java.util.UUID.randomUUID().toString())).imageBuildVersionArn();
        Image image = ib.awaitStatus(arn, ImageStatus.AVAILABLE, ImageStatus.FAILED);
        assertThat(image.state().status()).as(image.state().reason()).isEqualTo(ImageStatus.AVAILABLE);
        assertThat(image.typeAsString()).isEqualTo("DOCKER");
        assertThat(image.containerRecipe().arn()).isEqualTo(container);
        assertThat(image.outputResources().containers().get(0).imageUris())
                .containsExactly(ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/my-repo:2.0.0-1");
        List<WorkflowExecutionMetadata> workflows = ib.workflows(arn);
        assertThat(workflows).extracting(w -> w.typeAsString()).containsExactly("BUILD", "DISTRIBUTION");
        List<WorkflowStepMetadata> distribution = ib.steps(workflows.get(1).workflowExecutionId());
        String instance = ib.steps(workflows.get(0).workflowExecutionId()).get(0).outputs()
                .replaceAll(".*\"(i-[0-9a-f]{17})\".*", "$1");
        assertThat(distribution.get(0).inputs()).isEqualTo("{\"instanceId\": \"" + instance + "\"}");
        assertThat(distribution).extracting(WorkflowStepMetadata::status).containsOnly(WorkflowStepExecutionStatus.COMPLETED);
    }
}
