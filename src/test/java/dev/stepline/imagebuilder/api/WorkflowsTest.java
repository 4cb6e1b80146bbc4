package dev.stepline.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.RawHttp;
import dev.stepline.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.imagebuilder.model.DryRunOperationException;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.GetWorkflowResponse;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidVersionNumberException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;
import software.amazon.awssdk.services.imagebuilder.model.Workflow;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowParameterDetail;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;
import software.amazon.awssdk.services.s3.S3Client;

/** CreateWorkflow, GetWorkflow and DeleteWorkflow through the real SDK. */
class WorkflowsTest {
    static final String ARN_PREFIX = "arn:aws:imagebuilder:us-east-1:123456789012:workflow/";
    static final String IPV = "The value supplied for parameter '";

    static TestServer server;
    static ImagebuilderClient ib;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        ib = server.imagebuilder();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static CreateWorkflowResponse create(ImagebuilderClient client, String name, String version, String data) {
        return client.createWorkflow(b -> b.name(name).semanticVersion(version).type(WorkflowType.BUILD).data(data));
    }

    @Test
    void createThenGetReturnsTheDocumentVerbatimWithParametersTagsAndReferences() {
        CreateWorkflowResponse created = ib.createWorkflow(b -> b.name("My Example Workflow").semanticVersion("1.0.0")
                .type(WorkflowType.BUILD).data(Documents.BUILD_WORKFLOW).description("Builds an AMI")
                .changeDescription("Initial version").kmsKeyId("alias/mine").tags(Map.of("team", "images"))
                .clientToken("token-create-get"));
        String arn = ARN_PREFIX + "build/my-example-workflow/1.0.0/1";
        assertThat(created.workflowBuildVersionArn()).isEqualTo(arn);
        assertThat(created.clientToken()).isEqualTo("token-create-get");
        assertThat(created.latestVersionReferences().latestVersionArn()).isEqualTo(ARN_PREFIX + "build/my-example-workflow/x.x.x");
        assertThat(created.latestVersionReferences().latestMajorVersionArn()).isEqualTo(ARN_PREFIX + "build/my-example-workflow/1.x.x");
        assertThat(created.latestVersionReferences().latestMinorVersionArn()).isEqualTo(ARN_PREFIX + "build/my-example-workflow/1.0.x");
        assertThat(created.latestVersionReferences().latestPatchVersionArn()).isEqualTo(ARN_PREFIX + "build/my-example-workflow/1.0.0");

        GetWorkflowResponse got = ib.getWorkflow(b -> b.workflowBuildVersionArn(arn));
        Workflow w = got.workflow();
        assertThat(w.arn()).isEqualTo(arn);
        assertThat(w.name()).as("the name keeps its case and spaces").isEqualTo("My Example Workflow");
        assertThat(w.version()).isEqualTo("1.0.0");
        assertThat(w.type()).isEqualTo(WorkflowType.BUILD);
        assertThat(w.owner()).isEqualTo("123456789012");
        assertThat(w.data()).isEqualTo(Documents.BUILD_WORKFLOW);
        assertThat(w.description()).isEqualTo("Builds an AMI");
        assertThat(w.changeDescription()).isEqualTo("Initial version");
        assertThat(w.kmsKeyId()).isEqualTo("alias/mine");
        assertThat(w.state()).as("active workflows have no state").isNull();
        assertThat(w.dateCreated()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(w.tags()).containsExactly(Map.entry("team", "images"));
        assertThat(w.parameters()).containsExactly(WorkflowParameterDetail.builder()
                .name("waitForActionAtEnd").type("boolean").defaultValue("true").build());
        assertThat(got.latestVersionReferences()).isEqualTo(created.latestVersionReferences());
    }

    @Test
    void tagsAreAnEmptyObjectWhenThereAreNone() {
        String arn = ib.createWorkflow(b -> b.name("untagged").semanticVersion("1.0.0").type(WorkflowType.TEST)
                .data(Documents.TEST_WORKFLOW)).workflowBuildVersionArn();
        HttpResponse<String> raw = RawHttp.send(server.endpoint(), "GET", "/GetWorkflow?workflowBuildVersionArn=" + arn, null);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).contains("\"tags\":{}").doesNotContain("\"parameters\"").doesNotContain("requestId");
        assertThat(arn).isEqualTo(ARN_PREFIX + "test/untagged/1.0.0/1");
    }

