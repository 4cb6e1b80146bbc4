package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.mwaa.api.WorkflowDocs.VersionDoc;
import dev.stepline.mwaa.api.WorkflowDocs.WorkflowDoc;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.List;
import java.util.Optional;

/**
 * Workflows and versions in the shared resource table.
 * <ul>
 *   <li>a workflow: its ARN, kind {@value #WORKFLOW}, sort key {@code <createdMs, 13 digits>|<arn>}
 *       so ListWorkflows reads newest first on the index;</li>
 *   <li>its name claim: {@code <arn>#name}, kind {@value #NAME}, sort key = the name, so the
 *       unique (account, region, kind, sort key) index keeps names unique even between
 *       concurrent creates on PostgreSQL;</li>
 *   <li>a version: {@code <arn>#version/<WorkflowVersion>}, kind {@value #VERSION}, sort key
 *       {@code <arn>#<seq, 6 digits>} so ListWorkflowVersions reads latest first.</li>
 * </ul>
 */
final class WorkflowStore {
    static final String WORKFLOW = "mwaa:workflow";
    static final String NAME = "mwaa:workflow-name";
    static final String VERSION = "mwaa:workflow-version";

    /** A workflow row that belongs to the caller. */
    record Found(String arn, StoredResource row, WorkflowDoc doc) {}

    private final Platform platform;
    private final JsonCodec json = new JsonCodec(JsonCodec.Naming.AS_DECLARED, TimestampFormat.EPOCH_SECONDS);

    WorkflowStore(Platform platform) {
        this.platform = requireNonNull(platform, "platform is null");
    }

    /** The workflow, if it exists in the caller's account and Region. */
    Optional<Found> find(Tx tx, RequestContext context, String arn) {
        return platform.resources().get(tx, arn)
                .filter(r -> r.kind().equals(WORKFLOW) && r.account().equals(context.account())
                        && r.region().equals(context.region()))
                .map(r -> new Found(arn, r, json.mapper().readValue(r.doc(), WorkflowDoc.class)));
    }

    /** The workflow in whatever account it lives (for the scheduler, which acts on no caller's behalf). */
    Optional<Found> find(Tx tx, String arn) {
        return platform.resources().get(tx, arn).filter(r -> r.kind().equals(WORKFLOW))
                .map(r -> new Found(arn, r, json.mapper().readValue(r.doc(), WorkflowDoc.class)));
    }

    Found require(Tx tx, RequestContext context, String arn) {
        return find(tx, context, arn).orElseThrow(() -> MwaaErrors.notFound("Workflow", arn, "Workflow " + arn + " not found."));
    }

    long count(Tx tx, RequestContext context) {
        return platform.resources().count(tx, context.account(), context.region(), WORKFLOW);
    }

    /** Claims {@code name} for {@code arn}; false when a live workflow of the caller already has it. */
    boolean claimName(Tx tx, RequestContext context, String name, String arn, long nowMs) {
        return platform.resources().insert(tx, new StoredResource(arn + "#name", context.account(), context.region(), NAME,
                name, nowMs, 1, "{}"));
    }

    void insert(Tx tx, RequestContext context, String arn, WorkflowDoc doc) {
        String sortKey = "%013d|%s".formatted(doc.createdMs(), arn);
        if (!platform.resources().insert(tx, new StoredResource(arn, context.account(), context.region(), WORKFLOW, sortKey,
                doc.createdMs(), 1, json.writeString(doc)))) {
            throw new IllegalStateException("workflow ARN collision: " + arn);
        }
    }

    /** Replaces the document if nobody changed it since {@code found} was read. */
    boolean update(Tx tx, Found found, WorkflowDoc doc) {
        return platform.resources().update(tx, found.arn(), found.row().version(), json.writeString(doc));
    }

    void insertVersion(Tx tx, RequestContext context, String arn, VersionDoc version) {
        platform.resources().insert(tx, new StoredResource(versionKey(arn, version.workflowVersion()), context.account(),
                context.region(), VERSION, versionSortPrefix(arn) + "%06d".formatted(version.seq()), version.createdMs(), 1,
                json.writeString(version)));
    }

    Optional<VersionDoc> version(Tx tx, String arn, String workflowVersion) {
        return platform.resources().get(tx, versionKey(arn, workflowVersion))
                .filter(r -> r.kind().equals(VERSION))
                .map(r -> json.mapper().readValue(r.doc(), VersionDoc.class));
    }

    /** Versions latest first, strictly before the sort key {@code before} (null: from the latest). */
    List<StoredResource> versions(Tx tx, RequestContext context, String arn, String before, int limit) {
        return platform.resources().listDescending(tx, context.account(), context.region(), VERSION,
                versionSortPrefix(arn), before, limit);
    }

    /** Workflows newest first, strictly before the sort key {@code before} (null: from the newest). */
    List<StoredResource> workflows(Tx tx, RequestContext context, String before, int limit) {
        return platform.resources().listDescending(tx, context.account(), context.region(), WORKFLOW, "", before, limit);
    }

    WorkflowDoc workflowDoc(StoredResource row) {
        return json.mapper().readValue(row.doc(), WorkflowDoc.class);
    }

    VersionDoc versionDoc(StoredResource row) {
        return json.mapper().readValue(row.doc(), VersionDoc.class);
    }

    void deleteVersion(Tx tx, String arn, String workflowVersion) {
        platform.resources().delete(tx, versionKey(arn, workflowVersion));
    }

    /** Removes the workflow, every version, the name claim and the tags. */
    void deleteWorkflow(Tx tx, RequestContext context, String arn) {
        for (StoredResource version : versions(tx, context, arn, null, Integer.MAX_VALUE)) {
            platform.resources().delete(tx, version.arn());
        }
        platform.resources().delete(tx, arn + "#name");
        platform.resources().delete(tx, arn);
        platform.tags().removeAll(tx, arn);
    }

    private static String versionKey(String arn, String workflowVersion) {
        return arn + "#version/" + workflowVersion;
    }

    private static String versionSortPrefix(String arn) {
        return arn + "#";
    }
}
