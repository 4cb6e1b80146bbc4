package dev.stepline.imagebuilder.it;

import static dev.stepline.imagebuilder.it.Ib.PREFIX;
import static dev.stepline.imagebuilder.it.Ib.use;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.ImageSummary;
import software.amazon.awssdk.services.imagebuilder.model.ImageVersion;
import software.amazon.awssdk.services.imagebuilder.model.ImagebuilderException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidRequestException;
import software.amazon.awssdk.services.imagebuilder.model.ListWorkflowExecutionsResponse;
import software.amazon.awssdk.services.imagebuilder.model.ListWorkflowStepExecutionsResponse;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowParameter;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/** Every error of the five runtime reads, their pagination, image listings and CreateImage's workflow checks. */
class ReadErrorsAndPagingTest {
    static Ib ib;
    static String recipe;
    static String infra;
    static String image;
    static final String UNKNOWN_WF = "wf-00000000-0000-0000-0000-000000000000";
    static final String UNKNOWN_STEP = "step-00000000-0000-0000-0000-000000000000";

    @BeforeAll
    static void start() {
        ib = Ib.start(0);
        recipe = ib.recipe("reads-recipe");
        infra = ib.infrastructure("reads-infra");
        image = ib.createImage(recipe, infra);
        ib.awaitStatus(image, ImageStatus.AVAILABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        ib.close();
    }

    static void fails(ThrowingCallable call, Class<? extends ImagebuilderException> type, int status, String message) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        ImagebuilderException e = (ImagebuilderException) thrown;
        assertThat(e.statusCode()).isEqualTo(status);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
    }