    @Test
    void buildNumbersGrowNeverRepeatAndIdenticalContentIsRejected() {
        String first = create(ib, "builds", "2.0.0", Documents.BUILD_WORKFLOW).workflowBuildVersionArn();
        assertThat(first).endsWith("/builds/2.0.0/1");
        assertThatThrownBy(() -> create(ib, "builds", "2.0.0", Documents.BUILD_WORKFLOW))
                .isInstanceOf(ResourceAlreadyExistsException.class)
                .hasMessageStartingWith("The following resource 'Workflow' already exists: '" + first + "'.");
        String second = ib.createWorkflow(b -> b.name("builds").semanticVersion("2.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW).changeDescription("second")).workflowBuildVersionArn();
        assertThat(second).endsWith("/builds/2.0.0/2");
        ib.deleteWorkflow(b -> b.workflowBuildVersionArn(second));
        String third = ib.createWorkflow(b -> b.name("builds").semanticVersion("2.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW).changeDescription("third")).workflowBuildVersionArn();
        assertThat(third).as("a deleted build number is never reused").endsWith("/builds/2.0.0/3");
        assertThat(create(ib, "builds", "2.0.1", Documents.BUILD_WORKFLOW).workflowBuildVersionArn())
                .as("each version counts its own builds").endsWith("/builds/2.0.1/1");
        assertThat(ib.createWorkflow(b -> b.name("builds").semanticVersion("2.0.0").type(WorkflowType.TEST)
                .data(Documents.TEST_WORKFLOW)).workflowBuildVersionArn())
                .as("the same name with another type is another workflow").isEqualTo(ARN_PREFIX + "test/builds/2.0.0/1");
    }

    @Test
    void wildcardAndVersionArnsResolveToTheHighestVersionAndBuild() {
        for (String v : List.of("2.2.4", "1.7.8", "1.6.8")) {
            create(ib, "resolve", v, Documents.BUILD_WORKFLOW);
        }
        ib.createWorkflow(b -> b.name("resolve").semanticVersion("1.6.8").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW).description("second build"));
        String base = ARN_PREFIX + "build/resolve/";
        assertThat(get(base + "x.x.x").arn()).isEqualTo(base + "2.2.4/1");
        assertThat(get(base + "1.x.x").arn()).isEqualTo(base + "1.7.8/1");
        assertThat(get(base + "1.6.x").arn()).isEqualTo(base + "1.6.8/2");
        assertThat(get(base + "1.6.8").arn()).as("a version ARN means its latest build").isEqualTo(base + "1.6.8/2");
        assertThat(get(base + "1.6.8/1").description()).isNull();
        assertThatThrownBy(() -> get(base + "3.x.x"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource ARN '" + base + "3.x.x' was not found.");
        assertThatThrownBy(() -> get(base + "x.2.x"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "workflowBuildVersionArn' is not valid. The version x.2.x is not valid.");
        assertThatThrownBy(() -> get("arn:aws:imagebuilder:us-east-1:123456789012:image/resolve/1.0.0"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "workflowBuildVersionArn' is not valid. workflowBuildVersionArn must match pattern ^arn:aws");
    }

    private static Workflow get(String arn) {
        return ib.getWorkflow(b -> b.workflowBuildVersionArn(arn)).workflow();
    }

    @Test
    void requestValidationUsesTheServiceWording() {
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.semanticVersion("1.0.0").type(WorkflowType.BUILD).data("x")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "name' is not valid. Member must not be null");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("bad!name").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "name' is not valid. name must match pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$");
        assertThatThrownBy(() -> create(ib, "wfx", "1.0", Documents.BUILD_WORKFLOW))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "semanticVersion' is not valid. semanticVersion must match pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$");
        assertThatThrownBy(() -> create(ib, "wfx", "1.1073741824.0", Documents.BUILD_WORKFLOW))
                .isInstanceOf(InvalidVersionNumberException.class)
                .hasMessageStartingWith(IPV + "semanticVersion' is not valid. Each node of semanticVersion must be an integer between 0 and 1073741823.");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("wfx").semanticVersion("1.0.0").type("BAKE").data("x")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "type' is not valid. Member must satisfy enum value set: [BUILD, TEST, DISTRIBUTION]");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("wfx").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW).description("")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "description' is not valid. Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> create(ib, "wfx", "1.0.0", "x".repeat(16001)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "data' is not valid. Member must have length less than or equal to 16000");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("wfx").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW).tags(Map.of("aws:reserved", "x"))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "tags.aws:reserved' is not valid. Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("wfx").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW).clientToken("t".repeat(65))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "clientToken' is not valid. Member must have length less than or equal to 64");
    }

