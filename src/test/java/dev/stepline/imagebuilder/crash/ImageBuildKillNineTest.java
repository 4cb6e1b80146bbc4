package dev.stepline.imagebuilder.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.crash.ServerProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/**
 * Durability (issue 5 §5): SIGKILL of a separate server while one image waits on WaitForAction,
 * one runs the managed workflows step by step and one is rolling back. After a restart on the same
 * data directory each goes on exactly as it would have: the wait is still approvable, the build
 * finishes with the observed step counts, the rollback completes — and no step execution is lost
 * or made twice.
 */
class ImageBuildKillNineTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/ImageBuilderExecution";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    static final String WAITING = """
            schemaVersion: 1.0
            steps:
              - name: Launch
                action: LaunchInstance
                inputs:
                  waitFor: ssmAgent
              - name: Approve
                action: WaitForAction
              - name: Ami
                action: CreateImage
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
            outputs:
              - name: ImageId
                value: $.stepOutputs.Ami.imageId
            """;

    static final String ROLLING_BACK = """
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
              - name: Breaks
                action: SanitizeInstance
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
              - name: Never
                action: CreateImage
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
            """;

    @Test
    void waitingRunningAndRollingBackImagesCarryOnAfterAKill() throws Exception {
        Path data = dir.resolve("data");
        String waiting;
        String running;
        String rolling;
        try (ServerProcess server = new ServerProcess(data).start(); ImagebuilderClient ib = server.imagebuilder()) {
            admin(server, "PUT", "settings", "{\"stepSeconds\": 30}");
            admin(server, "POST", "faults", "{\"workflow\": \"rolling-back\", \"step\": \"Breaks\", \"mode\": \"FAIL\"}");
            String recipe = ib.createImageRecipe(r -> r.name("crash-recipe").semanticVersion("1.0.0")
                    .parentImage("ami-0123456789abcdef0").clientToken(token())).imageRecipeArn();
            String infra = ib.createInfrastructureConfiguration(r -> r.name("crash-infra").instanceProfileName("profile")
                    .clientToken(token())).infrastructureConfigurationArn();
            String wait = workflow(ib, "waiting", WAITING);
            String roll = workflow(ib, "rolling-back", ROLLING_BACK);
            waiting = ib.createImage(r -> r.imageRecipeArn(recipe).infrastructureConfigurationArn(infra).executionRole(ROLE)
                    .workflows(w -> w.workflowArn(wait)).clientToken(token())).imageBuildVersionArn();
            running = ib.createImage(r -> r.imageRecipeArn(recipe).infrastructureConfigurationArn(infra)
                    .clientToken(token())).imageBuildVersionArn();
            rolling = ib.createImage(r -> r.imageRecipeArn(recipe).infrastructureConfigurationArn(infra).executionRole(ROLE)
                    .workflows(w -> w.workflowArn(roll)).clientToken(token())).imageBuildVersionArn();
            // Launch, Metadata and the failing step take 30 s each: after three moves the rollback runs
            for (int i = 0; i < 3; i++) {
                server.advance(Duration.ofSeconds(31));
                int moves = i + 1;
                await().atMost(Duration.ofSeconds(30)).until(() -> ended(ib, rolling) >= moves);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> workflow(ib, rolling).status()
                    == WorkflowExecutionStatus.ROLLBACK_IN_PROGRESS);
            await().atMost(Duration.ofSeconds(30)).until(() -> steps(ib, workflow(ib, waiting).workflowExecutionId())
                    .get(1).statusAsString().equals("WAITING"));
            assertThat(ib.getImage(r -> r.imageBuildVersionArn(running)).image().state().status())
                    .isIn(ImageStatus.BUILDING, ImageStatus.TESTING);
            server.kill();
        }

        try (ServerProcess server = new ServerProcess(data).start(); ImagebuilderClient ib = server.imagebuilder()) {
            WorkflowStepMetadata approve = steps(ib, workflow(ib, waiting).workflowExecutionId()).get(1);
            assertThat(approve.statusAsString()).isEqualTo("WAITING");
            assertThat(ib.listWaitingWorkflowSteps(r -> r.maxResults(25)).steps()).hasSize(1);
            ib.sendWorkflowStepAction(r -> r.stepExecutionId(approve.stepExecutionId()).imageBuildVersionArn(waiting)
                    .action("RESUME").clientToken(token()));
            for (String image : List.of(waiting, running, rolling)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    server.advance(Duration.ofSeconds(31));
                    return ib.getImage(r -> r.imageBuildVersionArn(image)).image().state().status();
                }, s -> s == ImageStatus.AVAILABLE || s == ImageStatus.FAILED);
            }
            assertThat(status(ib, waiting)).isEqualTo(ImageStatus.AVAILABLE);
            assertThat(status(ib, running)).isEqualTo(ImageStatus.AVAILABLE);
            assertThat(status(ib, rolling)).isEqualTo(ImageStatus.FAILED);

            List<WorkflowExecutionMetadata> defaults = workflows(ib, running);
            assertThat(defaults).hasSize(2);
            assertThat(List.of(defaults.get(0).totalStepCount(), defaults.get(0).totalStepsSucceeded(),
                    defaults.get(0).totalStepsFailed(), defaults.get(0).totalStepsSkipped())).containsExactly(7, 5, 0, 2);
            assertThat(List.of(defaults.get(1).totalStepCount(), defaults.get(1).totalStepsSucceeded(),
                    defaults.get(1).totalStepsSkipped())).containsExactly(4, 2, 2);
            WorkflowExecutionMetadata rolled = workflow(ib, rolling);
            assertThat(rolled.status()).isEqualTo(WorkflowExecutionStatus.ROLLBACK_COMPLETED);
            assertThat(steps(ib, rolled.workflowExecutionId())).extracting(WorkflowStepMetadata::rollbackStatusAsString)
                    .containsExactly("COMPLETED", "COMPLETED", "NO_ROLLBACK", null);
            assertThat(workflows(ib, waiting)).hasSize(1);
            // every step execution exactly once, each id distinct, counters adding up
            Set<String> ids = new HashSet<>();
            for (String image : List.of(waiting, running, rolling)) {
                for (WorkflowExecutionMetadata wf : workflows(ib, image)) {
                    List<WorkflowStepMetadata> steps = steps(ib, wf.workflowExecutionId());
                    assertThat(steps).hasSize(wf.totalStepCount());
                    assertThat(wf.totalStepsSucceeded() + wf.totalStepsFailed() + wf.totalStepsSkipped())
                            .isEqualTo(wf.totalStepCount());
                    steps.forEach(s -> assertThat(ids.add(s.stepExecutionId())).isTrue());
                }
            }
        }
    }

    private static ImageStatus status(ImagebuilderClient ib, String arn) {
        return ib.getImage(r -> r.imageBuildVersionArn(arn)).image().state().status();
    }

    private static long ended(ImagebuilderClient ib, String image) {
        List<WorkflowExecutionMetadata> wfs = workflows(ib, image);
        if (wfs.isEmpty()) {
            return 0;
        }
        return steps(ib, wfs.get(0).workflowExecutionId()).stream().filter(s -> s.endTime() != null).count();
    }

    private static WorkflowExecutionMetadata workflow(ImagebuilderClient ib, String image) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> workflows(ib, image), l -> !l.isEmpty()).get(0);
    }

    private static List<WorkflowExecutionMetadata> workflows(ImagebuilderClient ib, String image) {
        return ib.listWorkflowExecutions(r -> r.imageBuildVersionArn(image)).workflowExecutions();
    }

    private static List<WorkflowStepMetadata> steps(ImagebuilderClient ib, String workflowExecutionId) {
        return ib.listWorkflowStepExecutions(r -> r.workflowExecutionId(workflowExecutionId)).steps();
    }

    private static String workflow(ImagebuilderClient ib, String name, String data) {
        return ib.createWorkflow(r -> r.name(name).semanticVersion("1.0.0").type(WorkflowType.BUILD).data(data)
                .clientToken(token())).workflowBuildVersionArn();
    }

    private void admin(ServerProcess server, String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/_stepline/imagebuilder/" + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String token() {
        return UUID.randomUUID().toString();
    }
}
