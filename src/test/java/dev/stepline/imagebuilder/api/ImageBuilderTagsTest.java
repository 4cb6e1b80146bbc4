package dev.stepline.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.RawHttp;
import dev.stepline.testing.TestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.imagebuilder.model.ForbiddenException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterException;
import software.amazon.awssdk.services.imagebuilder.model.Platform;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;

/** TagResource, UntagResource and ListTagsForResource on every kind of Image Builder ARN. */
class ImageBuilderTagsTest {
    static TestServer server;
    static ImagebuilderClient ib;
    static String workflow;
    static String component;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        ib = server.imagebuilder();
        workflow = ib.createWorkflow(b -> b.name("tagged-wf").semanticVersion("1.0.0").type(WorkflowType.BUILD)
                .data(Documents.BUILD_WORKFLOW)).workflowBuildVersionArn();
        component = ib.createComponent(b -> b.name("tagged-component").semanticVersion("1.0.0").platform(Platform.LINUX)
                .data(Documents.BUILD_COMPONENT).tags(Map.of("created", "yes"))).componentBuildVersionArn();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void tagUntagAndListOnWorkflowsAndComponents() {
        assertThat(ib.listTagsForResource(b -> b.resourceArn(workflow)).tags()).isEmpty();
        ib.tagResource(b -> b.resourceArn(workflow).tags(Map.of("team", "images", "env", "dev")));
        ib.tagResource(b -> b.resourceArn(workflow).tags(Map.of("env", "prod")));
        assertThat(ib.listTagsForResource(b -> b.resourceArn(workflow)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "images", "env", "prod"));
        assertThat(ib.getWorkflow(b -> b.workflowBuildVersionArn(workflow)).workflow().tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "images", "env", "prod"));
        ib.untagResource(b -> b.resourceArn(workflow).tagKeys("team", "absent"));
        assertThat(ib.listTagsForResource(b -> b.resourceArn(workflow)).tags()).containsExactly(Map.entry("env", "prod"));

        assertThat(ib.listTagsForResource(b -> b.resourceArn(component)).tags()).containsExactly(Map.entry("created", "yes"));
        ib.untagResource(b -> b.resourceArn(component).tagKeys("created"));
        assertThat(ib.getComponent(b -> b.componentBuildVersionArn(component)).component().tags()).isEmpty();
        assertThat(RawHttp.send(server.endpoint(), "GET", "/tags/" + component.replace("/", "%2F"), null).body())
                .isEqualTo("{\"tags\":{}}");
    }

    @Test
    void unknownArnsAreNotFoundAndOtherAccountsForbidden() {
        String unknown = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/nothing/1.0.0";
        assertThatThrownBy(() -> ib.listTagsForResource(b -> b.resourceArn(unknown)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource ARN '" + unknown + "' was not found.");
        assertThatThrownBy(() -> ib.tagResource(b -> b.resourceArn(unknown).tags(Map.of("a", "b"))))
                .isInstanceOf(ResourceNotFoundException.class);
        String versionOnly = workflow.substring(0, workflow.lastIndexOf('/'));
        assertThatThrownBy(() -> ib.listTagsForResource(b -> b.resourceArn(versionOnly)))
                .as("tags belong to build versions")
                .isInstanceOf(ResourceNotFoundException.class);
        ImagebuilderClient other = server.imagebuilder("777788889999", "us-east-1");
        assertThatThrownBy(() -> other.listTagsForResource(b -> b.resourceArn(workflow)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> other.untagResource(b -> b.resourceArn(workflow).tagKeys("env")))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void tagConstraintsAreInvalidParameterErrors() {
        assertThatThrownBy(() -> ib.tagResource(b -> b.resourceArn(workflow).tags(Map.of("aws:owner", "x"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("The value supplied for parameter 'tags.aws:owner' is not valid. Tag keys must match pattern");
        assertThatThrownBy(() -> ib.tagResource(b -> b.resourceArn(workflow).tags(Map.of("k".repeat(129), "x"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ib.tagResource(b -> b.resourceArn(workflow).tags(Map.of("k", "v".repeat(257)))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Tag values must be between 0 and 256 characters.");
        assertThatThrownBy(() -> ib.tagResource(b -> b.resourceArn(workflow).tags(Map.of())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("The value supplied for parameter 'tags' is not valid.");
        assertThatThrownBy(() -> ib.listTagsForResource(b -> b.resourceArn("arn:aws:s3:::bucket")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("The value supplied for parameter 'resourceArn' is not valid. resourceArn must match pattern");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("key" + i, "v");
        }
        String fresh = ib.createComponent(b -> b.name("many-tags").semanticVersion("1.0.0").platform(Platform.LINUX)
                .data(Documents.BUILD_COMPONENT).tags(Map.of("first", "v"))).componentBuildVersionArn();
        assertThatThrownBy(() -> ib.tagResource(b -> b.resourceArn(fresh).tags(many)))
                .as("at most 50 tags per resource, counting the ones it has")
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("A resource can have at most 50 tags.");
        ib.untagResource(b -> b.resourceArn(fresh).tagKeys("first"));
        ib.tagResource(b -> b.resourceArn(fresh).tags(many));
        assertThat(ib.listTagsForResource(b -> b.resourceArn(fresh)).tags()).hasSize(50);
    }
}
