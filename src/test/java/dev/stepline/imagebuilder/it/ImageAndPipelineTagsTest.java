package dev.stepline.imagebuilder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;

/** TagResource, UntagResource and ListTagsForResource on image build versions and pipelines. */
class ImageAndPipelineTagsTest {
    static Ib ib;

    @BeforeAll
    static void start() {
        ib = Ib.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        ib.close();
    }

    private static Map<String, String> tags(String arn) {
        return ib.ib.listTagsForResource(r -> r.resourceArn(arn)).tags();
    }

    @Test
    void imagesAndPipelinesAreTaggable() {
        String recipe = ib.recipe("tag-recipe");
        String infra = ib.infrastructure("tag-infra");
        String pipeline = ib.ib.createImagePipeline(r -> r.name("tagged").imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra).tags(Map.of("team", "a"))
                .clientToken(UUID.randomUUID().toString())).imagePipelineArn();
        String image = ib.ib.startImagePipelineExecution(r -> r.imagePipelineArn(pipeline).tags(Map.of("run", "1"))
                .clientToken(UUID.randomUUID().toString())).imageBuildVersionArn();
        ib.awaitStatus(image, ImageStatus.AVAILABLE);

        assertThat(tags(image)).containsExactlyInAnyOrderEntriesOf(Map.of("run", "1"));
        ib.ib.tagResource(r -> r.resourceArn(image).tags(Map.of("stage", "prod", "run", "2")));
        assertThat(tags(image)).containsExactlyInAnyOrderEntriesOf(Map.of("run", "2", "stage", "prod"));
        assertThat(ib.image(image).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("run", "2", "stage", "prod"));
        ib.ib.untagResource(r -> r.resourceArn(image).tagKeys("run"));
        assertThat(tags(image)).containsExactlyInAnyOrderEntriesOf(Map.of("stage", "prod"));

        assertThat(tags(pipeline)).containsExactlyInAnyOrderEntriesOf(Map.of("team", "a"));
        ib.ib.tagResource(r -> r.resourceArn(pipeline).tags(Map.of("cost", "42")));
        ib.ib.untagResource(r -> r.resourceArn(pipeline).tagKeys("team"));
        assertThat(tags(pipeline)).containsExactlyInAnyOrderEntriesOf(Map.of("cost", "42"));
        assertThat(ib.ib.getImagePipeline(r -> r.imagePipelineArn(pipeline)).imagePipeline().tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cost", "42"));

        String unknown = Ib.PREFIX + "image/tag-recipe/1.0.0/99";
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> ib.ib.tagResource(r -> r.resourceArn(unknown).tags(Map.of("a", "b"))))).isNotNull();
        ib.ib.deleteImage(r -> r.imageBuildVersionArn(image));
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> tags(image))).isNotNull();
        ib.ib.deleteImagePipeline(r -> r.imagePipelineArn(pipeline));
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> tags(pipeline))).isNotNull();
    }
}
