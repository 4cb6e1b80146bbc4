package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.mwaa.api.DefinitionSource.Snapshot;
import dev.stepline.mwaa.api.WorkflowDocs.VersionDoc;
import dev.stepline.mwaa.api.WorkflowDocs.WorkflowDoc;
import dev.stepline.mwaa.api.WorkflowShapes.CreateWorkflowInput;
import dev.stepline.mwaa.api.WorkflowShapes.CreateWorkflowOutput;
import dev.stepline.mwaa.api.WorkflowShapes.DeleteWorkflowInput;
import dev.stepline.mwaa.api.WorkflowShapes.DeleteWorkflowOutput;
import dev.stepline.mwaa.api.WorkflowShapes.GetWorkflowInput;
import dev.stepline.mwaa.api.WorkflowShapes.GetWorkflowOutput;
import dev.stepline.mwaa.api.WorkflowShapes.UpdateWorkflowInput;
import dev.stepline.mwaa.api.WorkflowShapes.UpdateWorkflowOutput;
import dev.stepline.mwaa.api.WorkflowStore.Found;
import dev.stepline.mwaa.ids.IdGenerator;
import dev.stepline.mwaa.ids.WorkflowArn;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.server.Platform;
import dev.stepline.store.Tx;
import java.time.Instant;
import java.util.List;

/**
 * CreateWorkflow, GetWorkflow, UpdateWorkflow and DeleteWorkflow (spec §5.1–§5.4). Every create
 * and update reads the definition once from the object store and keeps the text in a new,
 * immutable version; the workflow row points at the latest one.
 */
final class Workflows {
    /** Workflows per account and Region (spec §1.1 quotas). */
    static final int MAX_WORKFLOWS = 100;
    /** Versions per workflow. */
    static final int MAX_VERSIONS = 50;
    static final String READY = "READY";
    static final String DELETING = "DELETING";

    private final Platform platform;
    private final WorkflowStore store;
    private final DefinitionSource definitions;
    private final IdGenerator ids;
    private final JsonCodec wire;
    private final Scheduler scheduler;
    private final Runs runs;

    Workflows(Platform platform, WorkflowStore store, DefinitionSource definitions, IdGenerator ids, JsonCodec wire,
              Scheduler scheduler, Runs runs) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.platform = requireNonNull(platform, "platform is null");
        this.store = requireNonNull(store, "store is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.wire = requireNonNull(wire, "wire is null");
    }

    CreateWorkflowOutput create(RequestContext context, CreateWorkflowInput input) {
        String triggerMode = TriggerModes.canonical(input.triggerMode());
        int engineVersion = RequestChecks.engineVersion(input.engineVersion(), RequestChecks.ENGINE_VERSION);
        var encryption = RequestChecks.encryption(input.encryptionConfiguration());
        RequestChecks.description(input.description());
        RequestChecks.tags(input.tags());
        String scope = "airflow-serverless:CreateWorkflow:" + context.account() + ":" + context.region();
        CreateWorkflowOutput output = platform.database().write(tx -> platform.clientTokens().run(tx, wire, scope, input.clientToken(), input,
                CreateWorkflowOutput.class, context.received().toEpochMilli(),
                () -> MwaaErrors.conflict("Workflow", input.name(), "ClientToken " + input.clientToken()
                        + " was already used with different request parameters."),
                () -> {
                    long now = context.received().toEpochMilli();
                    String arn = ids.workflowArn(partition(context.region()), context.region(), context.account(),
                            input.name()).toString();
                    if (!store.claimName(tx, context, input.name(), arn, now)) {
                        throw MwaaErrors.conflict("Workflow", input.name(),
                                "Workflow with name " + input.name() + " already exists");
                    }
                    if (store.count(tx, context) >= MAX_WORKFLOWS) {
                        throw MwaaErrors.quotaExceeded("Workflow", input.name(), "L-MWAAS-WORKFLOWS",
                                "The maximum number of workflows (" + MAX_WORKFLOWS + ") in this account and Region was reached.");
                    }
                    Snapshot snapshot = definitions.read(input.definitionS3Location());
                    VersionDoc version = newVersion(1, now, input.definitionS3Location(), snapshot, input.roleArn(),
                            input.description(), input.loggingConfiguration(), engineVersion,
                            input.networkConfiguration(), triggerMode == null ? TriggerModes.SCHEDULED : triggerMode);
                    store.insert(tx, context, arn, WorkflowDoc.created(input.name(), encryption, version));
                    store.insertVersion(tx, context, arn, version);
                    if (input.tags() != null) {
                        platform.tags().put(tx, arn, input.tags());
                    }
                    return new CreateWorkflowOutput(arn, Instant.ofEpochMilli(now), version.revisionId(), READY,
                            version.workflowVersion(), true, warnings(snapshot));
                }));
        armSchedule(output.workflowArn(), output.workflowVersion());
        return output;
    }

    /** After the version is committed: its schedule starts (a replayed create finds it armed already). */
    private void armSchedule(String arn, String workflowVersion) {
        platform.database().read(tx -> store.version(tx, arn, workflowVersion))
                .ifPresent(version -> scheduler.versionCreated(arn, version));
    }

    GetWorkflowOutput get(RequestContext context, GetWorkflowInput input) {
        return platform.database().read(tx -> {
            Found workflow = store.require(tx, context, input.workflowArn());
            String wanted = input.workflowVersion() == null ? workflow.doc().latestVersion() : input.workflowVersion();
            VersionDoc version = requireVersion(tx, workflow.arn(), wanted);
            WorkflowDoc doc = workflow.doc();
            return new GetWorkflowOutput(workflow.arn(), version.workflowVersion(), doc.name(), version.description(),
                    Instant.ofEpochMilli(doc.createdMs()), Instant.ofEpochMilli(doc.modifiedMs()), doc.encryption(),
                    version.logging(), version.engineVersion(), doc.status(), version.location(),
                    WorkflowViews.schedule(version), version.roleArn(), version.network(), version.triggerMode(),
                    version.definition());
        });
    }

