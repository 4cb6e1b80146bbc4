package dev.stepline.imagebuilder.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.crash.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ImageSummary;

/**
 * SIGKILL of a server just as a pipeline's schedule comes due: after a restart on the same data
 * directory the fire time builds exactly one image, and the schedule goes on to the next one.
 */
class ScheduleKillNineTest {
    @TempDir
    Path dir;

    @Test
    void aFireInterruptedByAKillBuildsOneImage() throws Exception {
        Path data = dir.resolve("data");
        String pipeline;
        try (ServerProcess server = new ServerProcess(data).start(); ImagebuilderClient ib = server.imagebuilder()) {
            String recipe = ib.createImageRecipe(r -> r.name("sched-crash").semanticVersion("1.0.0")
                    .parentImage("ami-0123456789abcdef0").clientToken(token())).imageRecipeArn();
            String infra = ib.createInfrastructureConfiguration(r -> r.name("sched-crash-infra").instanceProfileName("p")
                    .clientToken(token())).infrastructureConfigurationArn();
            pipeline = ib.createImagePipeline(r -> r.name("sched-crash").imageRecipeArn(recipe)
                    .infrastructureConfigurationArn(infra)
                    .schedule(s -> s.scheduleExpression("cron(0 * * * ? *)")
                            .pipelineExecutionStartCondition("EXPRESSION_MATCH_ONLY"))
                    .clientToken(token())).imagePipelineArn();
            server.advance(Duration.ofHours(1));
            server.kill();
        }

        try (ServerProcess server = new ServerProcess(data).start(); ImagebuilderClient ib = server.imagebuilder()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> images(ib, pipeline).size() >= 1);
            server.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> images(ib, pipeline).size() >= 2);
            List<ImageSummary> images = images(ib, pipeline);
            assertThat(images).hasSize(2);
            assertThat(images).extracting(ImageSummary::buildTypeAsString).containsOnly("SCHEDULED");
        }
    }

    private static List<ImageSummary> images(ImagebuilderClient ib, String pipeline) {
        return ib.listImagePipelineImages(r -> r.imagePipelineArn(pipeline)).imageSummaryList();
    }

    private static String token() {
        return UUID.randomUUID().toString();
    }
}
