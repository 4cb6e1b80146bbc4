package dev.stepline.mwaa.api;

import static dev.stepline.mwaa.api.MwaaFixtures.ON_DEMAND;
import static dev.stepline.mwaa.api.MwaaFixtures.ROLE;
import static dev.stepline.mwaa.api.MwaaFixtures.SCHEDULED;
import static dev.stepline.mwaa.api.MwaaFixtures.TWO_DAGS;
import static dev.stepline.mwaa.api.MwaaFixtures.create;
import static dev.stepline.mwaa.api.MwaaFixtures.message;
import static dev.stepline.mwaa.api.MwaaFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stepline.testing.TestServer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.ConflictException;
import software.amazon.awssdk.services.mwaaserverless.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.mwaaserverless.model.GetWorkflowResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ResourceNotFoundException;
import software.amazon.awssdk.services.mwaaserverless.model.UpdateWorkflowResponse;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationException;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationExceptionField;
import software.amazon.awssdk.services.mwaaserverless.model.ValidationExceptionReason;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowStatus;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowVersionSummary;
import software.amazon.awssdk.services.s3.S3Client;

/** CreateWorkflow, GetWorkflow, UpdateWorkflow and DeleteWorkflow through the real SDK clients. */
class WorkflowsTest {
    static TestServer server;
    static MwaaServerlessClient mwaa;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        mwaa = server.mwaa();
        s3 = server.s3();
        MwaaFixtures.bucket(s3, "defs");
        put(s3, "defs", "on-demand.yaml", ON_DEMAND);
        put(s3, "defs", "scheduled.yaml", SCHEDULED);
        put(s3, "defs", "two-dags.yaml", TWO_DAGS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void createReturnsTheFirstVersionAndGetShowsEveryMember() {
        Instant before = Instant.now().minusSeconds(1);
        CreateWorkflowResponse created = create(mwaa, "report", "defs", "on-demand.yaml", b -> b
                .description("Orders, nightly")
                .triggerMode("MANUAL")
                .loggingConfiguration(l -> l.logGroupName("/custom/report"))
                .networkConfiguration(n -> n.securityGroupIds("sg-0abc").subnetIds("subnet-1", "subnet-2"))
                .encryptionConfiguration(e -> e.type("CUSTOMER_MANAGED_KEY").kmsKeyId("alias/mine"))
                .engineVersion(1)
                .tags(Map.of("team", "data")));

        assertThat(created.workflowArn()).matches("arn:aws:airflow-serverless:us-east-1:123456789012:workflow/report-[a-z0-9]{10}");
        assertThat(created.workflowStatus()).isEqualTo(WorkflowStatus.READY);
        assertThat(created.workflowVersion()).matches("[0-9a-f]{32}");
        assertThat(created.isLatestVersion()).isTrue();
        assertThat(created.revisionId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(created.warnings()).containsExactly("ignored attributes: description");
        assertThat(created.createdAt()).isBetween(before, Instant.now().plusSeconds(1));

        GetWorkflowResponse got = mwaa.getWorkflow(b -> b.workflowArn(created.workflowArn()));
        assertThat(got.workflowArn()).isEqualTo(created.workflowArn());
        assertThat(got.workflowVersion()).isEqualTo(created.workflowVersion());
        assertThat(got.name()).isEqualTo("report");
        assertThat(got.description()).isEqualTo("Orders, nightly");
        assertThat(got.createdAt()).isEqualTo(created.createdAt());
        assertThat(got.modifiedAt()).isEqualTo(created.createdAt());
        assertThat(got.encryptionConfiguration().typeAsString()).isEqualTo("CUSTOMER_MANAGED_KEY");
        assertThat(got.encryptionConfiguration().kmsKeyId()).isEqualTo("alias/mine");
        assertThat(got.loggingConfiguration().logGroupName()).isEqualTo("/custom/report");
        assertThat(got.engineVersion()).isEqualTo(1);
        assertThat(got.workflowStatus()).isEqualTo(WorkflowStatus.READY);
        assertThat(got.definitionS3Location().bucket()).isEqualTo("defs");
        assertThat(got.definitionS3Location().objectKey()).isEqualTo("on-demand.yaml");
        assertThat(got.definitionS3Location().versionId()).as("echoed only when given").isNull();
        assertThat(got.scheduleConfiguration()).as("unscheduled").isNull();
        assertThat(got.roleArn()).isEqualTo(ROLE);
        assertThat(got.networkConfiguration().securityGroupIds()).containsExactly("sg-0abc");
        assertThat(got.networkConfiguration().subnetIds()).containsExactly("subnet-1", "subnet-2");
        assertThat(got.triggerMode()).as("canonical lowercase").isEqualTo("manual_only");
        assertThat(got.workflowDefinition()).isEqualTo(ON_DEMAND);

        assertThat(mwaa.getWorkflow(b -> b.workflowArn(created.workflowArn()).workflowVersion(created.workflowVersion()))
                .equalsBySdkFields(got)).as("the latest version named explicitly").isTrue();
    }

    @Test
    void omittedConfigurationGetsTheDocumentedDefaults() {
        CreateWorkflowResponse created = create(mwaa, "defaults", "defs", "scheduled.yaml");
        assertThat(created.warnings()).isEmpty();

        GetWorkflowResponse got = mwaa.getWorkflow(b -> b.workflowArn(created.workflowArn()));
        assertThat(got.scheduleConfiguration().cronExpression()).isEqualTo("30 2 * * *");
        assertThat(got.triggerMode()).isEqualTo("scheduled");
        assertThat(got.engineVersion()).isEqualTo(1);
        assertThat(got.encryptionConfiguration().typeAsString()).isEqualTo("AWS_MANAGED_KEY");
        assertThat(got.encryptionConfiguration().kmsKeyId()).isNull();
        assertThat(got.description()).isNull();
        assertThat(got.loggingConfiguration()).isNull();
        assertThat(got.networkConfiguration()).isNull();
    }

    @Test
    void shapeViolationsAreFieldValidationFailedWithOneFieldPerViolation() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> create(mwaa, "bad name", "defs", "on-demand.yaml"));
        assertThat(e.reason()).isEqualTo(ValidationExceptionReason.FIELD_VALIDATION_FAILED);
        assertThat(message(e)).isEqualTo("1 validation error detected: Value 'bad name' at 'Name' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]+[a-zA-Z0-9\\.\\-_]*");
        assertThat(e.fieldList()).containsExactly(field("Name",
                "Member must satisfy regular expression pattern: [a-zA-Z0-9]+[a-zA-Z0-9\\.\\-_]*"));

        e = catchThrowableOfType(ValidationException.class, () -> mwaa.createWorkflow(b -> b.name("x".repeat(256))
                .definitionS3Location(l -> l.objectKey("k")).roleArn("arn:aws:iam::123:role/x")));
        assertThat(message(e)).startsWith("3 validation errors detected: ");
        assertThat(e.fieldList()).containsExactly(
                field("Name", "Member must have length less than or equal to 255"),
                field("DefinitionS3Location.Bucket", "Member must not be null"),
                field("RoleArn", "Member must satisfy regular expression pattern: " + dev.stepline.mwaa.ids.MwaaPatterns.ROLE_ARN_REGEX));

        assertField(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.description("two\nlines")),
                "Description", "Member must satisfy regular expression pattern: .+");
        assertField(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.encryptionConfiguration(c -> c.type("MINE"))),
                "EncryptionConfiguration.Type", "Member must satisfy enum value set: [AWS_MANAGED_KEY, CUSTOMER_MANAGED_KEY]");
        assertField(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.networkConfiguration(n -> n.securityGroupIds("sg-OK", "sg-1"))),
                "NetworkConfiguration.SecurityGroupIds[0]", "Member must satisfy regular expression pattern: sg-[a-z0-9]*");
        assertField(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.loggingConfiguration(l -> { })),
                "LoggingConfiguration.LogGroupName", "Member must not be null");
        assertField(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.clientToken("has space")),
                "ClientToken", "Member must satisfy regular expression pattern: [\\x21-\\x7E]+");
        assertField(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.triggerMode("sometimes")),
                "TriggerMode", "Member must satisfy enum value set: [scheduled, manual_only, disabled]");
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        assertField(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.tags(many)),
                "Tags", "Member must have length less than or equal to 50");
        assertField(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.tags(Map.of("k", "v".repeat(257)))),
                "Tags.k", "Member must have length less than or equal to 256");
    }

    @Test
    void semanticProblemsAreReasonOtherNamingTheMember() {
        assertOther(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.engineVersion(2)),
                "EngineVersion", "Unsupported EngineVersion 2; the supported engine version is 1.");
        assertOther(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.encryptionConfiguration(c -> c.type("CUSTOMER_MANAGED_KEY"))),
                "EncryptionConfiguration.KmsKeyId", "KmsKeyId is required when EncryptionConfiguration.Type is CUSTOMER_MANAGED_KEY.");
        assertOther(() -> create(mwaa, "w", "defs", "on-demand.yaml", b -> b.tags(Map.of("aws:owner", "me"))),
                "Tags", "Tag keys starting with 'aws:' are reserved for system use: aws:owner");
    }

    @Test
    void unreadableOrInvalidDefinitionsAreValidationExceptionsOnDefinitionS3Location() {
        assertOther(() -> create(mwaa, "w", "defs", "missing.yaml"),
                "DefinitionS3Location", "Unable to read s3://defs/missing.yaml: the object does not exist");
        assertOther(() -> create(mwaa, "w", "no-such-bucket", "on-demand.yaml"),
                "DefinitionS3Location", "Unable to read s3://no-such-bucket/on-demand.yaml: the object does not exist");
        assertOther(() -> create(mwaa, "w", "defs", "two-dags.yaml"),
                "DefinitionS3Location", "DAG definition should contain a single DAG");

        CreateWorkflowResponse created = create(mwaa, "w", "defs", "on-demand.yaml");
        assertThat(created.workflowArn()).as("a failed create does not hold the name").contains(":workflow/w-");
    }

    @Test
    void aNameInUseIsAConflictUntilTheWorkflowIsDeleted() {
        CreateWorkflowResponse first = create(mwaa, "unique", "defs", "on-demand.yaml");
        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> create(mwaa, "unique", "defs", "two-dags.yaml"));
        assertThat(message(e)).isEqualTo("Workflow with name unique already exists");
        assertThat(e.resourceType()).isEqualTo("Workflow");
        assertThat(e.resourceId()).isEqualTo("unique");
        assertThat(e.statusCode()).isEqualTo(409);

        mwaa.deleteWorkflow(b -> b.workflowArn(first.workflowArn()));
        CreateWorkflowResponse second = create(mwaa, "unique", "defs", "on-demand.yaml");
        assertThat(second.workflowArn()).startsWith("arn:aws:airflow-serverless:us-east-1:123456789012:workflow/unique-")
                .as("a new random suffix").isNotEqualTo(first.workflowArn());
    }

    @Test
    void clientTokenReplaysTheFirstAnswerAndRejectsADifferentRequest() {
        CreateWorkflowResponse first = create(mwaa, "tokened", "defs", "on-demand.yaml", b -> b.clientToken("token-1"));
        CreateWorkflowResponse replay = create(mwaa, "tokened", "defs", "on-demand.yaml", b -> b.clientToken("token-1"));
        assertThat(replay.equalsBySdkFields(first)).as("%s replays %s", replay, first).isTrue();
        assertThat(mwaa.listWorkflowVersions(b -> b.workflowArn(first.workflowArn())).workflowVersions()).hasSize(1);

        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> create(mwaa, "tokened", "defs", "on-demand.yaml", b -> b.clientToken("token-1").description("other")));
        assertThat(message(e)).isEqualTo("ClientToken token-1 was already used with different request parameters.");
        assertThat(e.resourceType()).isEqualTo("Workflow");
        assertThat(e.resourceId()).isEqualTo("tokened");

        assertThatThrownBy(() -> create(mwaa, "late", "defs", "late.yaml", b -> b.clientToken("token-2")))
                .isInstanceOf(ValidationException.class);
        put(s3, "defs", "late.yaml", SCHEDULED);
        assertThat(create(mwaa, "late", "defs", "late.yaml", b -> b.clientToken("token-2")).workflowArn())
                .as("a token whose call failed is not remembered").contains(":workflow/late-");
    }

    @Test
    void updateCreatesANewVersionFromAFreshReadAndCarriesOmittedMembersOver() throws Exception {
        put(s3, "defs", "evolving.yaml", ON_DEMAND);
        CreateWorkflowResponse created = create(mwaa, "evolving", "defs", "evolving.yaml", b -> b
                .description("first").triggerMode("disabled").loggingConfiguration(l -> l.logGroupName("/g"))
                .networkConfiguration(n -> n.subnetIds("subnet-9")));
        String arn = created.workflowArn();
        put(s3, "defs", "evolving.yaml", SCHEDULED);
        assertThat(mwaa.getWorkflow(b -> b.workflowArn(arn)).workflowDefinition())
                .as("the snapshot, not the current object").isEqualTo(ON_DEMAND);
        Thread.sleep(5);

        UpdateWorkflowResponse updated = mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn("arn:aws:iam::123456789012:role/other")
                .definitionS3Location(l -> l.bucket("defs").objectKey("evolving.yaml")));
        assertThat(updated.workflowArn()).isEqualTo(arn);
        assertThat(updated.workflowVersion()).matches("[0-9a-f]{32}").isNotEqualTo(created.workflowVersion());
        assertThat(updated.modifiedAt()).isAfter(created.createdAt());
        assertThat(updated.warnings()).isEmpty();

        GetWorkflowResponse latest = mwaa.getWorkflow(b -> b.workflowArn(arn));
        assertThat(latest.workflowVersion()).isEqualTo(updated.workflowVersion());
        assertThat(latest.workflowDefinition()).isEqualTo(SCHEDULED);
        assertThat(latest.scheduleConfiguration().cronExpression()).isEqualTo("30 2 * * *");
        assertThat(latest.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/other");
        assertThat(latest.description()).isEqualTo("first");
        assertThat(latest.triggerMode()).isEqualTo("disabled");
        assertThat(latest.loggingConfiguration().logGroupName()).isEqualTo("/g");
        assertThat(latest.networkConfiguration().subnetIds()).containsExactly("subnet-9");
        assertThat(latest.createdAt()).isEqualTo(created.createdAt());
        assertThat(latest.modifiedAt()).isEqualTo(updated.modifiedAt());

        GetWorkflowResponse first = mwaa.getWorkflow(b -> b.workflowArn(arn).workflowVersion(created.workflowVersion()));
        assertThat(first.workflowDefinition()).isEqualTo(ON_DEMAND);
        assertThat(first.roleArn()).isEqualTo(ROLE);
        assertThat(first.scheduleConfiguration()).isNull();

        UpdateWorkflowResponse third = mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE).description("third")
                .triggerMode("Scheduled").definitionS3Location(l -> l.bucket("defs").objectKey("on-demand.yaml")));
        assertThat(third.warnings()).containsExactly("ignored attributes: description");
        GetWorkflowResponse now = mwaa.getWorkflow(b -> b.workflowArn(arn));
        assertThat(now.description()).isEqualTo("third");
        assertThat(now.triggerMode()).isEqualTo("scheduled");
        assertThat(mwaa.listWorkflowVersions(b -> b.workflowArn(arn)).workflowVersions())
                .extracting(WorkflowVersionSummary::workflowVersion)
                .containsExactly(third.workflowVersion(), updated.workflowVersion(), created.workflowVersion());
    }

    @Test
    void aFailedUpdateLeavesNoVersionBehind() {
        String arn = create(mwaa, "steady", "defs", "on-demand.yaml").workflowArn();
        assertOther(() -> mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE)
                        .definitionS3Location(l -> l.bucket("defs").objectKey("two-dags.yaml"))),
                "DefinitionS3Location", "DAG definition should contain a single DAG");
        assertOther(() -> mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE).engineVersion(7)
                        .definitionS3Location(l -> l.bucket("defs").objectKey("on-demand.yaml"))),
                "EngineVersion", "Unsupported EngineVersion 7; the supported engine version is 1.");
        assertThat(mwaa.listWorkflowVersions(b -> b.workflowArn(arn)).workflowVersions()).hasSize(1);
    }

    @Test
    void pinnedS3ObjectVersionsAreReadAndEchoed() {
        s3.createBucket(b -> b.bucket("versioned-defs"));
        s3.putBucketVersioning(b -> b.bucket("versioned-defs").versioningConfiguration(v -> v.status("Enabled")));
        String v1 = put(s3, "versioned-defs", "dag.yaml", ON_DEMAND);
        String v2 = put(s3, "versioned-defs", "dag.yaml", SCHEDULED);
        assertThat(v1).isNotNull().isNotEqualTo(v2);

        CreateWorkflowResponse created = mwaa.createWorkflow(b -> b.name("pinned").roleArn(ROLE)
                .definitionS3Location(l -> l.bucket("versioned-defs").objectKey("dag.yaml").versionId(v1)));
        GetWorkflowResponse got = mwaa.getWorkflow(b -> b.workflowArn(created.workflowArn()));
        assertThat(got.workflowDefinition()).isEqualTo(ON_DEMAND);
        assertThat(got.definitionS3Location().versionId()).isEqualTo(v1);

        mwaa.updateWorkflow(b -> b.workflowArn(created.workflowArn()).roleArn(ROLE)
                .definitionS3Location(l -> l.bucket("versioned-defs").objectKey("dag.yaml")));
        got = mwaa.getWorkflow(b -> b.workflowArn(created.workflowArn()));
        assertThat(got.workflowDefinition()).as("no VersionId: the current object").isEqualTo(SCHEDULED);
        assertThat(got.definitionS3Location().versionId()).isNull();

        assertOther(() -> mwaa.updateWorkflow(b -> b.workflowArn(created.workflowArn()).roleArn(ROLE)
                        .definitionS3Location(l -> l.bucket("versioned-defs").objectKey("dag.yaml").versionId("nope"))),
                "DefinitionS3Location", "Unable to read s3://versioned-defs/dag.yaml (VersionId nope): the version does not exist");
    }

    @Test
    void getAndUpdateOfUnknownWorkflowsOrVersionsAreNotFound() {
        String unknown = "arn:aws:airflow-serverless:us-east-1:123456789012:workflow/ghost-abcdefghij";
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> mwaa.getWorkflow(b -> b.workflowArn(unknown)));
        assertThat(message(e)).isEqualTo("Workflow " + unknown + " not found.");
        assertThat(e.resourceType()).isEqualTo("Workflow");
        assertThat(e.resourceId()).isEqualTo(unknown);
        assertThat(e.statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> mwaa.updateWorkflow(b -> b.workflowArn(unknown).roleArn(ROLE)
                .definitionS3Location(l -> l.bucket("defs").objectKey("on-demand.yaml"))))
                .isInstanceOf(ResourceNotFoundException.class);

        String arn = create(mwaa, "versions", "defs", "on-demand.yaml").workflowArn();
        String missing = "0".repeat(32);
        e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> mwaa.getWorkflow(b -> b.workflowArn(arn).workflowVersion(missing)));
        assertThat(message(e)).isEqualTo("Workflow version " + missing + " of workflow " + arn + " not found.");
        assertThat(e.resourceType()).isEqualTo("WorkflowVersion");
        assertThat(e.resourceId()).isEqualTo(missing);

        assertField(() -> mwaa.getWorkflow(b -> b.workflowArn("arn:aws:airflow-serverless:us-east-1:123456789012:workflow/nosuffix")),
                "WorkflowArn", "Member must satisfy regular expression pattern: " + dev.stepline.mwaa.ids.MwaaPatterns.WORKFLOW_ARN_REGEX);
        assertField(() -> mwaa.getWorkflow(b -> b.workflowArn(arn).workflowVersion("ABC")),
                "WorkflowVersion", "Member must have length greater than or equal to 32");
    }

    @Test
    void deleteRemovesTheWorkflowOrOneOlderVersion() {
        String arn = create(mwaa, "doomed", "defs", "on-demand.yaml").workflowArn();
        String v1 = mwaa.getWorkflow(b -> b.workflowArn(arn)).workflowVersion();
        String v2 = mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE)
                .definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml"))).workflowVersion();

        ValidationException latest = catchThrowableOfType(ValidationException.class,
                () -> mwaa.deleteWorkflow(b -> b.workflowArn(arn).workflowVersion(v2)));
        assertThat(latest.reason()).isEqualTo(ValidationExceptionReason.OTHER);
        assertThat(message(latest)).isEqualTo("Cannot delete the latest version " + v2 + " of workflow " + arn
                + " while other versions exist.");
        assertThat(latest.fieldList()).extracting(ValidationExceptionField::name).containsExactly("WorkflowVersion");
        assertThatThrownBy(() -> mwaa.deleteWorkflow(b -> b.workflowArn(arn).workflowVersion("1".repeat(32))))
                .isInstanceOf(ResourceNotFoundException.class)
                .extracting(t -> ((ResourceNotFoundException) t).resourceType()).isEqualTo("WorkflowVersion");

        var one = mwaa.deleteWorkflow(b -> b.workflowArn(arn).workflowVersion(v1));
        assertThat(one.workflowArn()).isEqualTo(arn);
        assertThat(one.workflowVersion()).isEqualTo(v1);
        assertThat(mwaa.listWorkflowVersions(b -> b.workflowArn(arn)).workflowVersions())
                .extracting(WorkflowVersionSummary::workflowVersion).containsExactly(v2);
        assertThatThrownBy(() -> mwaa.getWorkflow(b -> b.workflowArn(arn).workflowVersion(v1)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(mwaa.getWorkflow(b -> b.workflowArn(arn)).workflowVersion()).isEqualTo(v2);

        var all = mwaa.deleteWorkflow(b -> b.workflowArn(arn).workflowVersion(v2));
        assertThat(all.workflowVersion()).as("the only version left: the workflow goes").isEqualTo(v2);
        assertThatThrownBy(() -> mwaa.getWorkflow(b -> b.workflowArn(arn))).isInstanceOf(ResourceNotFoundException.class);

        String other = create(mwaa, "doomed", "defs", "on-demand.yaml").workflowArn();
        var whole = mwaa.deleteWorkflow(b -> b.workflowArn(other));
        assertThat(whole.workflowArn()).isEqualTo(other);
        assertThat(whole.workflowVersion()).isNull();
        assertThatThrownBy(() -> mwaa.deleteWorkflow(b -> b.workflowArn(other)))
                .as("removal is immediate, so a repeat finds nothing").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theFiftyFirstVersionIsOverQuota() {
        String arn = create(mwaa, "busy", "defs", "scheduled.yaml").workflowArn();
        for (int i = 2; i <= 50; i++) {
            mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE).definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml")));
        }
        var e = catchThrowableOfType(software.amazon.awssdk.services.mwaaserverless.model.ServiceQuotaExceededException.class,
                () -> mwaa.updateWorkflow(b -> b.workflowArn(arn).roleArn(ROLE)
                        .definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml"))));
        assertThat(message(e)).isEqualTo("Workflow " + arn + " already has the maximum number of versions (50).");
        assertThat(e.resourceType()).isEqualTo("WorkflowVersion");
        assertThat(e.resourceId()).isEqualTo(arn);
        assertThat(e.serviceCode()).isEqualTo("airflow-serverless");
        assertThat(e.quotaCode()).isEqualTo("L-MWAAS-VERSIONS");
        assertThat(e.statusCode()).isEqualTo(402);
    }

    @Test
    void theHundredFirstWorkflowOfAnAccountIsOverQuota() {
        MwaaServerlessClient crowded = server.mwaa("222222222222", "us-east-1");
        for (int i = 0; i < 100; i++) {
            int n = i;
            crowded.createWorkflow(b -> b.name("w" + n).roleArn(ROLE).definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml")));
        }
        var e = catchThrowableOfType(software.amazon.awssdk.services.mwaaserverless.model.ServiceQuotaExceededException.class,
                () -> crowded.createWorkflow(b -> b.name("w100").roleArn(ROLE)
                        .definitionS3Location(l -> l.bucket("defs").objectKey("scheduled.yaml"))));
        assertThat(e.quotaCode()).isEqualTo("L-MWAAS-WORKFLOWS");
        assertThat(e.resourceType()).isEqualTo("Workflow");
        assertThat(e.resourceId()).isEqualTo("w100");
        assertThat(create(mwaa, "not-crowded", "defs", "scheduled.yaml").workflowArn())
                .as("the quota is per account").contains("not-crowded");
    }

    static ValidationExceptionField field(String name, String message) {
        return ValidationExceptionField.builder().name(name).message(message).build();
    }

    static void assertField(Runnable call, String field, String rule) {
        ValidationException e = catchThrowableOfType(ValidationException.class, call::run);
        assertThat(e).as("ValidationException for " + field).isNotNull();
        assertThat(e.reason()).isEqualTo(ValidationExceptionReason.FIELD_VALIDATION_FAILED);
        assertThat(e.fieldList()).containsExactly(field(field, rule));
        assertThat(message(e)).endsWith("at '" + field + "' failed to satisfy constraint: " + rule);
        assertThat(e.statusCode()).isEqualTo(400);
    }

    static void assertOther(Runnable call, String field, String text) {
        ValidationException e = catchThrowableOfType(ValidationException.class, call::run);
        assertThat(e).as("ValidationException for " + field).isNotNull();
        assertThat(e.reason()).isEqualTo(ValidationExceptionReason.OTHER);
        assertThat(message(e)).isEqualTo(text);
        assertThat(e.fieldList()).containsExactly(field(field, text));
    }
}
