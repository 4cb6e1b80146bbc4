package dev.stepline.imagebuilder.it;

import static dev.stepline.imagebuilder.it.Ib.use;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.ResourceDependencyException;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/** Deleting what a pipeline or a running image uses is ResourceDependencyException (spec §5.2). */
class DeleteDependenciesTest {
    static Ib ib;

    @BeforeAll
    static void start() {
        ib = Ib.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        ib.close();
    }

    private static void refused(String arn, Runnable delete) {
        ResourceDependencyException e = catchThrowableOfType(ResourceDependencyException.class, delete::run);
        assertThat(e).as(arn).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Resource dependency error: The resource ARN '" + arn + "' has other resources depended on it.");
    }

    private static String component(String name) {
        return ib.ib.createComponent(r -> r.name(name).semanticVersion("1.0.0").platform("Linux").data("""
                name: c
                schemaVersion: 1.0
                phases:
                  - name: build
                    steps:
                      - name: Hello
                        action: ExecuteBash
                        inputs:
                          commands: ["echo hi"]
                """).clientToken(UUID.randomUUID().toString())).componentBuildVersionArn();
    }

    @Test
    void whatAPipelineUsesCannotBeDeletedUntilThePipelineIsGone() {
        String component = component("pipe-comp");
        String recipe = ib.ib.createImageRecipe(r -> r.name("dep-pipe-recipe").semanticVersion("1.0.0")
                .parentImage("ami-0123456789abcdef0").components(c -> c.componentArn(Ib.PREFIX + "component/pipe-comp/1.0.0"))
                .clientToken(UUID.randomUUID().toString())).imageRecipeArn();
        String infra = ib.infrastructure("dep-pipe-infra");
        String dist = ib.ib.createDistributionConfiguration(r -> r.name("dep-pipe-dist")
                .distributions(d -> d.region("us-east-1").amiDistributionConfiguration(a -> a.name("out-{{imagebuilder:buildDate}}")))
                .clientToken(UUID.randomUUID().toString())).distributionConfigurationArn();
        String workflow = ib.workflow("dep-pipe-build", WorkflowType.BUILD, """
                schemaVersion: 1.0
                steps:
                  - name: Launch
                    action: LaunchInstance
                    inputs:
                      waitFor: ssmAgent
                """);
        String pipeline = ib.ib.createImagePipeline(r -> r.name("dep-pipe").imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra).distributionConfigurationArn(dist)
                .workflows(use(workflow)).executionRole(Ib.ROLE).clientToken(UUID.randomUUID().toString()))
                .imagePipelineArn();

        refused(recipe, () -> ib.ib.deleteImageRecipe(r -> r.imageRecipeArn(recipe)));
        refused(infra, () -> ib.ib.deleteInfrastructureConfiguration(r -> r.infrastructureConfigurationArn(infra)));
        refused(dist, () -> ib.ib.deleteDistributionConfiguration(r -> r.distributionConfigurationArn(dist)));
        refused(workflow, () -> ib.ib.deleteWorkflow(r -> r.workflowBuildVersionArn(workflow)));
        refused(component, () -> ib.ib.deleteComponent(r -> r.componentBuildVersionArn(component)));

        ib.ib.deleteImagePipeline(r -> r.imagePipelineArn(pipeline));
        ib.ib.deleteImageRecipe(r -> r.imageRecipeArn(recipe));
        ib.ib.deleteComponent(r -> r.componentBuildVersionArn(component));
        ib.ib.deleteInfrastructureConfiguration(r -> r.infrastructureConfigurationArn(infra));
        ib.ib.deleteDistributionConfiguration(r -> r.distributionConfigurationArn(dist));
        ib.ib.deleteWorkflow(r -> r.workflowBuildVersionArn(workflow));
    }

    @Test
    void whatARunningImageUsesCannotBeDeletedUntilItEnds() {
        String recipe = ib.recipe("dep-run-recipe");
        String infra = ib.infrastructure("dep-run-infra");
        String workflow = ib.workflow("dep-run-wait", WorkflowType.BUILD, """
                schemaVersion: 1.0
                steps:
                  - name: Approve
                    action: WaitForAction
                """);
        String image = ib.createImage(recipe, infra, use(workflow));
        await().atMost(Duration.ofSeconds(30)).until(() -> !ib.workflows(image).isEmpty());

        refused(workflow, () -> ib.ib.deleteWorkflow(r -> r.workflowBuildVersionArn(workflow)));
        refused(infra, () -> ib.ib.deleteInfrastructureConfiguration(r -> r.infrastructureConfigurationArn(infra)));
        refused(recipe, () -> ib.ib.deleteImageRecipe(r -> r.imageRecipeArn(recipe)));

        ib.ib.cancelImageCreation(r -> r.imageBuildVersionArn(image).clientToken(UUID.randomUUID().toString()));
        ib.awaitStatus(image, ImageStatus.CANCELLED);
        ib.ib.deleteWorkflow(r -> r.workflowBuildVersionArn(workflow));
        ib.ib.deleteInfrastructureConfiguration(r -> r.infrastructureConfigurationArn(infra));
        ib.ib.deleteImageRecipe(r -> r.imageRecipeArn(recipe));
    }
}
