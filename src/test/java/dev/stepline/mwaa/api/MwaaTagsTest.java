package dev.stepline.mwaa.api;

import static dev.stepline.mwaa.api.MwaaFixtures.ON_DEMAND;
import static dev.stepline.mwaa.api.MwaaFixtures.create;
import static dev.stepline.mwaa.api.MwaaFixtures.message;
import static dev.stepline.mwaa.api.MwaaFixtures.put;
import static dev.stepline.mwaa.api.WorkflowsTest.assertField;
import static dev.stepline.mwaa.api.WorkflowsTest.assertOther;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stepline.mwaa.ids.MwaaPatterns;
import dev.stepline.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.ResourceNotFoundException;

/** TagResource, UntagResource and ListTagsForResource. */
class MwaaTagsTest {
    static TestServer server;
    static MwaaServerlessClient mwaa;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        mwaa = server.mwaa();
        MwaaFixtures.bucket(server.s3(), "defs");
        put(server.s3(), "defs", "dag.yaml", ON_DEMAND);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void tagsMergeOverwriteAndUntagIgnoresAbsentKeys() {
        var created = create(mwaa, "tagged", "defs", "dag.yaml", b -> b.tags(Map.of("team", "data", "env", "dev")));
        String arn = created.workflowArn();
        assertThat(mwaa.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEqualTo(Map.of("team", "data", "env", "dev"));

        mwaa.tagResource(b -> b.resourceArn(arn).tags(Map.of("env", "prod", "cost", "")));
        assertThat(mwaa.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .isEqualTo(Map.of("team", "data", "env", "prod", "cost", ""));

        mwaa.untagResource(b -> b.resourceArn(arn).tagKeys("team", "never-there"));
        assertThat(mwaa.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEqualTo(Map.of("env", "prod", "cost", ""));
        mwaa.untagResource(b -> b.resourceArn(arn).tagKeys("team"));

        var got = mwaa.getWorkflow(b -> b.workflowArn(arn));
        assertThat(got.modifiedAt()).as("tags do not touch the workflow").isEqualTo(created.createdAt());
        assertThat(mwaa.listWorkflowVersions(b -> b.workflowArn(arn)).workflowVersions()).as("nor make versions").hasSize(1);

        mwaa.untagResource(b -> b.resourceArn(arn).tagKeys("env", "cost"));
        assertThat(mwaa.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEmpty();
    }

    @Test
    void noMoreThanFiftyTagsAndNoAwsPrefix() {
        String arn = create(mwaa, "limited", "defs", "dag.yaml").workflowArn();
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        mwaa.tagResource(b -> b.resourceArn(arn).tags(fifty));
        mwaa.tagResource(b -> b.resourceArn(arn).tags(Map.of("k0", "overwritten")));
        assertOther(() -> mwaa.tagResource(b -> b.resourceArn(arn).tags(Map.of("k50", "v"))), "Tags",
                "A workflow can have at most 50 tags; this request would give " + arn + " 51.");
        assertThat(mwaa.listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(50).containsEntry("k0", "overwritten");

        assertOther(() -> mwaa.tagResource(b -> b.resourceArn(arn).tags(Map.of("AWS:x", "v"))), "Tags",
                "Tag keys starting with 'aws:' are reserved for system use: AWS:x");
        assertField(() -> mwaa.tagResource(b -> b.resourceArn(arn).tags(Map.of("k".repeat(129), "v"))),
                "Tags." + "k".repeat(129), "Member must have length less than or equal to 128");
        assertField(() -> mwaa.untagResource(b -> b.resourceArn(arn).tagKeys(List.of())),
                "TagKeys", "Member must have length greater than or equal to 1");
        assertField(() -> mwaa.tagResource(b -> b.resourceArn(arn)), "Tags", "Member must not be null");
    }

    @Test
    void unknownWorkflowsAreNotFoundAndMalformedArnsInvalid() {
        String unknown = "arn:aws:airflow-serverless:us-east-1:123456789012:workflow/none-0000000000";
        for (Runnable call : List.<Runnable>of(
                () -> mwaa.tagResource(b -> b.resourceArn(unknown).tags(Map.of("a", "b"))),
                () -> mwaa.untagResource(b -> b.resourceArn(unknown).tagKeys("a")),
                () -> mwaa.listTagsForResource(b -> b.resourceArn(unknown)))) {
            ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class, call::run);
            assertThat(e.resourceType()).isEqualTo("Workflow");
            assertThat(e.resourceId()).isEqualTo(unknown);
            assertThat(message(e)).isEqualTo("Workflow " + unknown + " not found.");
        }
        assertField(() -> mwaa.listTagsForResource(b -> b.resourceArn("arn:aws:states:us-east-1:123456789012:stateMachine:x")),
                "ResourceArn", "Member must satisfy regular expression pattern: " + MwaaPatterns.WORKFLOW_ARN_REGEX);
    }

    @Test
    void deletingAWorkflowDropsItsTags() {
        String arn = create(mwaa, "short-lived", "defs", "dag.yaml", b -> b.tags(Map.of("a", "1"))).workflowArn();
        mwaa.deleteWorkflow(b -> b.workflowArn(arn));
        String again = create(mwaa, "short-lived", "defs", "dag.yaml").workflowArn();
        assertThat(mwaa.listTagsForResource(b -> b.resourceArn(again)).tags()).isEmpty();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> mwaa.listTagsForResource(b -> b.resourceArn(arn)))).isNotNull();
    }
}
