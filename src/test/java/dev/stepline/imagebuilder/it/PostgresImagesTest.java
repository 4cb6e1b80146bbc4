package dev.stepline.imagebuilder.it;

import static dev.stepline.imagebuilder.it.Ib.use;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepExecution;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/** The runtime's projection and listings on PostgreSQL: builds, paging, the waiting index and a restart. */
class PostgresImagesTest {
    @Test
    void imagesRunAndListOnPostgres() throws Exception {
        try (TestServer server = TestServer.postgres()) {
            Ib ib = Ib.on(server);
            ib.admin("PUT", "settings", "{\"stepSeconds\": 0}");
            String recipe = ib.recipe("pg-recipe");
            String infra = ib.infrastructure("pg-infra");
            String built = ib.createImage(recipe, infra);
            assertThat(ib.awaitStatus(built, ImageStatus.AVAILABLE, ImageStatus.FAILED).state().status())
                    .isEqualTo(ImageStatus.AVAILABLE);
            List<WorkflowExecutionMetadata> workflows = ib.workflows(built);
            assertThat(workflows).hasSize(2);
            assertThat(workflows.get(0).totalStepsSucceeded()).isEqualTo(5);
            var firstPage = ib.ib.listWorkflowStepExecutions(r -> r.workflowExecutionId(workflows.get(0).workflowExecutionId())
                    .maxResults(4));
            assertThat(firstPage.nextToken()).isNotNull();
            assertThat(ib.steps(workflows.get(0).workflowExecutionId())).hasSize(7);

            String waiting = ib.workflow("pg-wait", WorkflowType.BUILD, """
                    schemaVersion: 1.0
                    steps:
                      - name: Approve
                        action: WaitForAction
                    """);
            String waitingImage = ib.createImage(recipe, infra, use(waiting));
            String step = org.awaitility.Awaitility.await().until(() -> ib.ib.listWaitingWorkflowSteps(r -> r.maxResults(25))
                    .steps(), l -> l.size() == 1).get(0).stepExecutionId();
            server.restart();
            Ib after = Ib.on(server);
            List<WorkflowStepExecution> still = after.ib.listWaitingWorkflowSteps(r -> r.maxResults(25)).steps();
            assertThat(still).extracting(WorkflowStepExecution::stepExecutionId).containsExactly(step);
            after.ib.sendWorkflowStepAction(r -> r.stepExecutionId(step).imageBuildVersionArn(waitingImage).action("RESUME")
                    .clientToken(UUID.randomUUID().toString()));
            assertThat(after.awaitStatus(waitingImage, ImageStatus.AVAILABLE, ImageStatus.FAILED).state().status())
                    .isEqualTo(ImageStatus.AVAILABLE);
            assertThat(after.ib.listImageBuildVersions(r -> r.maxResults(1)).nextToken()).isNotNull();
        }
    }
}