    UpdateWorkflowOutput update(RequestContext context, UpdateWorkflowInput input) {
        String triggerMode = TriggerModes.canonical(input.triggerMode());
        RequestChecks.description(input.description());
        UpdateWorkflowOutput output = platform.database().write(tx -> {
            Found workflow = store.require(tx, context, input.workflowArn());
            if (DELETING.equals(workflow.doc().status())) {
                throw MwaaErrors.conflict("Workflow", workflow.arn(), "Workflow " + workflow.arn() + " is being deleted.");
            }
            if (workflow.doc().versionCount() >= MAX_VERSIONS) {
                throw MwaaErrors.quotaExceeded("WorkflowVersion", workflow.arn(), "L-MWAAS-VERSIONS",
                        "Workflow " + workflow.arn() + " already has the maximum number of versions (" + MAX_VERSIONS + ").");
            }
            VersionDoc previous = requireVersion(tx, workflow.arn(), workflow.doc().latestVersion());
            int engineVersion = RequestChecks.engineVersion(input.engineVersion(), previous.engineVersion());
            long now = Math.max(context.received().toEpochMilli(), workflow.doc().modifiedMs());
            Snapshot snapshot = definitions.read(input.definitionS3Location());
            VersionDoc version = newVersion(workflow.doc().versionSeq() + 1, now, input.definitionS3Location(), snapshot,
                    input.roleArn(),
                    input.description() != null ? input.description() : previous.description(),
                    input.loggingConfiguration() != null ? input.loggingConfiguration() : previous.logging(),
                    engineVersion,
                    input.networkConfiguration() != null ? input.networkConfiguration() : previous.network(),
                    triggerMode != null ? triggerMode : previous.triggerMode());
            store.insertVersion(tx, context, workflow.arn(), version);
            if (!store.update(tx, workflow, workflow.doc().withNewVersion(version))) {
                throw MwaaErrors.conflict("Workflow", workflow.arn(),
                        "Workflow " + workflow.arn() + " was modified by another request; retry the update.");
            }
            return new UpdateWorkflowOutput(workflow.arn(), Instant.ofEpochMilli(now), version.workflowVersion(),
                    warnings(snapshot));
        });
        armSchedule(output.workflowArn(), output.workflowVersion());
        return output;
    }

    /**
     * Without a version, or for the only version left, deletes the workflow with its versions and
     * tags, after stopping its runs (spec §5.4: "stops running executions ... cleans up execution
     * history"); the runs and task instances go with it. Removal is synchronous (no lasting
     * {@code DELETING} state). A single older version can
     * be deleted on its own; the latest cannot while others exist (spec §5.4, §8 item 16).
     */
    DeleteWorkflowOutput delete(RequestContext context, DeleteWorkflowInput input) {
        Found existing = platform.database().read(tx -> store.require(tx, context, input.workflowArn()));
        boolean whole = input.workflowVersion() == null || existing.doc().versionCount() <= 1;
        if (whole) {
            runs.stopAll(existing.arn());
        }
        return platform.database().write(tx -> {
            Found workflow = store.require(tx, context, input.workflowArn());
            String wanted = input.workflowVersion();
            if (wanted != null) {
                requireVersion(tx, workflow.arn(), wanted);
                if (workflow.doc().versionCount() > 1) {
                    if (wanted.equals(workflow.doc().latestVersion())) {
                        throw MwaaErrors.invalidField("WorkflowVersion", "Cannot delete the latest version " + wanted
                                + " of workflow " + workflow.arn() + " while other versions exist.");
                    }
                    store.deleteVersion(tx, workflow.arn(), wanted);
                    if (!store.update(tx, workflow, workflow.doc().withoutOneVersion())) {
                        throw new IllegalStateException("workflow changed inside its own transaction: " + workflow.arn());
                    }
                    return new DeleteWorkflowOutput(workflow.arn(), wanted);
                }
            }
            store.deleteWorkflow(tx, context, workflow.arn());
            runs.deleteAll(tx, workflow.arn());
            return new DeleteWorkflowOutput(workflow.arn(), wanted);
        });
    }

    private VersionDoc requireVersion(Tx tx, String arn, String workflowVersion) {
        return store.version(tx, arn, workflowVersion).orElseThrow(() -> MwaaErrors.notFound("WorkflowVersion",
                workflowVersion, "Workflow version " + workflowVersion + " of workflow " + arn + " not found."));
    }

    private VersionDoc newVersion(int seq, long now, WorkflowShapes.DefinitionS3Location location, Snapshot snapshot,
                                  String roleArn, String description, WorkflowShapes.LoggingConfiguration logging,
                                  int engineVersion, WorkflowShapes.NetworkConfiguration network, String triggerMode) {
        return new VersionDoc(ids.workflowVersion(), seq, now, ids.revisionId(), location, snapshot.text(),
                snapshot.sha256(), snapshot.dag().schedule().cronExpression().orElse(null), roleArn, description,
                logging, engineVersion, network, triggerMode);
    }

    /** {@code Warnings}: omitted when nothing was ignored. */
    private static List<String> warnings(Snapshot snapshot) {
        List<String> warnings = snapshot.dag().warnings();
        return warnings.isEmpty() ? null : warnings;
    }

    /** ARNs use the partition of the caller's Region ({@code aws} unless it is a China or GovCloud Region). */
    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }
}