    @Test
    void listWorkflowExecutionsPagesAndRefusesBadInput() {
        ListWorkflowExecutionsResponse first = ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(image).maxResults(1));
        assertThat(first.workflowExecutions()).hasSize(1);
        assertThat(first.imageBuildVersionArn()).isEqualTo(image);
        assertThat(first.requestId()).isNotBlank();
        ListWorkflowExecutionsResponse second = ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(image)
                .maxResults(1).nextToken(first.nextToken()));
        assertThat(second.workflowExecutions().get(0).typeAsString()).isEqualTo("TEST");
        assertThat(second.nextToken()).isNull();
        fails(() -> ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(image).nextToken("garbage")),
                InvalidPaginationTokenException.class, 400, "The provided pagination token is not valid.");
        fails(() -> ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(image).maxResults(26)),
                InvalidParameterValueException.class, 400, null);
        fails(() -> ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(image).maxResults(0)),
                InvalidParameterValueException.class, 400, null);
        fails(() -> ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(PREFIX + "image/reads-recipe/1.0.0")),
                InvalidParameterValueException.class, 400, null);
        String unknown = PREFIX + "image/reads-recipe/1.0.0/999";
        fails(() -> ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(unknown)), ResourceNotFoundException.class,
                404, "The resource ARN '" + unknown + "' was not found.");
        fails(() -> ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(
                "arn:aws:imagebuilder:us-east-1:210987654321:image/x/1.0.0/1")), ForbiddenException.class, 403, null);
        // a token of another image is not valid here
        String other = ib.createImage(recipe, infra);
        ib.awaitStatus(other, ImageStatus.AVAILABLE);
        fails(() -> ib.ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(other).nextToken(first.nextToken())),
                InvalidPaginationTokenException.class, 400, null);
    }

    @Test
    void workflowAndStepIdsAreCheckedForShapeThenExistence() {
        fails(() -> ib.ib.getWorkflowExecution(r -> r.workflowExecutionId("wf-123")), InvalidParameterValueException.class,
                400, "The value supplied for parameter 'workflowExecutionId' is not valid. workflowExecutionId must match"
                        + " pattern ^wf-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
        fails(() -> ib.ib.getWorkflowExecution(r -> r.workflowExecutionId(UNKNOWN_WF)), ResourceNotFoundException.class,
                404, "The resource ID '" + UNKNOWN_WF + "' was not found.");
        fails(() -> ib.ib.listWorkflowStepExecutions(r -> r.workflowExecutionId("nope")),
                InvalidParameterValueException.class, 400, null);
        fails(() -> ib.ib.listWorkflowStepExecutions(r -> r.workflowExecutionId(UNKNOWN_WF)),
                ResourceNotFoundException.class, 404, "The resource ID '" + UNKNOWN_WF + "' was not found.");
        fails(() -> ib.ib.getWorkflowStepExecution(r -> r.stepExecutionId("step-xyz")), InvalidParameterValueException.class,
                400, null);
        fails(() -> ib.ib.getWorkflowStepExecution(r -> r.stepExecutionId(UNKNOWN_STEP)), ResourceNotFoundException.class,
                404, "The resource ID '" + UNKNOWN_STEP + "' was not found.");
        fails(() -> ib.ib.sendWorkflowStepAction(r -> r.stepExecutionId(UNKNOWN_STEP).imageBuildVersionArn(image)
                .action("RESUME").clientToken("t")), ResourceNotFoundException.class, 404, null);
        fails(() -> ib.ib.sendWorkflowStepAction(r -> r.stepExecutionId(UNKNOWN_STEP).imageBuildVersionArn(image)
                .action("PAUSE").clientToken("t")), InvalidParameterValueException.class, 400, null);
        fails(() -> ib.ib.listWaitingWorkflowSteps(r -> r.nextToken("bad")), InvalidPaginationTokenException.class, 400,
                null);
        fails(() -> ib.ib.listWaitingWorkflowSteps(r -> r.maxResults(26)), InvalidParameterValueException.class, 400, null);

        String wf = ib.workflows(image).get(0).workflowExecutionId();
        ListWorkflowStepExecutionsResponse page = ib.ib.listWorkflowStepExecutions(r -> r.workflowExecutionId(wf).maxResults(3));
        assertThat(page.steps()).hasSize(3);
        assertThat(page.workflowExecutionId()).isEqualTo(wf);
        assertThat(page.imageBuildVersionArn()).isEqualTo(image);
        assertThat(page.workflowBuildVersionArn()).endsWith(":aws:workflow/build/build-image/1.0.3/1");
        assertThat(ib.steps(wf)).hasSize(7);
        String test = ib.workflows(image).get(1).workflowExecutionId();
        fails(() -> ib.ib.listWorkflowStepExecutions(r -> r.workflowExecutionId(test).nextToken(page.nextToken())),
                InvalidPaginationTokenException.class, 400, null);
        String step = page.steps().get(0).stepExecutionId();
        fails(() -> ib.ib.sendWorkflowStepAction(r -> r.stepExecutionId(step).imageBuildVersionArn(image)
                .action("RESUME").clientToken("not-waiting")), InvalidRequestException.class, 400, null);
    }

    @Test
    void imagesAreListedByVersionAndByBuildNewestFirst() {
        List<ImageVersion> versions = ib.ib.listImages(r -> r.filters(f -> f.name("name").values("reads-recipe")))
                .imageVersionList();
        assertThat(versions).extracting(ImageVersion::arn).containsExactly(PREFIX + "image/reads-recipe/1.0.0");
        assertThat(versions.get(0).version()).isEqualTo("1.0.0");
        List<ImageSummary> builds = ib.ib.listImageBuildVersions(r -> r.imageVersionArn(PREFIX + "image/reads-recipe/1.0.0"))
                .imageSummaryList();
        assertThat(builds.size()).isGreaterThanOrEqualTo(1);
        assertThat(builds.get(0).version()).matches("1\\.0\\.0/\\d+");
        if (builds.size() > 1) {
            assertThat(builds.get(0).arn().compareTo(builds.get(1).arn())).isPositive();
        }
        fails(() -> ib.ib.listImages(r -> r.byName(true).filters(f -> f.name("version").values("1.0.0"))),
                InvalidParameterCombinationException.class, 400, "The value supplied for parameter 'filters' is not valid."
                        + " You cannot list images by name and filter by version in the same request.");
        assertThat(ib.ib.getImage(r -> r.imageBuildVersionArn(PREFIX + "image/reads-recipe/x.x.x")).image().arn())
                .startsWith(PREFIX + "image/reads-recipe/1.0.0/");
    }

    @Test
    void createImageChecksItsWorkflows() {
        String build = ib.workflow("checked", WorkflowType.BUILD, """
                schemaVersion: 1.0
                parameters:
                  - name: size
                    type: integer
                steps:
                  - name: Ami
                    action: RegisterImage
                """);
        fails(() -> ib.ib.createImage(r -> r.imageRecipeArn(recipe).infrastructureConfigurationArn(infra)
                .workflows(use(build)).clientToken(UUID.randomUUID().toString())), InvalidRequestException.class, 400,
                "An execution role is required to provide workflows");
        fails(() -> ib.createImage(recipe, infra, use(build)), InvalidParameterValueException.class, 400,
                "The value supplied for parameter 'workflows[0].parameters' is not valid. The following required"
                        + " parameters are missing: size");
        fails(() -> ib.createImage(recipe, infra, WorkflowConfiguration.builder().workflowArn(build)
                        .parameters(WorkflowParameter.builder().name("colour").value("red").build()).build()),
                InvalidParameterValueException.class, 400, "The value supplied for parameter 'workflows[0].parameters' is"
                        + " not valid. The following parameters are not defined in the workflow: colour");
        String managed = "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.3";
        fails(() -> ib.createImage(recipe, infra, use(managed)), InvalidParameterValueException.class, 400,
                "The value supplied for parameter 'workflows' is not valid. AWS managed workflows must have latest"
                        + " version 'x.x.x' for '" + managed + "'");
        String latest = "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x";
        fails(() -> ib.createImage(recipe, infra, use(latest), use(latest)), InvalidParameterValueException.class, 400,
                null);
        fails(() -> ib.createImage(recipe, infra, use(PREFIX + "workflow/build/missing/1.0.0")),
                ResourceNotFoundException.class, 404, null);
        fails(() -> ib.ib.createImage(r -> r.imageRecipeArn(recipe).containerRecipeArn(PREFIX + "container-recipe/c/1.0.0")
                .infrastructureConfigurationArn(infra).clientToken(UUID.randomUUID().toString())),
                InvalidParameterCombinationException.class, 400, null);
        fails(() -> ib.createImage(recipe, infra, WorkflowConfiguration.builder().workflowArn(latest)
                .parallelGroup("g").build()), InvalidParameterValueException.class, 400, null);
    }
}
