package dev.stepline.imagebuilder.it;

import static org.awaitility.Awaitility.await;

import dev.stepline.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.CreateImageRequest;
import software.amazon.awssdk.services.imagebuilder.model.Image;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowConfiguration;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowExecutionMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowStepMetadata;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/** What the Image Builder end-to-end tests share: a server, its SDK client, resources, waiting. */
final class Ib implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final String PREFIX = "arn:aws:imagebuilder:us-east-1:" + ACCOUNT + ":";
    static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    static final String ROLE = "arn:aws:iam::123456789012:role/ImageBuilderExecution";

    final TestServer server;
    final ImagebuilderClient ib;
    private final HttpClient http = HttpClient.newHttpClient();

    private Ib(TestServer server) {
        this.server = server;
        this.ib = server.imagebuilder();
    }

    /** A new embedded server whose simulated steps take {@code stepSeconds} of engine time. */
    static Ib start(double stepSeconds) {
        Ib ib = new Ib(TestServer.embedded());
        ib.admin("PUT", "settings", "{\"stepSeconds\": " + stepSeconds + "}");
        return ib;
    }

    static Ib on(TestServer server) {
        return new Ib(server);
    }

    /** Calls {@code /_stepline/imagebuilder/<path>}; returns the body. */
    String admin(String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/_stepline/imagebuilder/" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void fault(String workflow, String step, String mode, double seconds) {
        admin("POST", "faults", "{\"workflow\": \"" + workflow + "\", \"step\": \"" + step + "\", \"mode\": \"" + mode
                + "\", \"seconds\": " + seconds + "}");
    }

    void advance(Duration amount) {
        server.server().clock().advance(amount);
    }

    String recipe(String name) {
        return ib.createImageRecipe(r -> r.name(name).semanticVersion("1.0.0").parentImage("ami-0123456789abcdef0")
                .clientToken(UUID.randomUUID().toString())).imageRecipeArn();
    }

    String infrastructure(String name) {
        return ib.createInfrastructureConfiguration(r -> r.name(name).instanceProfileName("EC2InstanceProfileForImageBuilder")
                .clientToken(UUID.randomUUID().toString())).infrastructureConfigurationArn();
    }

    String workflow(String name, WorkflowType type, String data) {
        return ib.createWorkflow(r -> r.name(name).semanticVersion("1.0.0").type(type).data(data)
                .clientToken(UUID.randomUUID().toString())).workflowBuildVersionArn();
    }

    static WorkflowConfiguration use(String workflowArn) {
        return WorkflowConfiguration.builder().workflowArn(workflowArn).build();
    }

    String createImage(String recipe, String infra, WorkflowConfiguration... workflows) {
        CreateImageRequest.Builder request = CreateImageRequest.builder().imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra).clientToken(UUID.randomUUID().toString());
        if (workflows.length > 0) {
            request.workflows(workflows).executionRole(ROLE);
        }
        return ib.createImage(request.build()).imageBuildVersionArn();
    }

    Image image(String arn) {
        return ib.getImage(r -> r.imageBuildVersionArn(arn)).image();
    }

    Image awaitStatus(String arn, ImageStatus... statuses) {
        List<ImageStatus> wanted = List.of(statuses);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> image(arn), i -> wanted.contains(i.state().status()));
    }

    List<WorkflowExecutionMetadata> workflows(String imageArn) {
        List<WorkflowExecutionMetadata> all = new ArrayList<>();
        ib.listWorkflowExecutionsPaginator(r -> r.imageBuildVersionArn(imageArn)).forEach(p -> all.addAll(p.workflowExecutions()));
        return all;
    }

    List<WorkflowStepMetadata> steps(String workflowExecutionId) {
        List<WorkflowStepMetadata> all = new ArrayList<>();
        ib.listWorkflowStepExecutionsPaginator(r -> r.workflowExecutionId(workflowExecutionId))
                .forEach(p -> all.addAll(p.steps()));
        return all;
    }

    WorkflowStepMetadata awaitStep(String workflowExecutionId, String name, Predicate<WorkflowStepMetadata> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> steps(workflowExecutionId).stream().filter(s -> s.name().equals(name)).findFirst().orElse(null),
                        s -> s != null && condition.test(s));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
