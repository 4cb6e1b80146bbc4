package dev.stepline.mwaa.api;

import static dev.stepline.mwaa.api.MwaaFixtures.ON_DEMAND;
import static dev.stepline.mwaa.api.MwaaFixtures.ROLE;
import static dev.stepline.mwaa.api.MwaaFixtures.SCHEDULED;
import static dev.stepline.mwaa.api.MwaaFixtures.message;
import static dev.stepline.mwaa.api.MwaaFixtures.put;
import static dev.stepline.mwaa.api.WorkflowsTest.assertField;
import static dev.stepline.mwaa.api.WorkflowsTest.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stepline.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ListWorkflowVersionsResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ListWorkflowsResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationException;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationExceptionReason;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowStatus;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowSummary;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowVersionSummary;
import software.amazon.awssdk.services.s3.S3Client;

/** ListWorkflows and ListWorkflowVersions: content, order, pages and tokens. Each test uses its own account. */
class WorkflowListingsTest {
    static TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        s3 = server.s3();
        MwaaFixtures.bucket(s3, "defs");
        put(s3, "defs", "on-demand.yaml", ON_DEMAND);
        put(s3, "defs", "scheduled.yaml", SCHEDULED);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void workflowsComeNewestFirstInPagesOfMaxResults() throws Exception {
        MwaaServerlessClient mwaa = server.mwaa("300000000001", "us-east-1");
        assertThat(mwaa.listWorkflows(b -> { }).workflows()).isEmpty();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            created.add(0, MwaaFixtures.create(mwaa, "wf" + n, "defs", "on-demand.yaml").workflowArn());
            Thread.sleep(2);
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListWorkflowsResponse page = mwaa.listWorkflows(b -> b.maxResults(2).nextToken(next));
            page.workflows().forEach(w -> seen.add(w.workflowArn()));
            sizes.add(page.workflows().size());
            token = page.nextToken();
        } while (token != null);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void theDefaultPageIsTwentyAndTheSdkPaginatorFollowsTokens() {
        MwaaServerlessClient mwaa = server.mwaa("300000000002", "us-east-1");
        for (int i = 0; i < 23; i++) {
            int n = i;
            mwaa.createWorkflow(b -> b.name("w" + n).roleArn(ROLE).definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml")));
        }
        ListWorkflowsResponse first = mwaa.listWorkflows(b -> { });
        assertThat(first.workflows()).hasSize(20);
        assertThat(first.nextToken()).isNotNull();
        assertThat(mwaa.listWorkflowsPaginator(b -> b.maxResults(7)).workflows().stream().map(WorkflowSummary::name).distinct())
                .hasSize(23);
    }

    @Test
    void aSummaryShowsTheLatestVersion() {
        MwaaServerlessClient mwaa = server.mwaa("300000000003", "us-east-1");
        CreateWorkflowResponse created = MwaaFixtures.create(mwaa, "summarised", "defs", "on-demand.yaml",
                b -> b.description("first").triggerMode("manual"));
        var updated = mwaa.updateWorkflow(b -> b.workflowArn(created.workflowArn()).roleArn(ROLE).description("second")
                .definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml")));

        WorkflowSummary summary = mwaa.listWorkflows(b -> { }).workflows().getFirst();
        assertThat(summary.workflowArn()).isEqualTo(created.workflowArn());
        assertThat(summary.workflowVersion()).isEqualTo(updated.workflowVersion());
        assertThat(summary.name()).isEqualTo("summarised");
        assertThat(summary.description()).isEqualTo("second");
        assertThat(summary.createdAt()).isEqualTo(created.createdAt());
        assertThat(summary.modifiedAt()).isEqualTo(updated.modifiedAt());
        assertThat(summary.workflowStatus()).isEqualTo(WorkflowStatus.READY);
        assertThat(summary.triggerMode()).isEqualTo("manual_only");
    }

    @Test
    void versionsComeLatestFirstWithTheirOwnScheduleAndPage() {
        MwaaServerlessClient mwaa = server.mwaa("300000000004", "us-east-1");
        CreateWorkflowResponse created = MwaaFixtures.create(mwaa, "versioned", "defs", "scheduled.yaml");
        String arn = created.workflowArn();
        List<String> expected = new ArrayList<>(List.of(created.workflowVersion()));
        for (int i = 0; i < 3; i++) {
            expected.add(0, mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE).triggerMode("disabled")
                    .definitionS3Location(l -> l.bucket("defs").objectKey("on-demand.yaml"))).workflowVersion());
        }

        ListWorkflowVersionsResponse page1 = mwaa.listWorkflowVersions(b -> b.workflowArn(arn).maxResults(3));
        assertThat(page1.workflowVersions()).hasSize(3);
        assertThat(page1.nextToken()).isNotNull();
        ListWorkflowVersionsResponse page2 = mwaa.listWorkflowVersions(b -> b.workflowArn(arn).maxResults(3).nextToken(page1.nextToken()));
        assertThat(page2.nextToken()).isNull();
        List<WorkflowVersionSummary> all = new ArrayList<>(page1.workflowVersions());
        all.addAll(page2.workflowVersions());
        assertThat(all).extracting(WorkflowVersionSummary::workflowVersion).containsExactlyElementsOf(expected);
        assertThat(all).extracting(WorkflowVersionSummary::isLatestVersion).containsExactly(true, false, false, false);
        assertThat(all).extracting(WorkflowVersionSummary::workflowArn).containsOnly(arn);
        assertThat(all).extracting(WorkflowVersionSummary::triggerMode).containsExactly("disabled", "disabled", "disabled", "scheduled");

        WorkflowVersionSummary oldest = all.getLast();
        assertThat(oldest.scheduleConfiguration().cronExpression()).as("kept for superseded versions").isEqualTo("30 2 * * *");
        assertThat(oldest.definitionS3Location().objectKey()).isEqualTo("scheduled.yaml");
        assertThat(oldest.createdAt()).isEqualTo(created.createdAt()).isEqualTo(oldest.modifiedAt());
        assertThat(all.getFirst().scheduleConfiguration()).isNull();
    }

