package dev.stepline.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.imagebuilder.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.imagebuilder.model.Ownership;
import software.amazon.awssdk.services.imagebuilder.model.Platform;
import software.amazon.awssdk.services.imagebuilder.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/**
 * What survives a restart (embedded store) and the same behaviour on PostgreSQL: resources,
 * tags, build-number high-water marks and client tokens.
 */
class ImageBuilderPersistenceTest {
    @Test
    void embeddedStoreKeepsEverythingAcrossARestart() throws Exception {
        try (TestServer server = TestServer.embedded()) {
            scenario(server, server::imagebuilder);
        }
    }

    @Test
    void postgresBehavesTheSame() throws Exception {
        try (TestServer server = TestServer.postgres()) {
            scenario(server, server::imagebuilder);
        }
    }

    private static void scenario(TestServer server, Supplier<ImagebuilderClient> clients) throws Exception {
        ImagebuilderClient ib = clients.get();
        CreateWorkflowRequest request = CreateWorkflowRequest.builder().name("durable").semanticVersion("1.0.0")
                .type(WorkflowType.BUILD).data(Documents.BUILD_WORKFLOW).tags(Map.of("k", "v")).clientToken("durable-1").build();
        String first = ib.createWorkflow(request).workflowBuildVersionArn();
        String second = ib.createWorkflow(request.toBuilder().description("two").clientToken("durable-2").build())
                .workflowBuildVersionArn();
        ib.deleteWorkflow(b -> b.workflowBuildVersionArn(second));
        String component = ib.createComponent(b -> b.name("durable-component").semanticVersion("1.0.0")
                .platform(Platform.LINUX).data(Documents.BUILD_COMPONENT)).componentBuildVersionArn();

        server.restart();
        ImagebuilderClient after = clients.get();
        assertThat(after.getWorkflow(b -> b.workflowBuildVersionArn(first)).workflow().tags()).containsExactly(Map.entry("k", "v"));
        assertThat(after.createWorkflow(request).workflowBuildVersionArn()).as("client tokens survive").isEqualTo(first);
        assertThatThrownBy(() -> after.createWorkflow(request.toBuilder().kmsKeyId("other").build()))
                .isInstanceOf(IdempotentParameterMismatchException.class);
        assertThatThrownBy(() -> after.createWorkflow(request.toBuilder().clientToken("durable-3").build()))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThat(after.createWorkflow(request.toBuilder().description("three").clientToken("durable-4").build())
                .workflowBuildVersionArn()).as("the high-water mark survives").endsWith("/durable/1.0.0/3");
        assertThat(after.getComponent(b -> b.componentBuildVersionArn(component)).component().data())
                .isEqualTo(Documents.BUILD_COMPONENT);
        assertThat(after.listWorkflows(b -> {}).workflowVersionList()).hasSize(1);
        assertThat(after.listWorkflows(b -> b.owner(Ownership.AMAZON)).workflowVersionList()).hasSize(6);
        assertThat(after.listComponentBuildVersions(b -> {}).componentSummaryList()).hasSize(1);
    }
}
