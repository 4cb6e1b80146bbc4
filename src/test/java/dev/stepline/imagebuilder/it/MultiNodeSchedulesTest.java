package dev.stepline.imagebuilder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.server.ServerConfig;
import dev.stepline.testing.Postgres;
import dev.stepline.testing.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.ImageSummary;

/** Three nodes on one PostgreSQL database: each fire time of a pipeline's schedule builds exactly one image. */
class MultiNodeSchedulesTest {
    @Test
    void threeNodesBuildOneImagePerFireTime() throws Exception {
        String url = Postgres.freshSchemaUrl();
        try (TestServer a = TestServer.with(node(url)); TestServer b = TestServer.with(node(url));
             TestServer c = TestServer.with(node(url))) {
            Ib ib = Ib.on(a);
            ib.admin("PUT", "settings", "{\"stepSeconds\": 0}");
            String recipe = ib.recipe("multi-recipe");
            String infra = ib.infrastructure("multi-infra");
            String pipeline = ib.ib.createImagePipeline(r -> r.name("multi").imageRecipeArn(recipe)
                    .infrastructureConfigurationArn(infra)
                    .schedule(s -> s.scheduleExpression("cron(0 * * * ? *)").pipelineExecutionStartCondition(
                            "EXPRESSION_MATCH_ONLY"))
                    .clientToken(UUID.randomUUID().toString())).imagePipelineArn();
            TestServer[] nodes = {a, b, c};
            for (int hour = 1; hour <= 6; hour++) {
                // each node in turn moves the shared clock on by an hour
                nodes[hour % 3].server().clock().advance(Duration.ofHours(1));
                int expected = hour;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    String next = ib.ib.getImagePipeline(r -> r.imagePipelineArn(pipeline)).imagePipeline().dateNextRun();
                    return next != null && Instant.parse(next).isAfter(a.server().clock().instant())
                            && pendingFires(a, pipeline) == 0
                            && ib.ib.listImagePipelineImages(r -> r.imagePipelineArn(pipeline)).imageSummaryList()
                                    .size() >= expected;
                });
            }
            assertThat(ib.ib.listImagePipelineImages(r -> r.imagePipelineArn(pipeline)).imageSummaryList())
                    .hasSize(6).extracting(ImageSummary::buildTypeAsString).containsOnly("SCHEDULED");
        }
    }

    private static long pendingFires(TestServer server, String pipeline) {
        return server.server().engine().database().read(tx -> tx.query(
                "SELECT COUNT(*) FROM work_item WHERE execution_id LIKE ? AND item_key LIKE 'fire:%'",
                row -> row.getLong(1), pipeline + "/schedule/%").get(0));
    }

    private static ServerConfig node(String url) throws java.io.IOException {
        return ServerConfig.defaults().withDataDir(Files.createTempDirectory("stepline-node")).withDatabaseUrl(url);
    }
}
