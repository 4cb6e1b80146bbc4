package dev.stepline.imagebuilder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A pipeline committed without its schedule execution (the process died in between) gets it at the next start. */
class ScheduleRecoveryTest {
    @Test
    void aMissingScheduleIsCreatedAtStart() throws Exception {
        try (Ib ib = Ib.start(0)) {
            String recipe = ib.recipe("recovered-recipe");
            String infra = ib.infrastructure("recovered-infra");
            String pipeline = ib.ib.createImagePipeline(r -> r.name("recovered").imageRecipeArn(recipe)
                    .infrastructureConfigurationArn(infra)
                    .schedule(s -> s.scheduleExpression("cron(0 * * * ? *)").pipelineExecutionStartCondition(
                            "EXPRESSION_MATCH_ONLY"))
                    .clientToken(UUID.randomUUID().toString())).imagePipelineArn();
            // what a crash right after the pipeline's commit leaves behind: no schedule execution
            ib.server.server().engine().database().write(tx -> {
                tx.update("DELETE FROM work_item WHERE execution_id LIKE ?", pipeline + "/schedule/%");
                tx.update("DELETE FROM execution WHERE id LIKE ?", pipeline + "/schedule/%");
                return null;
            });
            ib.server.restart();
            Ib after = Ib.on(ib.server);
            assertThat(after.ib.getImagePipeline(r -> r.imagePipelineArn(pipeline)).imagePipeline().dateNextRun())
                    .matches(Ib.DATE);
            after.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> !after.ib.listImagePipelineImages(r -> r
                    .imagePipelineArn(pipeline)).imageSummaryList().isEmpty());
        }
    }
}
