package dev.stepline.mwaa.api;

import static dev.stepline.mwaa.api.MwaaFixtures.ON_DEMAND;
import static dev.stepline.mwaa.api.MwaaFixtures.ROLE;
import static dev.stepline.mwaa.api.MwaaFixtures.SCHEDULED;
import static dev.stepline.mwaa.api.MwaaFixtures.create;
import static dev.stepline.mwaa.api.MwaaFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.ConflictException;
import software.amazon.awssdk.services.mwaaserverless.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowSummary;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowVersionSummary;

/**
 * What must hold on every store: the whole definition lifecycle, restart persistence, and
 * account and Region isolation. Run on SQLite and PostgreSQL by the subclasses.
 */
abstract class WorkflowStoreBehaviour {
    TestServer server;

    abstract TestServer start();

    @BeforeEach
    void setUp() {
        server = start();
        MwaaFixtures.bucket(server.s3(), "defs");
        put(server.s3(), "defs", "on-demand.yaml", ON_DEMAND);
        put(server.s3(), "defs", "scheduled.yaml", SCHEDULED);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void definitionsVersionsTagsAndTokensSurviveARestart() throws Exception {
        MwaaServerlessClient mwaa = server.mwaa();
        CreateWorkflowResponse created = create(mwaa, "durable", "defs", "on-demand.yaml",
                b -> b.clientToken("durable-1").tags(Map.of("team", "data")));
        String arn = created.workflowArn();
        String v2 = mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE)
                .definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml"))).workflowVersion();
        String token = mwaa.listWorkflowVersions(b -> b.workflowArn(arn).maxResults(1)).nextToken();

        server.restart();
        MwaaServerlessClient after = server.mwaa();
        var got = after.getWorkflow(b -> b.workflowArn(arn));
        assertThat(got.workflowVersion()).isEqualTo(v2);
        assertThat(got.workflowDefinition()).isEqualTo(SCHEDULED);
        assertThat(got.scheduleConfiguration().cronExpression()).isEqualTo("30 2 * * *");
        assertThat(after.getWorkflow(b -> b.workflowArn(arn).workflowVersion(created.workflowVersion())).workflowDefinition())
                .isEqualTo(ON_DEMAND);
        assertThat(after.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEqualTo(Map.of("team", "data"));
        assertThat(after.listWorkflowVersions(b -> b.workflowArn(arn).nextToken(token)).workflowVersions())
                .as("page tokens outlive the process").extracting(WorkflowVersionSummary::workflowVersion)
                .containsExactly(created.workflowVersion());
        assertThat(create(after, "durable", "defs", "on-demand.yaml", b -> b.clientToken("durable-1").tags(Map.of("team", "data")))
                .workflowArn()).as("the client token is remembered").isEqualTo(arn);
        assertThatThrownBy(() -> create(after, "durable", "defs", "on-demand.yaml")).isInstanceOf(ConflictException.class);
    }

    @Test
    void accountsAndRegionsSeeOnlyTheirOwnWorkflows() {
        MwaaServerlessClient mine = server.mwaa();
        MwaaServerlessClient otherAccount = server.mwaa("444444444444", "us-east-1");
        MwaaServerlessClient otherRegion = server.mwaa(TestServer.ACCESS_KEY, "eu-west-1");
        String arn = create(mine, "shared-name", "defs", "on-demand.yaml").workflowArn();

        assertThat(otherAccount.listWorkflows(b -> { }).workflows()).isEmpty();
        assertThat(otherRegion.listWorkflows(b -> { }).workflows()).isEmpty();
        for (MwaaServerlessClient stranger : new MwaaServerlessClient[] {otherAccount, otherRegion}) {
            assertThatThrownBy(() -> stranger.getWorkflow(b -> b.workflowArn(arn))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> stranger.deleteWorkflow(b -> b.workflowArn(arn))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> stranger.tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "b"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> stranger.listWorkflowVersions(b -> b.workflowArn(arn)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        String theirs = create(otherAccount, "shared-name", "defs", "on-demand.yaml").workflowArn();
        assertThat(theirs).startsWith("arn:aws:airflow-serverless:us-east-1:444444444444:workflow/shared-name-");
        String west = create(otherRegion, "shared-name", "defs", "on-demand.yaml").workflowArn();
        assertThat(west).startsWith("arn:aws:airflow-serverless:eu-west-1:123456789012:workflow/shared-name-");
        assertThat(mine.listWorkflows(b -> { }).workflows()).extracting(WorkflowSummary::workflowArn).containsExactly(arn);
    }

    @Test
    void theLifecycleFromCreateToDelete() {
        MwaaServerlessClient mwaa = server.mwaa();
        String a = create(mwaa, "a", "defs", "on-demand.yaml").workflowArn();
        String b = create(mwaa, "b", "defs", "scheduled.yaml").workflowArn();
        mwaa.updateWorkflow(r -> r.workflowArn(a).roleArn(ROLE).definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml")));
        assertThat(mwaa.listWorkflows(r -> r.maxResults(1)).workflows()).extracting(WorkflowSummary::workflowArn).containsExactly(b);
        assertThat(mwaa.listWorkflowsPaginator(r -> r.maxResults(1)).workflows()).extracting(WorkflowSummary::workflowArn)
                .containsExactly(b, a);
        assertThat(mwaa.listWorkflowVersions(r -> r.workflowArn(a)).workflowVersions()).hasSize(2);
        mwaa.deleteWorkflow(r -> r.workflowArn(a));
        assertThat(mwaa.listWorkflows(r -> { }).workflows()).extracting(WorkflowSummary::workflowArn).containsExactly(b);
        assertThatThrownBy(() -> mwaa.listWorkflowVersions(r -> r.workflowArn(a))).isInstanceOf(ResourceNotFoundException.class);
    }
}
