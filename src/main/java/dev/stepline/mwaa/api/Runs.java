package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import dev.stepline.mwaa.api.RunShapes.GetTaskInstanceInput;
import dev.stepline.mwaa.api.RunShapes.GetTaskInstanceOutput;
import dev.stepline.mwaa.api.RunShapes.GetWorkflowRunInput;
import dev.stepline.mwaa.api.RunShapes.GetWorkflowRunOutput;
import dev.stepline.mwaa.api.RunShapes.ListTaskInstancesInput;
import dev.stepline.mwaa.api.RunShapes.ListTaskInstancesOutput;
import dev.stepline.mwaa.api.RunShapes.ListWorkflowRunsInput;
import dev.stepline.mwaa.api.RunShapes.ListWorkflowRunsOutput;
import dev.stepline.mwaa.api.RunShapes.RunDetailSummary;
import dev.stepline.mwaa.api.RunShapes.StartWorkflowRunInput;
import dev.stepline.mwaa.api.RunShapes.StartWorkflowRunOutput;
import dev.stepline.mwaa.api.RunShapes.StopWorkflowRunInput;
import dev.stepline.mwaa.api.RunShapes.StopWorkflowRunOutput;
import dev.stepline.mwaa.api.RunShapes.TaskInstanceSummary;
import dev.stepline.mwaa.api.RunShapes.WorkflowRunDetail;
import dev.stepline.mwaa.api.RunShapes.WorkflowRunSummary;
import dev.stepline.mwaa.api.WorkflowDocs.VersionDoc;
import dev.stepline.mwaa.api.WorkflowStore.Found;
import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.dag.Param;
import dev.stepline.mwaa.ids.IdGenerator;
import dev.stepline.mwaa.run.RunStatus;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * StartWorkflowRun, StopWorkflowRun, GetWorkflowRun, ListWorkflowRuns, ListTaskInstances and
 * GetTaskInstance (spec §5.7–§5.12). Runs are engine executions of the {@code mwaa} dialect; the
 * reads come from the tables its projection writes ({@link RunRows}).
 *
 * <p>Idempotency: a {@code ClientToken} determines the run id ({@link RunIds}), so a repeated
 * request finds its run and answers it (with the run's current status); the same token with other
 * parameters is a {@code ConflictException}. Tokens are remembered as long as the run exists.
 */
final class Runs {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Platform platform;
    private final WorkflowStore store;
    private final RunRows rows;
    private final RunLauncher launcher;
    private final IdGenerator ids;

    Runs(Platform platform, WorkflowStore store, RunRows rows, RunLauncher launcher, IdGenerator ids) {
        this.platform = requireNonNull(platform, "platform is null");
        this.store = requireNonNull(store, "store is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    // ------------------------------------------------------------------ StartWorkflowRun

    StartWorkflowRunOutput start(RequestContext context, StartWorkflowRunInput input) {
        record Target(Found workflow, VersionDoc version) {}
        Target target = platform.database().read(tx -> {
            Found workflow = store.require(tx, context, input.workflowArn());
            String wanted = input.workflowVersion() == null ? workflow.doc().latestVersion() : input.workflowVersion();
            VersionDoc version = store.version(tx, workflow.arn(), wanted).orElseThrow(() -> MwaaErrors.notFound(
                    "WorkflowVersion", wanted, "Workflow version " + wanted + " of workflow " + workflow.arn() + " not found."));
            return new Target(workflow, version);
        });
        String arn = target.workflow().arn();
        ObjectNode overrides = input.overrideParameters();
        String fingerprint = RunIds.sha256Hex(target.version().workflowVersion() + "\n"
                + (overrides == null ? "" : JSON.writeValueAsString(overrides)));
        String runId = input.clientToken() == null ? ids.runId() : RunIds.forToken(arn, input.clientToken());
        Optional<StartWorkflowRunOutput> replay = replay(arn, runId, fingerprint, input.clientToken());
        if (replay.isPresent()) {
            return replay.get();
        }
        if (Workflows.DELETING.equals(target.workflow().doc().status())) {
            throw MwaaErrors.conflict("Workflow", arn, "Workflow " + arn + " is being deleted.");
        }
        if (TriggerModes.DISABLED.equals(target.workflow().doc().triggerMode())) {
            throw MwaaErrors.conflict("Workflow", arn, "Workflow " + arn + " is disabled and cannot be run.");
        }
        checkOverrides(launcher.definition(target.version()), overrides);
        long now = platform.clock().millis();
        boolean created = launcher.launch(new RunLauncher.Launch(arn, context.account(), context.region(),
                target.version(), runId, "ON_DEMAND", overrides, fingerprint, now, now));
        if (!created) {
            return replay(arn, runId, fingerprint, input.clientToken()).orElseThrow();
        }
        return new StartWorkflowRunOutput(runId, RunStatus.STARTING.name(), Instant.ofEpochMilli(now));
    }

    /** The answer to a repeated request, or a conflict when the token came with other parameters. */
    private Optional<StartWorkflowRunOutput> replay(String arn, String runId, String fingerprint, String token) {
        return platform.database().read(tx -> rows.run(tx, arn, runId)).map(run -> {
            if (!fingerprint.equals(run.doc().fingerprint())) {
                throw MwaaErrors.conflict("WorkflowRun", runId, "ClientToken " + token
                        + " was already used with different request parameters.");
            }
            return new StartWorkflowRunOutput(runId, run.status().name(), run.created());
        });
    }

    /** {@code OverrideParameters} of declared Params must match their type and enum (spec §3.8). */
    private static void checkOverrides(DagDefinition dag, ObjectNode overrides) {
        if (overrides == null) {
            return;
        }
        for (Map.Entry<String, Param> param : dag.params().entrySet()) {
            if (overrides.has(param.getKey())) {
                param.getValue().check(overrides.get(param.getKey())).ifPresent(problem -> {
                    throw MwaaErrors.invalidField("OverrideParameters." + param.getKey(),
                            "Invalid value for parameter " + param.getKey() + ": " + problem);
                });
            }
        }
    }

    // ------------------------------------------------------------------ StopWorkflowRun

    /**
     * Non-terminal run: stopped (running tasks killed); answers {@code STOPPING} while kills are
     * under way, else {@code STOPPED}. A run that already ended, or is stopping, is left as it is.
     */
    StopWorkflowRunOutput stop(RequestContext context, StopWorkflowRunInput input) {
        RunRows.Run run = requireRun(context, input.workflowArn(), input.runId());
        if (run.status().terminal() || run.status() == RunStatus.STOPPING) {
            return new StopWorkflowRunOutput(run.workflowArn(), run.workflowVersion(), run.runId(), run.status().name());
        }
        stop(run.workflowArn(), run.runId());
        RunRows.Run after = platform.database().read(tx -> rows.run(tx, run.workflowArn(), run.runId())).orElseThrow();
        return new StopWorkflowRunOutput(after.workflowArn(), after.workflowVersion(), after.runId(), after.status().name());
    }

    /** Signals a run to stop and waits until the signal is applied. */
    void stop(String workflowArn, String runId) {
        String executionId = RunIds.executionId(workflowArn, runId);
        WorkItem stop = WorkItem.signal("stop", 0, new Signal("stop", JsonNodeFactory.instance.objectNode()));
        platform.database().write(tx -> {
            platform.engine().store(tx, executionId, stop);
            return null;
        });
        platform.engine().dispatch(executionId, stop).join();
    }

    /** Stops every run of the workflow that has not ended and waits (briefly) for them to end. */
    void stopAll(String workflowArn) {
        List<String> active = platform.database().read(tx -> rows.activeRunIds(tx, workflowArn));
        active.forEach(runId -> stop(workflowArn, runId));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!active.isEmpty() && System.nanoTime() < deadline
                && !platform.database().read(tx -> rows.activeRunIds(tx, workflowArn)).isEmpty()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Removes the workflow's runs and task instances (inside the delete's transaction). */
    void deleteAll(Tx tx, String workflowArn) {
        rows.deleteAll(tx, workflowArn);
    }

    // ------------------------------------------------------------------ reads

    GetWorkflowRunOutput get(RequestContext context, GetWorkflowRunInput input) {
        return platform.database().read(tx -> {
            RunRows.Run run = requireRun(tx, context, input.workflowArn(), input.runId());
            List<String> instances = rows.instances(tx, run.workflowArn(), run.runId(), -1, Integer.MAX_VALUE).stream()
                    .map(RunRows.Instance::id).toList();
            WorkflowRunDetail detail = new WorkflowRunDetail(run.workflowArn(), run.workflowVersion(), run.runId(),
                    run.runType(), instant(run.startedMs()), run.created(), instant(run.completedMs()),
                    Instant.ofEpochMilli(run.modifiedMs()), run.doc().duration(), run.doc().errorMessage(), instances,
                    run.status().name());
            return new GetWorkflowRunOutput(run.workflowArn(), run.workflowVersion(), run.runId(), run.runType(),
                    run.doc().overrides(), detail);
        });
    }

    /** Newest first; a workflow that does not exist is {@code ResourceNotFoundException} (spec §8 item 13). */
    ListWorkflowRunsOutput list(RequestContext context, ListWorkflowRunsInput input) {
        int size = MwaaPaging.size(input.maxResults());
        String fingerprint = input.workflowArn() + "|" + (input.workflowVersion() == null ? "" : input.workflowVersion());
        String after = MwaaPaging.after(platform.pageTokens(), input.nextToken(), "ListWorkflowRuns", fingerprint);
        Long afterCreated = after == null ? null : Long.parseLong(after.substring(0, after.indexOf(':')));
        String afterRun = after == null ? null : after.substring(after.indexOf(':') + 1);
        return platform.database().read(tx -> {
            store.require(tx, context, input.workflowArn());
            List<RunRows.Run> page = rows.runs(tx, input.workflowArn(), input.workflowVersion(), afterCreated, afterRun,
                    size + 1);
            List<WorkflowRunSummary> runs = page.stream().limit(size).map(r -> new WorkflowRunSummary(r.runId(),
                    r.workflowArn(), r.workflowVersion(), r.runType(), new RunDetailSummary(r.status().name(),
                            r.created(), instant(r.startedMs()), instant(r.completedMs())))).toList();
            String next = null;
            if (page.size() > size) {
                RunRows.Run last = page.get(size - 1);
                next = platform.pageTokens().issue("ListWorkflowRuns", fingerprint, last.createdMs() + ":" + last.runId());
            }
            return new ListWorkflowRunsOutput(runs, next);
        });
    }

    /** In creation order (spec §5.11). */
    ListTaskInstancesOutput listTaskInstances(RequestContext context, ListTaskInstancesInput input) {
        int size = MwaaPaging.size(input.maxResults());
        String fingerprint = input.workflowArn() + "|" + input.runId();
        String after = MwaaPaging.after(platform.pageTokens(), input.nextToken(), "ListTaskInstances", fingerprint);
        int afterSeq = after == null ? -1 : Integer.parseInt(after);
        return platform.database().read(tx -> {
            RunRows.Run run = requireRun(tx, context, input.workflowArn(), input.runId());
            List<RunRows.Instance> page = rows.instances(tx, run.workflowArn(), run.runId(), afterSeq, size + 1);
            List<TaskInstanceSummary> items = page.stream().limit(size).map(ti -> new TaskInstanceSummary(
                    run.workflowArn(), run.workflowVersion(), run.runId(), ti.id(), ti.status(), ti.doc().duration(),
                    ti.doc().operatorName())).toList();
            String next = page.size() > size
                    ? platform.pageTokens().issue("ListTaskInstances", fingerprint, Integer.toString(page.get(size - 1).seq()))
                    : null;
            return new ListTaskInstancesOutput(items, next);
        });
    }

    GetTaskInstanceOutput getTaskInstance(RequestContext context, GetTaskInstanceInput input) {
        return platform.database().read(tx -> {
            RunRows.Run run = requireRun(tx, context, input.workflowArn(), input.runId());
            RunRows.Instance ti = rows.instance(tx, run.workflowArn(), run.runId(), input.taskInstanceId())
                    .orElseThrow(() -> MwaaErrors.notFound("TaskInstance", input.taskInstanceId(), "Task instance "
                            + input.taskInstanceId() + " of run " + run.runId() + " not found."));
            return new GetTaskInstanceOutput(run.workflowArn(), run.runId(), ti.id(), run.workflowVersion(), ti.status(),
                    ti.doc().duration(), ti.doc().operatorName(), Instant.ofEpochMilli(ti.modifiedMs()),
                    instant(ti.endedMs()), instant(ti.startedMs()), ti.doc().attempt(), ti.doc().errorMessage(),
                    ti.doc().taskId(), ti.doc().logStream(), ti.doc().xcom());
        });
    }

    private RunRows.Run requireRun(RequestContext context, String workflowArn, String runId) {
        return platform.database().read(tx -> requireRun(tx, context, workflowArn, runId));
    }

    /** The run of a workflow of the caller; unknown workflow or run is {@code ResourceNotFoundException}. */
    private RunRows.Run requireRun(Tx tx, RequestContext context, String workflowArn, String runId) {
        store.require(tx, context, workflowArn);
        return rows.run(tx, workflowArn, runId).orElseThrow(() -> MwaaErrors.notFound("WorkflowRun", runId,
                "Workflow run " + runId + " of workflow " + workflowArn + " not found."));
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
