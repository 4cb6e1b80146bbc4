package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Engine;
import dev.stepline.engine.Signal;
import dev.stepline.engine.TaskRunner;
import dev.stepline.engine.WorkItem;
import dev.stepline.mwaa.api.WorkflowDocs.VersionDoc;
import dev.stepline.mwaa.api.WorkflowStore.Found;
import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.dag.Schedule;
import dev.stepline.mwaa.run.ScheduleDialect;
import dev.stepline.protocol.AwsException;
import dev.stepline.server.Platform;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Scheduled runs (spec §3.7): every created version with a schedule gets a {@link ScheduleDialect}
 * execution; its {@code fire:<ms>} items run here and start a SCHEDULED run of that version when it
 * is still the latest, the workflow is {@code READY} and its trigger mode is {@code scheduled}. A
 * fire over the concurrency quota is skipped (logged), not queued (spec §3.6).
 */
final class Scheduler implements TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final Platform platform;
    private final Engine engine;
    private final WorkflowStore store;
    private final RunLauncher launcher;

    Scheduler(Platform platform, WorkflowStore store, RunLauncher launcher) {
        this.platform = requireNonNull(platform, "platform is null");
        this.engine = platform.engine();
        this.store = requireNonNull(store, "store is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
    }

    /** Arms the schedule of a new version (no-op when unscheduled or already armed). */
    void versionCreated(String workflowArn, VersionDoc version) {
        DagDefinition dag = launcher.definition(version);
        if (dag.schedule() instanceof Schedule.Unscheduled) {
            return;
        }
        ScheduleDialect.State state = new ScheduleDialect.State();
        state.workflowArn = workflowArn;
        state.workflowVersion = version.workflowVersion();
        state.definitionSha = version.definitionSha256();
        engine.create(ScheduleDialect.KIND, ScheduleDialect.executionId(workflowArn, version.workflowVersion()), state,
                new Signal("created", JsonNodeFactory.instance.objectNode()));
    }

    @Override
    public Signal run(String executionId, WorkItem task) {
        String arn = task.payload().get("workflowArn").asString();
        String version = task.payload().get("workflowVersion").asString();
        long fireMs = task.payload().get("fireMs").asLong();
        record Target(Found workflow, VersionDoc version) {}
        Optional<Target> target = platform.database().read(tx -> store.find(tx, arn)
                .filter(w -> w.doc().latestVersion().equals(version))
                .flatMap(w -> store.version(tx, arn, version).map(v -> new Target(w, v))));
        if (target.isEmpty()) {
            return new Signal("superseded", JsonNodeFactory.instance.objectNode());
        }
        Found workflow = target.get().workflow();
        if (!Workflows.READY.equals(workflow.doc().status())
                || !TriggerModes.SCHEDULED.equals(workflow.doc().triggerMode())) {
            return new Signal("skipped", JsonNodeFactory.instance.objectNode());
        }
        try {
            launcher.launch(new RunLauncher.Launch(arn, workflow.row().account(), workflow.row().region(),
                    target.get().version(), RunIds.forSchedule(arn, fireMs), "SCHEDULED", null, null,
                    platform.clock().millis(), fireMs));
            return new Signal("fired", JsonNodeFactory.instance.objectNode().put("at", fireMs));
        } catch (AwsException e) {
            LOG.warn("scheduled run of {} at {} skipped: {}", arn, fireMs, e.getMessage());
            return new Signal("skipped", JsonNodeFactory.instance.objectNode());
        }
    }
}
