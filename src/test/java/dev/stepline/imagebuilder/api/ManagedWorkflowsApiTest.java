package dev.stepline.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.GetWorkflowResponse;
import software.amazon.awssdk.services.imagebuilder.model.Ownership;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowSummary;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowVersion;

/** The AWS-managed workflows: owner {@code aws} in ARNs, {@code Amazon} in responses, read-only. */
class ManagedWorkflowsApiTest {
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

    @Test
    void listedWithOwnerAmazonInTheCallersRegion() {
        List<WorkflowVersion> managed = ib.listWorkflows(b -> b.owner(Ownership.AMAZON)).workflowVersionList();
        assertThat(managed).extracting(WorkflowVersion::arn).containsExactly(
                "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-container/1.0.0",
                "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.3",
                "arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-container/1.0.0",
                "arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-image/1.0.0",
                "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-container/1.0.0",
                "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.3");
        assertThat(managed).allSatisfy(w -> assertThat(w.owner()).isEqualTo("Amazon"));
        assertThat(ib.listWorkflows(b -> {}).workflowVersionList()).as("not listed as the caller's own").isEmpty();
        assertThat(server.imagebuilder(TestServer.ACCESS_KEY, "eu-west-1").listWorkflows(b -> b.owner(Ownership.AMAZON))
                .workflowVersionList()).first().extracting(WorkflowVersion::arn)
                .isEqualTo("arn:aws:imagebuilder:eu-west-1:aws:workflow/build/build-container/1.0.0");
    }

    @Test
    void readableByEveryArnForm() {
        for (String arn : List.of("x.x.x", "1.x.x", "1.0.3", "1.0.3/1")) {
            GetWorkflowResponse got = ib.getWorkflow(b -> b.workflowBuildVersionArn(
                    "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/" + arn));
            assertThat(got.workflow().arn()).isEqualTo("arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.3/1");
            assertThat(got.workflow().owner()).isEqualTo("Amazon");
            assertThat(got.workflow().type()).isEqualTo(WorkflowType.BUILD);
            assertThat(got.workflow().data()).contains("LaunchBuildInstance");
            assertThat(got.workflow().tags()).isEmpty();
            assertThat(got.latestVersionReferences().latestVersionArn())
                    .isEqualTo("arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x");
            assertThat(got.latestVersionReferences().latestMajorVersionArn()).as("managed: latestVersionArn only").isNull();
        }
        assertThat(ib.listWorkflowBuildVersions(b -> b.workflowVersionArn(
                "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/x.x.x")).workflowSummaryList())
                .extracting(WorkflowSummary::arn)
                .containsExactly("arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.3/1");
        assertThat(ib.listTagsForResource(b -> b.resourceArn(
                "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/1.0.3/1")).tags()).isEmpty();
        assertThatThrownBy(() -> ib.getWorkflow(b -> b.workflowBuildVersionArn(
                "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.3/2")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> ib.getWorkflow(b -> b.workflowBuildVersionArn(
                "arn:aws:imagebuilder:us-east-1:aws:workflow/test/build-image/x.x.x")))
                .as("the type is part of the identity")
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void cannotBeDeletedOrTagged() {
        String arn = "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.3/1";
        assertThatThrownBy(() -> ib.deleteWorkflow(b -> b.workflowBuildVersionArn(arn)))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageStartingWith("The resource ARN '" + arn + "' is an AWS-managed workflow and cannot be deleted.");
        assertThatThrownBy(() -> ib.tagResource(b -> b.resourceArn(arn).tags(java.util.Map.of("k", "v"))))
                .isInstanceOf(ForbiddenException.class);
        assertThat(ib.getWorkflow(b -> b.workflowBuildVersionArn(arn)).workflow().arn()).isEqualTo(arn);
    }
}