    @Test
    void theDocumentIsValidatedAndExactlyOneSourceIsRequired() {
        assertThatThrownBy(() -> create(ib, "doc", "1.0.0", "schemaVersion: 1.0\nsteps: []\n"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "data' is not valid. ");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("doc").semanticVersion("1.0.0").type(WorkflowType.DISTRIBUTION)
                .data(Documents.BUILD_WORKFLOW)))
                .as("LaunchInstance is not a distribution action")
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "data' is not valid. ");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("doc").semanticVersion("1.0.0").type(WorkflowType.BUILD)))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith(IPV + "uri' is not valid. You must specify exactly one of data or uri.");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("doc").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW).uri("s3://bucket/key")))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith(IPV + "data' is not valid. You must specify exactly one of data or uri.");
    }

    @Test
    void uriDocumentsAreReadFromTheObjectStore() {
        S3Client s3 = server.s3();
        s3.createBucket(b -> b.bucket("workflow-docs"));
        s3.putObject(b -> b.bucket("workflow-docs").key("build/wf.yaml"), RequestBody.fromString(Documents.BUILD_WORKFLOW));
        String arn = ib.createWorkflow(b -> b.name("from-s3").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .uri("s3://workflow-docs/build/wf.yaml")).workflowBuildVersionArn();
        assertThat(get(arn).data()).isEqualTo(Documents.BUILD_WORKFLOW);
        assertThat(get(arn).parameters()).hasSize(1);

        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("from-s3").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .uri("s3://workflow-docs/missing.yaml")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "uri' is not valid. The document at 's3://workflow-docs/missing.yaml' could not be read");
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("from-s3").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .uri("https://example.com/wf.yaml")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "uri' is not valid. The uri must be an Amazon S3 URI of the form s3://bucket/key.");
    }

    @Test
    void dryRunChecksEverythingAndCreatesNothing() {
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("dry").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW).dryRun(true)))
                .isInstanceOf(DryRunOperationException.class)
                .hasMessageStartingWith("The request would have succeeded, but the dryRun flag is set.")
                .extracting(e -> ((DryRunOperationException) e).statusCode()).isEqualTo(412);
        assertThatThrownBy(() -> ib.createWorkflow(b -> b.name("dry").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .data("schemaVersion: 2.0").dryRun(true)))
                .as("a dry run with errors reports the error")
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> get(ARN_PREFIX + "build/dry/x.x.x")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void clientTokensReplayTheFirstResponseAndRejectOtherRequests() {
        CreateWorkflowRequest request = CreateWorkflowRequest.builder().name("idem").semanticVersion("1.0.0")
                .type(WorkflowType.BUILD).data(Documents.BUILD_WORKFLOW).clientToken("idem-token-1").build();
        CreateWorkflowResponse first = ib.createWorkflow(request);
        CreateWorkflowResponse again = ib.createWorkflow(request);
        assertThat(again.workflowBuildVersionArn()).isEqualTo(first.workflowBuildVersionArn()).endsWith("/idem/1.0.0/1");
        assertThat(again.clientToken()).isEqualTo("idem-token-1");
        assertThatThrownBy(() -> ib.createWorkflow(request.toBuilder().description("changed").build()))
                .isInstanceOf(IdempotentParameterMismatchException.class)
                .hasMessageStartingWith("The client token 'idem-token-1' was used with different request parameters.");
        assertThat(ib.listWorkflowBuildVersions(b -> b.workflowVersionArn(ARN_PREFIX + "build/idem/1.0.0"))
                .workflowSummaryList()).hasSize(1);
    }

    @Test
    void deleteTakesOnlyBuildVersionsAndForgetsTheWorkflow() {
        String arn = create(ib, "doomed", "1.0.0", Documents.BUILD_WORKFLOW).workflowBuildVersionArn();
        assertThatThrownBy(() -> ib.deleteWorkflow(b -> b.workflowBuildVersionArn(ARN_PREFIX + "build/doomed/1.0.0")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(IPV + "workflowBuildVersionArn' is not valid. workflowBuildVersionArn must match pattern");
        assertThat(ib.deleteWorkflow(b -> b.workflowBuildVersionArn(arn)).workflowBuildVersionArn()).isEqualTo(arn);
        assertThatThrownBy(() -> get(arn))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource ARN '" + arn + "' was not found.")
                .extracting(e -> ((ResourceNotFoundException) e).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> ib.deleteWorkflow(b -> b.workflowBuildVersionArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> ib.listTagsForResource(b -> b.resourceArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void otherAccountsAreForbiddenAndSeeNothing() {
        ImagebuilderClient other = server.imagebuilder("210987654321", "us-east-1");
        String arn = create(ib, "private-wf", "1.0.0", Documents.BUILD_WORKFLOW).workflowBuildVersionArn();
        assertThatThrownBy(() -> other.getWorkflow(b -> b.workflowBuildVersionArn(arn)))
                .isInstanceOf(ForbiddenException.class)
                .extracting(e -> ((ForbiddenException) e).statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> other.deleteWorkflow(b -> b.workflowBuildVersionArn(arn)))
                .isInstanceOf(ForbiddenException.class);
        assertThat(other.listWorkflows(b -> {}).workflowVersionList()).isEmpty();
        String mine = create(other, "private-wf", "1.0.0", Documents.BUILD_WORKFLOW).workflowBuildVersionArn();
        assertThat(mine).isEqualTo("arn:aws:imagebuilder:us-east-1:210987654321:workflow/build/private-wf/1.0.0/1");
        ImagebuilderClient west = server.imagebuilder(TestServer.ACCESS_KEY, "us-west-2");
        assertThatThrownBy(() -> west.getWorkflow(b -> b.workflowBuildVersionArn(arn)))
                .as("another region of the same account does not have it")
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(west.listWorkflows(b -> {}).workflowVersionList()).isEmpty();
    }
}
