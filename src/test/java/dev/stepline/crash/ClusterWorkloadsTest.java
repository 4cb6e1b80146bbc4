package dev.stepline.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.testing.Postgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepMetadata;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceSummary;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunSummary;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Image builds and MWAA runs on three real nodes of one PostgreSQL database, one node killed with
 * SIGKILL mid-flight (issue 7 §3): every image finishes through its workflows with each step
 * execution exactly once, a step waiting for approval on one node is approved through another, every run succeeds (a task whose worker died is retried), a definition
 * uploaded through one node is read by the others, and a schedule fires once per due time across
 * the cluster.
 */
class ClusterWorkloadsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/cluster";
    private static final String BASH = "airflow.providers.standard.operators.bash.BashOperator";
    private static final int IMAGES = 12;
    private static final String APPROVAL = """
            schemaVersion: 1.0
            steps:
              - name: Approve
                action: WaitForAction
              - name: Launch
                action: LaunchInstance
                inputs:
                  waitFor: ssmAgent
              - name: Ami
                action: CreateImage
                inputs:
                  instanceId.$: $.stepOutputs.Launch.instanceId
            """;
    private static final int RUNS_PER_WORKFLOW = 12;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void imageBuildsAndRunsSurviveTheLossOfANode() throws Exception {
        String url = Postgres.freshSchemaUrl();
        List<ServerProcess> nodes = new ArrayList<>();
        List<ImagebuilderClient> ib = new ArrayList<>();
        List<MwaaServerlessClient> mwaa = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ServerProcess node = new ServerProcess(dir.resolve("node" + i), "--database-url", url).start();
                nodes.add(node);
                ib.add(node.imagebuilder());
                mwaa.add(node.mwaa());
                // simulation settings are read at start and set per node
                admin(node, "/_stepline/imagebuilder/settings", "{\"stepSeconds\": 1}");
            }

            String recipe = ib.get(0).createImageRecipe(r -> r.name("cluster-recipe").semanticVersion("1.0.0")
                    .parentImage("ami-0123456789abcdef0").clientToken(token())).imageRecipeArn();
            String infra = ib.get(1).createInfrastructureConfiguration(r -> r.name("cluster-infra")
                    .instanceProfileName("profile").clientToken(token())).infrastructureConfigurationArn();
            // an image waiting for approval, started through node 1, approved through node 2 below
            String approval = ib.get(1).createWorkflow(r -> r.name("approval").semanticVersion("1.0.0")
                    .type(software.amazon.awssdk.services.imagebuilder.model.WorkflowType.BUILD)
                    .data(APPROVAL).clientToken(token()))
                    .workflowBuildVersionArn();
            String waiting = ib.get(1).createImage(r -> r.imageRecipeArn(recipe).infrastructureConfigurationArn(infra)
                    .executionRole(ROLE).workflows(w -> w.workflowArn(approval)).clientToken(token())).imageBuildVersionArn();
            List<String> images = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                images.add(ib.get(i % 3).createImage(r -> r.imageRecipeArn(recipe).infrastructureConfigurationArn(infra)
                        .clientToken(token())).imageBuildVersionArn());
            }

            // uploaded through node 2, read by whichever node creates the workflow
            try (S3Client s3 = nodes.get(2).s3()) {
                s3.createBucket(b -> b.bucket("cluster-defs"));
                s3.putObject(b -> b.bucket("cluster-defs").key("pair.yaml"), RequestBody.fromString("""
                        pair:
                          tasks:
                            first:
                              operator: %s
                              bash_command: "sleep 2; echo first"
                              retries: 2
                              retry_delay: 0
                            second:
                              operator: %s
                              bash_command: "echo second"
                              dependencies: [first]
                        """.formatted(BASH, BASH)));
                s3.putObject(b -> b.bucket("cluster-defs").key("ticker.yaml"), RequestBody.fromString("""
                        ticker:
                          schedule: "*/10 * * * *"
                          tasks:
                            t:
                              operator: airflow.providers.standard.operators.empty.EmptyOperator
                        """));
            }
            List<String> workflows = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int n = w;
                workflows.add(mwaa.get(w).createWorkflow(b -> b.name("pair-" + n).roleArn(ROLE)
                        .definitionS3Location(l -> l.bucket("cluster-defs").objectKey("pair.yaml"))).workflowArn());
            }
            List<String[]> runs = new ArrayList<>();
            for (int i = 0; i < 2 * RUNS_PER_WORKFLOW; i++) {
                String workflow = workflows.get(i % 2);
                runs.add(new String[] {workflow, mwaa.get(i % 3).startWorkflowRun(b -> b.workflowArn(workflow)).runId()});
            }

            // node 0 dies while builds and Bash tasks run everywhere
            await().atMost(Duration.ofSeconds(30)).until(() -> runningTasks(mwaa.get(1), runs) >= 3);
            nodes.get(0).kill();
            ImagebuilderClient survivor = ib.get(1);
            MwaaServerlessClient other = mwaa.get(2);

            for (String image : images) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                        survivor.getImage(r -> r.imageBuildVersionArn(image)).image().state().status(),
                        s -> s == ImageStatus.AVAILABLE || s == ImageStatus.FAILED);
                assertThat(survivor.getImage(r -> r.imageBuildVersionArn(image)).image().state().status()).as(image)
                        .isEqualTo(ImageStatus.AVAILABLE);
            }
            String step = await().atMost(Duration.ofSeconds(60)).until(() ->
                    ib.get(2).listWaitingWorkflowSteps(r -> r.maxResults(25)).steps(), l -> !l.isEmpty()).get(0).stepExecutionId();
            ib.get(2).sendWorkflowStepAction(r -> r.stepExecutionId(step).imageBuildVersionArn(waiting).action("RESUME")
                    .clientToken(token()));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                    survivor.getImage(r -> r.imageBuildVersionArn(waiting)).image().state().status(),
                    s -> s == ImageStatus.AVAILABLE || s == ImageStatus.FAILED);
            assertThat(survivor.getImage(r -> r.imageBuildVersionArn(waiting)).image().state().status())
                    .isEqualTo(ImageStatus.AVAILABLE);
            Set<String> stepIds = new HashSet<>();
            for (String image : images) {
                List<WorkflowExecutionMetadata> wfs = survivor.listWorkflowExecutions(r -> r.imageBuildVersionArn(image))
                        .workflowExecutions();
                assertThat(wfs).as(image).hasSize(2);
                for (WorkflowExecutionMetadata wf : wfs) {
                    List<WorkflowStepMetadata> steps = ib.get(2).listWorkflowStepExecutions(r ->
                            r.workflowExecutionId(wf.workflowExecutionId())).steps();
                    assertThat(steps).hasSize(wf.totalStepCount());
                    assertThat(wf.totalStepsSucceeded() + wf.totalStepsSkipped()).isEqualTo(wf.totalStepCount());
                    steps.forEach(s -> assertThat(stepIds.add(s.stepExecutionId())).as("step %s once", s.name()).isTrue());
                }
            }

            for (String[] run : runs) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                        other.getWorkflowRun(b -> b.workflowArn(run[0]).runId(run[1])).runDetail().runState(),
                        s -> s == WorkflowRunStatus.SUCCESS || s == WorkflowRunStatus.FAILED);
                assertThat(other.getWorkflowRun(b -> b.workflowArn(run[0]).runId(run[1])).runDetail().runState())
                        .as(run[1]).isEqualTo(WorkflowRunStatus.SUCCESS);
                List<TaskInstanceSummary> tasks = other.listTaskInstances(b -> b.workflowArn(run[0]).runId(run[1]))
                        .taskInstances();
                // both tasks succeeded once; any other attempt is one a dead worker left to be retried
                assertThat(tasks).as(run[1]).filteredOn(t -> t.status() == TaskInstanceStatus.SUCCESS).hasSize(2);
                assertThat(tasks).as(run[1]).filteredOn(t -> t.status() != TaskInstanceStatus.SUCCESS)
                        .allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskInstanceStatus.UP_FOR_RETRY));
            }

            // a schedule created on a survivor fires once per due time, whichever node's timer holds it
            String ticker = mwaa.get(1).createWorkflow(b -> b.name("ticker").roleArn(ROLE)
                    .definitionS3Location(l -> l.bucket("cluster-defs").objectKey("ticker.yaml"))).workflowArn();
            for (int fire = 1; fire <= 3; fire++) {
                nodes.get(1 + fire % 2).advance(Duration.ofMinutes(10));
                int expected = fire;
                await().atMost(Duration.ofSeconds(30)).until(() -> scheduled(other, ticker).size() >= expected);
            }
            Thread.sleep(2000);
            assertThat(scheduled(mwaa.get(1), ticker)).hasSize(3).extracting(WorkflowRunSummary::runId).doesNotHaveDuplicates();
        } finally {
            for (ImagebuilderClient client : ib) {
                client.close();
            }
            for (MwaaServerlessClient client : mwaa) {
                client.close();
            }
            for (ServerProcess node : nodes) {
                node.close();
            }
        }
    }

    private static long runningTasks(MwaaServerlessClient mwaa, List<String[]> runs) {
        return runs.stream().flatMap(run -> mwaa.listTaskInstances(b -> b.workflowArn(run[0]).runId(run[1]))
                .taskInstances().stream()).filter(t -> t.status() == TaskInstanceStatus.RUNNING).count();
    }

    private static List<WorkflowRunSummary> scheduled(MwaaServerlessClient mwaa, String workflow) {
        return mwaa.listWorkflowRuns(b -> b.workflowArn(workflow)).workflowRuns();
    }

    private void admin(ServerProcess node, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri(path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String token() {
        return UUID.randomUUID().toString();
    }
}
