package dev.stepline.imagebuilder.it;

import static dev.stepline.imagebuilder.it.Ib.use;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.Image;
import software.amazon.awssdk.services.imagebuilder.model.ImagePipeline;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.ImageSummary;
import software.amazon.awssdk.services.imagebuilder.model.InvalidRequestException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Pipelines (create, start, list their images) and the ExecuteStateMachine step against real Step Functions. */
class PipelinesAndStateMachinesTest {
    static Ib ib;
    static String recipe;
    static String infra;

    @BeforeAll
    static void start() {
        ib = Ib.start(0);
        recipe = ib.recipe("pipe-recipe");
        infra = ib.infrastructure("pipe-infra");
    }

    @AfterAll
    static void stop() throws Exception {
        ib.close();
    }

    @Test
    void aPipelineStartsImagesWithItsSettingsAndListsThem() {
        String pipeline = ib.ib.createImagePipeline(r -> r.name("nightly").imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra)
                .schedule(s -> s.scheduleExpression("cron(0 0 * * ? *)"))
                .clientToken(UUID.randomUUID().toString())).imagePipelineArn();
        assertThat(pipeline).isEqualTo(Ib.PREFIX + "image-pipeline/nightly");
        assertThat(catchThrowableOfType(ResourceAlreadyExistsException.class, () -> ib.ib.createImagePipeline(r -> r
                .name("nightly").imageRecipeArn(recipe).infrastructureConfigurationArn(infra)
                .clientToken(UUID.randomUUID().toString())))).isNotNull();
        String first = ib.ib.startImagePipelineExecution(r -> r.imagePipelineArn(pipeline).tags(Map.of("env", "prod"))
                .clientToken("start-1")).imageBuildVersionArn();
        // the same token answers the same image
        assertThat(ib.ib.startImagePipelineExecution(r -> r.imagePipelineArn(pipeline).tags(Map.of("env", "prod"))
                .clientToken("start-1")).imageBuildVersionArn()).isEqualTo(first);
        String second = ib.ib.startImagePipelineExecution(r -> r.imagePipelineArn(pipeline)
                .clientToken("start-2")).imageBuildVersionArn();
        Image image = ib.awaitStatus(first, ImageStatus.AVAILABLE);
        assertThat(image.sourcePipelineArn()).isEqualTo(pipeline);
        assertThat(image.sourcePipelineName()).isEqualTo("nightly");
        assertThat(image.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod"));
        ib.awaitStatus(second, ImageStatus.AVAILABLE);

        List<ImageSummary> images = ib.ib.listImagePipelineImages(r -> r.imagePipelineArn(pipeline)).imageSummaryList();
        assertThat(images).extracting(ImageSummary::arn).containsExactly(second, first);
        assertThat(images.get(0).state().status()).isEqualTo(ImageStatus.AVAILABLE);
        var paged = ib.ib.listImagePipelineImages(r -> r.imagePipelineArn(pipeline).maxResults(1));
        assertThat(paged.imageSummaryList()).hasSize(1);
        assertThat(paged.nextToken()).isNotNull();

        ImagePipeline got = ib.ib.getImagePipeline(r -> r.imagePipelineArn(pipeline)).imagePipeline();
        assertThat(got.name()).isEqualTo("nightly");
        assertThat(got.statusAsString()).isEqualTo("ENABLED");
        assertThat(got.schedule().scheduleExpression()).isEqualTo("cron(0 0 * * ? *)");
        assertThat(got.lastRunStatus()).isEqualTo(ImageStatus.AVAILABLE);
        assertThat(got.dateLastRun()).matches(Ib.DATE);
        assertThat(ib.ib.listImagePipelines(r -> r.maxResults(25)).imagePipelineList()).extracting(ImagePipeline::arn)
                .contains(pipeline);

        String disabled = ib.ib.createImagePipeline(r -> r.name("off").imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra).status("DISABLED").clientToken(UUID.randomUUID().toString()))
                .imagePipelineArn();
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> ib.ib.startImagePipelineExecution(r -> r
                .imagePipelineArn(disabled).clientToken(UUID.randomUUID().toString())))).isNotNull();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> ib.ib.startImagePipelineExecution(r -> r
                .imagePipelineArn(Ib.PREFIX + "image-pipeline/nope").clientToken(UUID.randomUUID().toString()))))
                .isNotNull();
        ib.ib.deleteImagePipeline(r -> r.imagePipelineArn(disabled));
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> ib.ib.getImagePipeline(r -> r.imagePipelineArn(disabled)))).isNotNull();
    }

    @Test
    void executeStateMachineRunsARealStepFunctionsExecutionAndWaitsForIt() {
        SfnClient sfn = ib.server.sfn();
        String machine = sfn.createStateMachine(r -> r.name("approve-image").roleArn("arn:aws:iam::123456789012:role/sfn")
                .definition("""
                        {"StartAt": "Check", "States": {"Check": {"Type": "Pass",
                          "Parameters": {"ok": true, "image.$": "$.image"}, "End": true}}}
                        """)).stateMachineArn();
        String workflow = ib.workflow("with-state-machine", WorkflowType.BUILD, """
                schemaVersion: 1.0
                steps:
                  - name: Check
                    action: ExecuteStateMachine
                    inputs:
                      stateMachineArn: %s
                      input: '{"image": "{{ $.imagebuilder.sourceImageARN }}"}'
                """.formatted(machine));
        String arn = ib.createImage(recipe, infra, use(workflow));
        Image image = ib.awaitStatus(arn, ImageStatus.AVAILABLE, ImageStatus.FAILED);
        assertThat(image.state().status()).as(image.state().reason()).isEqualTo(ImageStatus.AVAILABLE);
        WorkflowStepMetadata step = ib.steps(ib.workflows(arn).get(0).workflowExecutionId()).get(0);
        String executionArn = step.outputs().replaceAll(".*\"executionArn\": \"([^\"]+)\".*", "$1");
        assertThat(executionArn).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:approve-image:"
                + step.stepExecutionId());
        assertThat(sfn.describeExecution(r -> r.executionArn(executionArn)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(step.outputs()).contains("\"output\": \"{\\\"ok\\\":true,\\\"image\\\":\\\"" + arn + "\\\"}\"");

        String failing = sfn.createStateMachine(r -> r.name("reject-image").roleArn("arn:aws:iam::123456789012:role/sfn")
                .definition("{\"StartAt\": \"No\", \"States\": {\"No\": {\"Type\": \"Fail\", \"Error\": \"Rejected\","
                        + " \"Cause\": \"not good\"}}}")).stateMachineArn();
        String rejecting = ib.workflow("rejecting", WorkflowType.BUILD, """
                schemaVersion: 1.0
                steps:
                  - name: Check
                    action: ExecuteStateMachine
                    inputs:
                      stateMachineArn: %s
                """.formatted(failing));
        String rejected = ib.createImage(recipe, infra, use(rejecting));
        Image failed = ib.awaitStatus(rejected, ImageStatus.FAILED, ImageStatus.AVAILABLE);
        assertThat(failed.state().status()).isEqualTo(ImageStatus.FAILED);
        WorkflowStepMetadata check = ib.steps(ib.workflows(rejected).get(0).workflowExecutionId()).get(0);
        assertThat(check.message()).contains("ended with status FAILED").contains("not good");
    }
}
