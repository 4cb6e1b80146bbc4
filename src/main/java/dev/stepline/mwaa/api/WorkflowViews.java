package dev.stepline.mwaa.api;

import dev.stepline.mwaa.api.WorkflowDocs.VersionDoc;
import dev.stepline.mwaa.api.WorkflowDocs.WorkflowDoc;
import dev.stepline.mwaa.api.WorkflowShapes.ScheduleConfiguration;
import dev.stepline.mwaa.api.WorkflowShapes.WorkflowSummary;
import dev.stepline.mwaa.api.WorkflowShapes.WorkflowVersionSummary;
import java.time.Instant;

/** How stored workflows and versions look on the wire. */
final class WorkflowViews {
    private WorkflowViews() {}

    /** {@code ScheduleConfiguration}: the YAML schedule as written; absent when unscheduled (spec §3.7). */
    static ScheduleConfiguration schedule(VersionDoc version) {
        return version.cronExpression() == null ? null : new ScheduleConfiguration(version.cronExpression());
    }

    static WorkflowSummary summary(String arn, WorkflowDoc doc) {
        return new WorkflowSummary(arn, doc.latestVersion(), doc.name(), doc.description(),
                Instant.ofEpochMilli(doc.createdMs()), Instant.ofEpochMilli(doc.modifiedMs()), doc.status(),
                doc.triggerMode());
    }

    /** A version is created once and never changed, so its {@code CreatedAt} and {@code ModifiedAt} agree. */
    static WorkflowVersionSummary summary(String arn, VersionDoc version, String latestVersion) {
        Instant created = Instant.ofEpochMilli(version.createdMs());
        return new WorkflowVersionSummary(version.workflowVersion(), arn, version.workflowVersion().equals(latestVersion),
                created, created, version.location(), schedule(version), version.triggerMode());
    }
}
