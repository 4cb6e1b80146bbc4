package dev.stepline.mwaa.run;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Dialect;
import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.dag.Param;
import dev.stepline.mwaa.dag.SensorMode;
import dev.stepline.mwaa.dag.TaskDefinition;
import dev.stepline.mwaa.dag.Timedeltas;
import dev.stepline.mwaa.ids.TaskInstanceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * MWAA Serverless workflow runs as an engine dialect (kind {@value #KIND}): Airflow's scheduling
 * rules as a pure transition function over {@link RunState}.
 *
 * <h2>Signals</h2>
 * <ul>
 *   <li>{@code created} — the run exists ({@code STARTING}); a {@code startError} fails it at once
 *       without task instances, else {@code begin} is scheduled.</li>
 *   <li>{@code begin} — {@code RUNNING}: one {@code NONE} attempt record per task, then scheduling.</li>
 *   <li>{@code taskDone {ti, state: success|failed|skipped|reschedule|deferred, error?, xcom?, retryable?}} —
 *       an attempt's outcome from the {@link TaskInstance worker}; ignored unless that attempt is running.
 *       {@code deferred}: the attempt stays {@code RUNNING} (its timeout armed) until the end of what it
 *       started arrives.</li>
 *   <li>{@code taskSucceeded / taskFailed {task: <ti>}} — a Step Functions execution a deferred attempt
 *       waits for ended ({@code StepFunctionsPort.Waiter}); it may arrive before {@code taskDone deferred}.</li>
 *   <li>{@code timeout {ti}} — {@code execution_timeout} passed: the process is killed, the attempt
 *       ends {@code UP_FOR_RETRY} or {@code TIMEOUT}.</li>
 *   <li>{@code retry {task}} — {@code retry_delay} passed: the next attempt record is created.</li>
 *   <li>{@code poke {ti}} — a sensor's {@code poke_interval} passed: poke again.</li>
 *   <li>{@code killed {ti}} — a kill finished.</li>
 *   <li>{@code stop} — StopWorkflowRun; {@code runTimeout} — the run's maximum duration passed.</li>
 * </ul>
 *
 * <h2>Work</h2>
 * An attempt of a non-empty operator is a TASK item {@code ti:<id>} (payload: see {@link #attemptPayload})
 * with a timer {@code timeout:<id>}; killing its process is a TASK item {@code kill:<id>}.
 * {@code EmptyOperator} never reaches a worker (it succeeds in the transition that finds it runnable).
 */
public final class DagDialect implements Dialect<RunState> {
    public static final String KIND = "mwaa";
    static final String EMPTY_OPERATOR = "EmptyOperator";
    /** Airflow's default sensor {@code poke_interval} and {@code timeout}. */
    static final Duration DEFAULT_POKE_INTERVAL = Duration.ofSeconds(60);
    static final Duration DEFAULT_SENSOR_TIMEOUT = Duration.ofDays(7);
    static final int MAX_MESSAGE = 255;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DagSource dags;

    public DagDialect(DagSource dags) {
        this.dags = requireNonNull(dags, "dags is null");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public RunState decode(String state) {
        return JSON.readValue(state, RunState.class);
    }

    @Override
    public String encode(RunState state) {
        return JSON.writeValueAsString(state);
    }

    @Override
    public RunState apply(RunState run, List<Signal> signals, Transition tx) {
        long now = tx.now().toEpochMilli();
        run.changed.clear();
        boolean touched = false;
        DagDefinition dag = null;
        for (Signal signal : signals) {
            if (run.status.terminal()) {
                break;
            }
            String ti = signal.data().path("ti").asString(null);
            switch (signal.type()) {
                case "created" -> {
                    if (run.startError != null) {
                        run.status = RunStatus.FAILED;
                        run.errorMessage = truncate(run.startError);
                    } else {
                        tx.schedule(WorkItem.signal("begin", now, new Signal("begin", JsonNodeFactory.instance.objectNode())));
                    }
                }
                case "begin" -> {
                    if (run.status == RunStatus.STARTING) {
                        dag = dags.dag(run.definitionSha);
                        begin(run, dag, now, tx);
                    }
                }
                case "taskDone" -> {
                    dag = dag == null ? dags.dag(run.definitionSha) : dag;
                    taskDone(run, dag, run.instance(ti), signal.data(), now, tx);
                }
                case "timeout" -> {
                    TaskInstance instance = run.instance(ti);
                    if (instance != null && instance.status == TaskStatus.RUNNING) {
                        dag = dag == null ? dags.dag(run.definitionSha) : dag;
                        TaskDefinition task = dag.tasks().get(instance.taskId);
                        kill(run, instance, tx);
                        fail(run, task, instance, "Task exceeded its execution_timeout of "
                                + task.executionTimeout().toSeconds() + " seconds and was killed", true,
                                TaskStatus.TIMEOUT, now, tx);
                    }
                }
                case "retry" -> {
                    TaskInstance last = run.latest(signal.data().path("task").asString());
                    if (run.status == RunStatus.RUNNING && last != null && last.status == TaskStatus.UP_FOR_RETRY) {
                        newAttempt(run, last.taskId, last.attempt + 1, last.operatorName, now);
                    }
                }
                case "poke" -> {
                    TaskInstance instance = run.instance(ti);
                    if (run.status == RunStatus.RUNNING && instance != null
                            && (instance.status == TaskStatus.UP_FOR_RESCHEDULE || instance.status == TaskStatus.RUNNING)) {
                        dag = dag == null ? dags.dag(run.definitionSha) : dag;
                        dispatch(run, dag, instance, now, tx);
                    }
                }
                case "taskSucceeded", "taskFailed" -> {
                    // a Step Functions execution a deferred attempt waits for ended (StepFunctionsPort.Waiter)
                    TaskInstance instance = run.instance(signal.data().path("task").asString(null));
                    if (instance != null && instance.status == TaskStatus.RUNNING && run.status == RunStatus.RUNNING) {
                        dag = dag == null ? dags.dag(run.definitionSha) : dag;
                        instance.externalSucceeded = signal.type().equals("taskSucceeded");
                        instance.externalError = instance.externalSucceeded ? null : externalError(signal.data());
                        resume(run, dag, instance, now, tx);
                    }
                }
                case "killed" -> run.killing.remove(ti);
                case "stop" -> end(run, RunStatus.STOPPED, null, now, tx);
                case "runTimeout" -> end(run, RunStatus.TIMEOUT, "Workflow run timed out", now, tx);
                default -> {
                    // a signal this dialect does not know: nothing to do
                }
            }
            touched = true;
        }
        if (run.status == RunStatus.RUNNING) {
            dag = dag == null ? dags.dag(run.definitionSha) : dag;
            schedule(run, dag, now, tx);
            complete(run, dag, now);
        }
        if (run.status == RunStatus.STOPPING && run.killing.isEmpty()) {
            run.status = run.endingAs;
            run.completedMs = now;
        }
        if (touched || !run.changed.isEmpty()) {
            run.modifiedMs = now;
        }
        if (run.status.terminal()) {
            if (run.completedMs == null && run.startedMs != null) {
                run.completedMs = now;
            }
            tx.close();
        }
        tx.summary(summary(run));
        return run;
    }

    // ------------------------------------------------------------------ lifecycle

    private void begin(RunState run, DagDefinition dag, long now, Transition tx) {
        run.status = RunStatus.RUNNING;
        run.startedMs = now;
        for (TaskDefinition task : dag.tasks().values()) {
            newAttempt(run, task.taskId(), 1, task.operatorName(), now);
        }
        if (run.runTimeoutMs > 0) {
            tx.schedule(WorkItem.signal("runTimeout", now + run.runTimeoutMs,
                    new Signal("runTimeout", JsonNodeFactory.instance.objectNode())));
        }
    }

    private static void newAttempt(RunState run, String taskId, int attempt, String operatorName, long now) {
        TaskInstance ti = new TaskInstance();
        ti.id = new TaskInstanceId(run.uuids.get(taskId), taskId, attempt).toString();
        ti.taskId = taskId;
        ti.attempt = attempt;
        ti.seq = run.instances.size();
        ti.operatorName = operatorName;
        ti.createdMs = now;
        ti.modifiedMs = now;
        ti.logStream = "workflow_id=" + run.workflowId + "/run_id=" + run.runId + "/task_id=" + taskId + "/attempt="
                + attempt + ".log";
        run.instances.add(ti);
        run.changed.add(ti);
    }

    /** Starts every waiting task whose trigger rule is met, until nothing changes. */
    private void schedule(RunState run, DagDefinition dag, long now, Transition tx) {
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (TaskDefinition task : dag.tasks().values()) {
                TaskInstance ti = run.latest(task.taskId());
                if (ti == null || ti.status != TaskStatus.NONE) {
                    continue;
                }
                List<TaskInstance> upstream = new ArrayList<>();
                task.dependencies().forEach(d -> upstream.add(run.latest(d)));
                switch (TriggerRules.decide(task.triggerRule(), upstream)) {
                    case WAIT -> {
                        continue;
                    }
                    case RUN -> start(run, dag, task, ti, now, tx);
                    case UPSTREAM_FAILED -> ti.set(TaskStatus.UPSTREAM_FAILED, now);
                    case SKIP -> {
                        ti.skipped = true;
                        ti.set(TaskStatus.CANCELLED, now);
                    }
                }
                run.changed.add(ti);
                progressed = true;
            }
        }
    }

    private void start(RunState run, DagDefinition dag, TaskDefinition task, TaskInstance ti, long now, Transition tx) {
        if (task.operatorName().equals(EMPTY_OPERATOR)) {
            ti.set(TaskStatus.RUNNING, now);
            ti.set(TaskStatus.SUCCESS, now);
            return;
        }
        ti.firstPokeMs = now;
        dispatch(run, dag, ti, now, tx);
    }

    /** Hands an attempt (or a sensor's next poke) to the worker and arms its execution timeout. */
    private void dispatch(RunState run, DagDefinition dag, TaskInstance ti, long now, Transition tx) {
        TaskDefinition task = dag.tasks().get(ti.taskId);
        if (ti.firstPokeMs != null && task.mode().isPresent()) {
            Duration timeout = seconds(task.arguments().get("timeout"), DEFAULT_SENSOR_TIMEOUT);
            if (now - ti.firstPokeMs > timeout.toMillis()) {
                boolean softFail = task.arguments().path("soft_fail").asBoolean(false);
                String message = "Sensor has timed out; run duration of " + (now - ti.firstPokeMs) / 1000
                        + " seconds exceeds the specified timeout of " + timeout.toSeconds() + ".";
                if (softFail) {
                    ti.errorMessage = truncate(message);
                    ti.skipped = true;
                    ti.set(TaskStatus.CANCELLED, now);
                } else {
                    fail(run, task, ti, message, false, TaskStatus.FAILED, now, tx);
                }
                run.changed.add(ti);
                return;
            }
        }
        ti.set(TaskStatus.RUNNING, now);
        run.changed.add(ti);
        tx.schedule(new WorkItem("ti:" + ti.id, WorkItem.Kind.TASK, now, null, attemptPayload(run, dag, task, ti)));
        tx.schedule(WorkItem.signal("timeout:" + ti.id, now + task.executionTimeout().toMillis(),
                new Signal("timeout", tiData(ti.id))));
    }

    private void taskDone(RunState run, DagDefinition dag, TaskInstance ti, JsonNode data, long now, Transition tx) {
        if (ti == null || ti.status != TaskStatus.RUNNING || run.status != RunStatus.RUNNING) {
            return;
        }
        TaskDefinition task = dag.tasks().get(ti.taskId);
        run.changed.add(ti);
        if (data.path("state").asString("").equals("deferred")) {
            // the execution_timeout stays armed while the attempt waits
            ti.deferred = true;
            JsonNode xcom = data.get("xcom");
            if (xcom != null && xcom.isObject()) {
                xcom.properties().forEach(e -> ti.deferredXcom.put(e.getKey(), e.getValue().asString()));
            }
            resume(run, dag, ti, now, tx);
            return;
        }
        tx.cancel("timeout:" + ti.id);
        switch (data.path("state").asString("failed")) {
            case "success" -> {
                JsonNode xcom = data.get("xcom");
                if (xcom != null && xcom.isObject()) {
                    xcom.properties().forEach(e -> ti.xcom.put(e.getKey(), e.getValue().asString()));
                }
                ti.set(TaskStatus.SUCCESS, now);
            }
            case "skipped" -> {
                ti.skipped = true;
                ti.set(TaskStatus.CANCELLED, now);
            }
            case "reschedule" -> {
                Duration interval = seconds(task.arguments().get("poke_interval"), DEFAULT_POKE_INTERVAL);
                if (task.mode().orElse(SensorMode.POKE) == SensorMode.RESCHEDULE) {
                    ti.set(TaskStatus.UP_FOR_RESCHEDULE, now);
                } else {
                    // a poke-mode sensor stays in memory between pokes in Airflow; reschedule mode starts afresh
                    ti.sensorState = data.path("sensorState").asString(null);
                }
                tx.schedule(WorkItem.signal("poke:" + ti.id, now + interval.toMillis(), new Signal("poke", tiData(ti.id))));
            }
            default -> fail(run, task, ti, data.path("error").asString("Task failed"),
                    data.path("retryable").asBoolean(true), TaskStatus.FAILED, now, tx);
        }
    }

    /** Ends a deferred attempt once both its deferral and the end of what it waits for are known. */
    private static void resume(RunState run, DagDefinition dag, TaskInstance ti, long now, Transition tx) {
        if (!ti.deferred || ti.externalSucceeded == null) {
            return;
        }
        run.changed.add(ti);
        tx.cancel("timeout:" + ti.id);
        if (ti.externalSucceeded) {
            ti.xcom.putAll(ti.deferredXcom);
            ti.set(TaskStatus.SUCCESS, now);
        } else {
            fail(run, dag.tasks().get(ti.taskId), ti, ti.externalError, true, TaskStatus.FAILED, now, tx);
        }
    }

    /** Airflow's text for a failed deferral of StepFunctionStartExecutionOperator. */
    private static String externalError(JsonNode data) {
        String status = "FAILED";
        String cause = data.path("cause").asString("");
        try {
            JsonNode described = JSON.readTree(cause);
            status = described.path("status").asString(status);
        } catch (RuntimeException e) {
            // a cause that is not a DescribeExecution document: keep FAILED
        }
        return "Trigger error: event is {'status': 'failure', 'message': 'Step Function execution ended " + status
                + "'}";
    }

    /** An attempt failed: {@code UP_FOR_RETRY} with a retry timer while retries remain, else {@code terminal}. */
    private static void fail(RunState run, TaskDefinition task, TaskInstance ti, String error, boolean retryable,
                             TaskStatus terminal, long now, Transition tx) {
        ti.errorMessage = truncate(error);
        run.changed.add(ti);
        tx.cancel("timeout:" + ti.id);
        tx.cancel("poke:" + ti.id);
        if (retryable && ti.attempt < task.maxAttempts()) {
            ti.set(TaskStatus.UP_FOR_RETRY, now);
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("task", ti.taskId);
            tx.schedule(WorkItem.signal("retry:" + ti.taskId, now + task.retryDelay().toMillis(), new Signal("retry", data)));
        } else {
            ti.set(terminal, now);
        }
    }

    /** Stops the attempt's worker: the TASK item goes, a kill item takes its place. */
    private static void kill(RunState run, TaskInstance ti, Transition tx) {
        tx.cancel("ti:" + ti.id);
        tx.cancel("timeout:" + ti.id);
        tx.cancel("poke:" + ti.id);
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("op", "kill").put("ti", ti.id);
        tx.schedule(new WorkItem("kill:" + ti.id, WorkItem.Kind.TASK, 0, null, payload));
        run.killing.add(ti.id);
    }

    /**
     * StopWorkflowRun or the run timeout: attempts that have not ended are cancelled (running ones
     * killed), pending retries dropped; the run is {@code STOPPING} until every kill reported back.
     */
    private static void end(RunState run, RunStatus as, String error, long now, Transition tx) {
        if (run.status == RunStatus.STOPPING) {
            return;
        }
        for (TaskInstance ti : run.instances) {
            if (ti.status == TaskStatus.RUNNING || ti.status == TaskStatus.UP_FOR_RESCHEDULE) {
                kill(run, ti, tx);
            }
            if (!ti.status.attemptEnded()) {
                ti.set(TaskStatus.CANCELLED, now);
                run.changed.add(ti);
            } else if (ti.status == TaskStatus.UP_FOR_RETRY) {
                tx.cancel("retry:" + ti.taskId);
            }
        }
        tx.cancel("runTimeout");
        run.errorMessage = error;
        run.endingAs = as;
        run.status = RunStatus.STOPPING;
        if (run.startedMs == null) {
            run.startedMs = now;
        }
    }

    /** All attempts ended: the leaves decide (spec §3.3). */
    private static void complete(RunState run, DagDefinition dag, long now) {
        if (!run.killing.isEmpty()) {
            return;
        }
        for (TaskDefinition task : dag.tasks().values()) {
            TaskInstance ti = run.latest(task.taskId());
            if (ti == null || !ti.status.attemptEnded() || ti.status == TaskStatus.UP_FOR_RETRY) {
                return;
            }
        }
        boolean failed = dag.leaves().stream().map(run::latest)
                .anyMatch(ti -> ti.status.failed() || ti.status == TaskStatus.UPSTREAM_FAILED);
        run.status = failed ? RunStatus.FAILED : RunStatus.SUCCESS;
        run.errorMessage = failed ? "Workflow execution failed" : null;
        run.completedMs = now;
    }

    // ------------------------------------------------------------------ work and views

    /**
     * What the worker needs for one attempt: the operator and its unrendered arguments, the
     * template context (effective params, logical date, the XComs of finished tasks) and where to log.
     */
    private static ObjectNode attemptPayload(RunState run, DagDefinition dag, TaskDefinition task, TaskInstance ti) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("op", "attempt").put("ti", ti.id).put("taskId", ti.taskId).put("attempt", ti.attempt)
                .put("operator", task.operator()).put("workflowArn", run.workflowArn).put("workflowId", run.workflowId)
                .put("workflowVersion", run.workflowVersion).put("runId", run.runId).put("account", run.account)
                .put("region", run.region).put("logicalDateMs", run.logicalDateMs).put("logGroup", run.logGroup)
                .put("logStream", ti.logStream).put("timeoutSeconds", task.executionTimeout().toSeconds())
                .put("sensor", task.mode().isPresent());
        p.set("args", task.arguments());
        if (ti.sensorState != null) {
            p.put("sensorState", ti.sensorState);
        }
        ObjectNode params = p.putObject("params");
        for (Map.Entry<String, Param> e : dag.params().entrySet()) {
            params.set(e.getKey(), e.getValue().value());
        }
        for (Map.Entry<String, Param> e : task.params().entrySet()) {
            params.set(e.getKey(), e.getValue().value());
        }
        if (run.overrides != null) {
            run.overrides.properties().forEach(e -> params.set(e.getKey(), e.getValue()));
            p.set("overrides", run.overrides);
        }
        ObjectNode xcoms = p.putObject("xcoms");
        for (TaskDefinition other : dag.tasks().values()) {
            TaskInstance done = run.latest(other.taskId());
            if (done != null && done.status == TaskStatus.SUCCESS && !done.xcom.isEmpty()) {
                ObjectNode values = xcoms.putObject(other.taskId());
                done.xcom.forEach(values::put);
            }
        }
        return p;
    }

    private static ObjectNode tiData(String id) {
        return JsonNodeFactory.instance.objectNode().put("ti", id);
    }

    private static RunSummary summary(RunState run) {
        List<RunSummary.InstanceRow> rows = new ArrayList<>(run.changed.size());
        for (TaskInstance ti : run.changed) {
            RunSummary.InstanceDoc doc = new RunSummary.InstanceDoc(ti.taskId, ti.attempt, ti.operatorName,
                    ti.errorMessage, ti.xcom.isEmpty() ? null : ti.xcom, ti.logStream, ti.durationSeconds());
            rows.add(new RunSummary.InstanceRow(ti.id, ti.seq, ti.status, ti.startedMs, ti.endedMs, ti.modifiedMs,
                    JSON.writeValueAsString(doc)));
        }
        run.changed.clear();
        RunSummary.RunDoc doc = new RunSummary.RunDoc(run.overrides, run.errorMessage, run.fingerprint, run.durationSeconds());
        return new RunSummary(run.workflowArn, run.runId, run.account, run.region, run.workflowVersion, run.runType,
                run.status, run.createdMs, run.startedMs, run.completedMs, run.modifiedMs, JSON.writeValueAsString(doc),
                rows);
    }

    /** A sensor's number of seconds ({@code poke_interval}, {@code timeout}) or timedelta mapping. */
    static Duration seconds(JsonNode value, Duration otherwise) {
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (value.isNumber()) {
            return Duration.ofMillis((long) (value.doubleValue() * 1000));
        }
        if (Timedeltas.isTimedelta(value)) {
            return Timedeltas.fromTimedelta(value);
        }
        return otherwise;
    }

    static String truncate(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE);
    }
}