    @Test
    void badTokensAndPageSizesAreValidationExceptions() {
        MwaaServerlessClient mwaa = server.mwaa("300000000005", "us-east-1");
        String a = MwaaFixtures.create(mwaa, "a", "defs", "on-demand.yaml").workflowArn();
        mwaa.updateWorkflow(b -> b.workflowArn(a).roleArn(ROLE).definitionS3Location(l -> l.bucket("defs").objectKey("on-demand.yaml")));
        String b2 = MwaaFixtures.create(mwaa, "b", "defs", "on-demand.yaml").workflowArn();
        mwaa.updateWorkflow(b -> b.workflowArn(b2).roleArn(ROLE).definitionS3Location(l -> l.bucket("defs").objectKey("on-demand.yaml")));

        assertInvalidToken(() -> mwaa.listWorkflows(b -> b.nextToken("123")));
        String versionsOfA = mwaa.listWorkflowVersions(b -> b.workflowArn(a).maxResults(1)).nextToken();
        assertThat(versionsOfA).isNotNull();
        assertInvalidToken(() -> mwaa.listWorkflowVersions(b -> b.workflowArn(b2).nextToken(versionsOfA)));
        assertInvalidToken(() -> mwaa.listWorkflows(b -> b.nextToken(versionsOfA)));
        assertThat(mwaa.listWorkflowVersions(b -> b.workflowArn(a).nextToken(versionsOfA)).workflowVersions()).hasSize(1);
        String tampered = versionsOfA.substring(0, versionsOfA.length() - 2) + (versionsOfA.endsWith("AA") ? "BB" : "AA");
        assertInvalidToken(() -> mwaa.listWorkflowVersions(b -> b.workflowArn(a).nextToken(tampered)));

        assertField(() -> mwaa.listWorkflows(b -> b.maxResults(0)), "MaxResults", "Member must have value greater than or equal to 1");
        assertField(() -> mwaa.listWorkflows(b -> b.maxResults(101)), "MaxResults", "Member must have value less than or equal to 100");
        assertField(() -> mwaa.listWorkflowVersions(b -> b.workflowArn(a).maxResults(101)), "MaxResults",
                "Member must have value less than or equal to 100");
    }

    @Test
    void versionsOfAnUnknownWorkflowAreNotFound() {
        MwaaServerlessClient mwaa = server.mwaa("300000000006", "us-east-1");
        String unknown = "arn:aws:airflow-serverless:us-east-1:300000000006:workflow/ghost-0123456789";
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> mwaa.listWorkflowVersions(b -> b.workflowArn(unknown)));
        assertThat(e.resourceType()).isEqualTo("Workflow");
        assertThat(e.resourceId()).isEqualTo(unknown);
        assertThatThrownBy(() -> mwaa.listWorkflowVersions(b -> { })).isInstanceOf(ValidationException.class);
    }

    private static void assertInvalidToken(Runnable call) {
        ValidationException e = catchThrowableOfType(ValidationException.class, call::run);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(ValidationExceptionReason.OTHER);
        assertThat(message(e)).isEqualTo("Invalid NextToken");
        assertThat(e.fieldList()).containsExactly(field("NextToken", "Invalid NextToken"));
    }
}
