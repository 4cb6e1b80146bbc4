package dev.stepline.sfn.runtime;

import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import dev.stepline.sfn.asl.Catcher;
import dev.stepline.sfn.asl.ChoiceBranch;
import dev.stepline.sfn.asl.ChoiceRule;
import dev.stepline.sfn.asl.ChoiceState;
import dev.stepline.sfn.asl.FailState;
import dev.stepline.sfn.asl.JsonPathExpression;
import dev.stepline.sfn.asl.MapState;
import dev.stepline.sfn.asl.NumericValue;
import dev.stepline.sfn.asl.ParallelState;
import dev.stepline.sfn.asl.PassState;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.asl.PayloadTemplate;
import dev.stepline.sfn.asl.QueryLanguage;
import dev.stepline.sfn.asl.ReferencePath;
import dev.stepline.sfn.asl.Retrier;
import dev.stepline.sfn.asl.State;
import dev.stepline.sfn.asl.StateMachineDefinition;
import dev.stepline.sfn.asl.StringValue;
import dev.stepline.sfn.asl.SucceedState;
import dev.stepline.sfn.asl.TaskResource;
import dev.stepline.sfn.asl.TaskState;
import dev.stepline.sfn.asl.WaitState;
import dev.stepline.sfn.runtime.Flow.BranchWork;
import dev.stepline.sfn.runtime.Flow.TaskWork;
import dev.stepline.sfn.runtime.Flow.TimerWork;
import dev.stepline.sfn.runtime.dataflow.DataFlow;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.sfn.runtime.dataflow.JsonataEvaluator;
import dev.stepline.sfn.runtime.dataflow.JsonataScope;
import dev.stepline.sfn.runtime.dataflow.Scope;
import dev.stepline.sfn.runtime.dataflow.StateValues;
import dev.stepline.sfn.runtime.dataflow.StatesError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One transition of one execution: reacts to the signals, then runs every thread of control as
 * far as it can go without waiting, appending history and scheduling work through the
 * {@link Transition}. Created per {@link AslDialect#apply} call; holds no state of its own beyond
 * the call.
 */
final class Interpreter {
    /** After this many events in one transition, continue in the next one (moderate commits). */
    static final int EVENT_BUDGET = 2_000;
    /** History limit of a Standard execution (spec §7). */
    static final int MAX_EVENTS = 25_000;
    /** Payload limit, UTF-8 bytes (spec §7). */
    static final int MAX_PAYLOAD = 262_144;

    static final String ADVANCE = "advance";
    static final String REDRIVE = "redrive";
    /** An Express execution runs at most five minutes (spec §3.3). */
    static final int EXPRESS_MAX_SECONDS = 300;
    static final String TIMER = "timer";
    static final String CALLBACK = AslDialect.CALLBACK;
    static final String EXECUTION_TIMEOUT = "executionTimeout";
    static final String HEARTBEAT_SUFFIX = "#heartbeat";
    static final String TIMEOUT_SUFFIX = "#timeout";

    /**
     * [unverified] AWS was observed to record only {@code ExecutionAborted} (previousEventId 0) when an
     * execution is stopped during a top-level Wait; aborted events are recorded for work nested in
     * Parallel/Map states and for those states themselves.
     */
    static final boolean ABORT_EVENTS_FOR_TOP_LEVEL_LEAVES = false;

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AslDialect dialect;
    private final AslExecution ex;
    private final Transition tx;
    private StateMachineDefinition definition;
    private Map<String, State> allStates;
    private JsonNode executionInput;
    private int appended;
    private boolean budgetHit;
    private ExecutionSummary summary;
    private final DistributedMaps distributed;

    /** Control flow: the history limit closed the execution in the middle of a step. */
    private static final class HistoryLimitReached extends RuntimeException {
        HistoryLimitReached() {
            super(null, null, false, false);
        }
    }

    Interpreter(AslDialect dialect, AslExecution ex, Transition tx) {
        this.dialect = dialect;
        this.ex = ex;
        this.tx = tx;
        this.distributed = new DistributedMaps(this, ex, tx);
    }

    void apply(List<Signal> signals) {
        try {
            boolean drive = false;
            for (Signal signal : signals) {
                if (signal.type().equals(REDRIVE)) {
                    drive |= redrive(signal.data().path("at").asLong(tx.now().toEpochMilli()));
                    continue;
                }
                if (ex.closed()) {
                    break;
                }
                drive |= dispatch(signal);
            }
            drive |= distributed.refill();
            if (drive && !ex.closed()) {
                drive(ex.root);
                finishIfDone();
                if (budgetHit && !ex.closed()) {
                    scheduleAdvance();
                }
            }
        } catch (HistoryLimitReached limit) {
            // the execution was closed by append()
        }
        List<MapRunSummary> runs = distributed.changedSummaries();
        if (!runs.isEmpty()) {
            summary = (summary == null ? summary(null, null, null, null) : summary).withMapRuns(runs);
        }
        if (summary != null) {
            tx.summary(summary);
        }
    }

    // ---------------------------------------------------------------- signals

    /** Returns true when the states should run afterwards. */
    private boolean dispatch(Signal signal) {
        ObjectNode data = signal.data();
        switch (signal.type()) {
            case "created" -> {
                created();
                return false;
            }
            case ADVANCE -> {
                return true;
            }
            case TIMER -> {
                timer(text(data, "key"));
                return true;
            }
            case "stop" -> {
                stop(text(data, "error"), text(data, "cause"));
                return false;
            }
            case "taskSucceeded", "taskFailed", "taskSubmitted", "activityStarted" -> {
                taskSignal(signal.type(), data);
                return true;
            }
            case DistributedMaps.MAP_READ -> {
                distributed.mapRead(data);
                return true;
            }
            case DistributedMaps.MAP_CHILD_ENDED -> {
                distributed.mapChildEnded(data);
                return true;
            }
            case DistributedMaps.MAP_REDRIVEN -> {
                distributed.mapRedriven(data);
                return true;
            }
            case DistributedMaps.MAP_COLLECTED -> {
                distributed.mapCollected(data);
                return true;
            }
            case DistributedMaps.UPDATE_MAP_RUN -> {
                distributed.updateMapRun(data);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void created() {
        ObjectNode details = Json.object();
        details.put("input", compactInput());
        details.set("inputDetails", notTruncated());
        if (ex.roleArn != null) {
            details.put("roleArn", ex.roleArn);
        }
        if (ex.aliasArn != null) {
            details.put("stateMachineAliasArn", ex.aliasArn);
        }
        if (ex.versionArn != null) {
            details.put("stateMachineVersionArn", ex.versionArn);
        }
        append("ExecutionStarted", 0, details);
        summary = summary(null, null, null, null);
        Integer timeout = definition().timeoutSeconds();
        if (express()) {
            timeout = timeout == null ? EXPRESS_MAX_SECONDS : Math.min(timeout, EXPRESS_MAX_SECONDS);
        }
        if (timeout != null) {
            tx.schedule(timerItem(EXECUTION_TIMEOUT, ex.startMs + timeout * 1000L, null));
        }
        scheduleAdvance();
    }

    /**
     * RedriveExecution (spec §4.7): the same execution runs again from the state that did not succeed,
     * with its original input and the variables it had; everything that succeeded keeps its result.
     * A Parallel or inline Map state re-runs only its branches or iterations that failed, were aborted
     * or never started ({@link #reopen}). Retry counters start again from 0.
     */
    private boolean redrive(long at) {
        if (!ex.closed() || "SUCCEEDED".equals(ex.status)) {
            return false;
        }
        ex.status = AslExecution.RUNNING;
        ex.redriveCount++;
        ex.redriveMs = at;
        ObjectNode details = Json.object();
        details.put("redriveCount", ex.redriveCount);
        long redriven = append("ExecutionRedriven", 0, details);
        reopen(ex.root, redriven);
        summary = summary(null, null, null, null);
        Integer timeout = definition().timeoutSeconds();
        if (timeout != null) {
            tx.schedule(timerItem(EXECUTION_TIMEOUT, ex.redriveMs + timeout * 1000L, null));
        }
        return true;
    }

    /**
     * Prepares a thread that did not succeed to enter its current state again after {@code prev}. A
     * Parallel/Map state keeps its branches or iterations: {@link #enter} resumes them
     * ({@link #resumeBranches}) instead of starting them all over.
     */
    private static void reopen(Flow flow, long prev) {
        flow.phase = Flow.ENTER;
        flow.prev = prev;
        flow.error = null;
        flow.cause = null;
        if (!(flow.work instanceof BranchWork) && !(flow.work instanceof MapRunWork)) {
            flow.work = null;
        }
    }

    private void timer(String key) {
        if (key == null) {
            return;
        }
        if (key.equals(EXECUTION_TIMEOUT)) {
            abortAll();
            append("ExecutionTimedOut", 0, Json.object());
            close("TIMED_OUT", null, null, null);
            return;
        }
        if (key.endsWith(HEARTBEAT_SUFFIX)) {
            String parked = key.substring(0, key.length() - HEARTBEAT_SUFFIX.length());
            Flow flow = find(f -> f.work instanceof TaskWork t && parked.equals(t.parked));
            if (flow != null) {
                boolean activity = taskOf(flow).kind() == TaskResource.Kind.ACTIVITY;
                taskTimedOut(flow, activity ? StatesError.HEARTBEAT_TIMEOUT : StatesError.TIMEOUT);
            }
            return;
        }
        if (key.endsWith(TIMEOUT_SUFFIX)) {
            String task = key.substring(0, key.length() - TIMEOUT_SUFFIX.length());
            Flow flow = find(f -> f.work instanceof TaskWork t && task.equals(t.key));
            if (flow != null) {
                taskTimedOut(flow, StatesError.TIMEOUT);
            }
            return;
        }
        Flow flow = find(f -> f.work instanceof TimerWork t && key.equals(t.key));
        if (flow == null) {
            return;
        }
        TimerWork timer = (TimerWork) flow.work;
        flow.work = null;
        if (timer.retry) {
            flow.phase = Flow.ATTEMPT;
        } else {
            waitEnded(flow, (WaitState) state(flow));
        }
    }

    private void stop(String error, String cause) {
        abortAll();
        ObjectNode details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        append("ExecutionAborted", 0, details);
        close("ABORTED", null, error, cause);
    }

    private void taskSignal(String type, ObjectNode data) {
        String key = text(data, "task");
        if (key == null) {
            return;
        }
        Flow flow = find(f -> f.work instanceof TaskWork t && key.equals(t.key));
        if (flow == null) {
            return; // stale: after a timeout, a stop, a retry, or a duplicate
        }
        TaskWork work = (TaskWork) flow.work;
        TaskState state = (TaskState) state(flow);
        Resource resource = Resource.of(state.resource());
        switch (type) {
            case "activityStarted" -> {
                if (resource.kind() != TaskResource.Kind.ACTIVITY || work.started) {
                    return;
                }
                ObjectNode details = Json.object();
                String worker = text(data, "workerName");
                if (worker != null) {
                    details.put("workerName", worker);
                }
                flow.prev = append("ActivityStarted", flow.prev, details);
                work.started = true;
                if (work.heartbeat > 0) {
                    tx.schedule(heartbeatItem(work.parked, work.heartbeat));
                }
            }
            case "taskSubmitted" -> {
                if (resource.kind() == TaskResource.Kind.ACTIVITY || work.submitted) {
                    return;
                }
                JsonNode output = parseOrNull(text(data, "output"));
                ObjectNode details = resource.details();
                details.put("output", output == null ? "null" : Json.compact(output));
                details.set("outputDetails", notTruncated());
                flow.prev = append("TaskSubmitted", flow.prev, details);
                work.submitted = true;
                if (output != null && output.get("ExecutionArn") instanceof JsonNode arn && arn.isString()) {
                    work.child = arn.stringValue();
                }
                if (work.pending != null) {
                    ObjectNode pending = work.pending;
                    work.pending = null;
                    taskSignal(pending.get("type").asString(), (ObjectNode) pending.get("data"));
                }
            }
            case "taskSucceeded", "taskFailed" -> {
                if (data.path(CALLBACK).asBoolean(false) && !work.submitted && awaitsSubmission(state.resource())) {
                    // The answer overtook the initial call's result: TaskSubmitted comes first in the history.
                    ObjectNode pending = Json.object();
                    pending.put("type", type);
                    pending.set("data", data);
                    work.pending = pending;
                    return;
                }
                if (type.equals("taskSucceeded")) {
                    taskSucceeded(flow, work, state, resource, data);
                } else {
                    taskFailed(flow, work, resource, text(data, "error"), text(data, "cause"));
                }
            }
            default -> {
            }
        }
    }

    /** Callback and {@code .sync} patterns record TaskSubmitted before their outcome (spec §5.3 A). */
    private static boolean awaitsSubmission(TaskResource task) {
        return task.kind() != TaskResource.Kind.ACTIVITY && task.pattern() != TaskResource.Pattern.REQUEST_RESPONSE;
    }

    private void taskSucceeded(Flow flow, TaskWork work, TaskState state, Resource resource, ObjectNode data) {
        String raw = text(data, "output");
        if (raw == null) {
            raw = "null";
        }
        JsonNode result = parseOrNull(raw);
        if (result == null) {
            endTask(flow, work);
            failFlow(flow, StatesError.RUNTIME, prefix(flow, "The task result is not valid JSON."));
            return;
        }
        String compact = Json.compact(result);
        if (tooLarge(compact)) {
            taskFailed(flow, work, resource, StatesError.DATA_LIMIT_EXCEEDED, "The state/task '"
                    + state.resource().arn()
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            return;
        }
        endTask(flow, work);
        ObjectNode details = resource.isTaskEvent() ? resource.details() : Json.object();
        details.put("output", compact);
        details.set("outputDetails", notTruncated());
        flow.prev = append(resource.eventPrefix() + "Succeeded", flow.prev, details);
        taskResult(flow, state, result);
    }

    private void taskFailed(Flow flow, TaskWork work, Resource resource, String error, String cause) {
        endTask(flow, work);
        ObjectNode details = resource.isTaskEvent() ? resource.details() : Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        flow.prev = append(resource.eventPrefix() + "Failed", flow.prev, details);
        handleError(flow, error, cause);
    }

    private void taskTimedOut(Flow flow, String error) {
        TaskWork work = (TaskWork) flow.work;
        Resource resource = Resource.of(taskOf(flow));
        endTask(flow, work);
        stopChild(work);
        ObjectNode details = resource.isTaskEvent() ? resource.details() : Json.object();
        details.put("error", error);
        flow.prev = append(resource.eventPrefix() + "TimedOut", flow.prev, details);
        handleError(flow, error, null);
    }

    /** The task is over: cancel everything it left behind. */
    private void endTask(Flow flow, TaskWork work) {
        tx.cancel(work.key);
        tx.cancel(work.key + TIMEOUT_SUFFIX);
        if (work.parked != null) {
            tx.cancel(work.parked);
            tx.cancel(work.parked + HEARTBEAT_SUFFIX);
        }
        flow.work = null;
        flow.phase = Flow.ATTEMPT; // not waiting any more; the caller decides what comes next
    }

    private void stopChild(TaskWork work) {
        if (work.child != null) {
            ObjectNode data = Json.object();
            data.put("cause", "The Task state in AWS Step Functions execution [" + ex.executionArn
                    + "] which was managing this resource was aborted");
            tx.deliver(work.child, WorkItem.signal("parentAborted:" + ex.executionArn, 0, new Signal("stop", data)));
        }
    }

    // ---------------------------------------------------------------- running

    private void drive(Flow flow) {
        while (!budgetHit && !ex.closed()) {
            switch (flow.phase) {
                case Flow.ENTER -> enter(flow);
                case Flow.ATTEMPT -> attempt(flow);
                case Flow.WAIT -> {
                    if (!(flow.work instanceof BranchWork branches)) {
                        return;
                    }
                    driveBranches(flow, branches);
                    if (flow.phase == Flow.WAIT) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void enter(Flow flow) {
        if (appended >= EVENT_BUDGET) {
            budgetHit = true;
            return;
        }
        if (flow.state == null) {
            flow.state = definition().startAt();
        }
        if (flow.input == null) {
            flow.input = executionInput();
        }
        State state = state(flow);
        Flow.Work kept = flow.work; // a redriven Parallel/Map's branches (see reopen)
        long enteredBefore = flow.entered;
        ObjectNode details = Json.object();
        details.put("name", state.name());
        details.put("input", Json.compact(flow.input));
        details.set("inputDetails", notTruncated());
        long id = append(state.type().name() + "StateEntered", flow.prev, details);
        flow.prev = id;
        flow.entered = id;
        flow.enteredAt = tx.now().toEpochMilli();
        flow.retryCount = 0;
        flow.attempts = null;
        flow.work = null;
        flow.phase = Flow.ATTEMPT;
        try {
            switch (state) {
                case PassState pass -> pass(flow, pass);
                case SucceedState succeed -> {
                    if (jsonata(state)) {
                        exit(flow, state, output(flow, succeed.output(), jsonataScope(flow), flow.input), null, null);
                        break;
                    }
                    JsonNode effective = select(flow, succeed.inputPath(), flow.input, "InputPath");
                    exit(flow, state, select(flow, succeed.outputPath(), effective, "OutputPath"), null, null);
                }
                case FailState fail -> fail(flow, fail);
                case ChoiceState choice -> choice(flow, choice);
                case WaitState wait -> waitEntered(flow, wait);
                case TaskState task -> attemptTask(flow, task);
                case ParallelState parallel when kept instanceof BranchWork branches ->
                        resumeBranches(flow, parallel, branches, enteredBefore);
                case ParallelState parallel -> attemptParallel(flow, parallel);
                case MapState map when kept instanceof MapRunWork run && run.startMs > 0 ->
                        distributed.redriveRun(flow, run);
                case MapState map when kept instanceof BranchWork branches && branches.map ->
                        resumeBranches(flow, map, branches, enteredBefore);
                case MapState map -> attemptMap(flow, map);
            }
        } catch (StatesError e) {
            raise(flow, e);
        }
    }

    private void attempt(Flow flow) {
        State state = state(flow);
        try {
            switch (state) {
                case TaskState task -> attemptTask(flow, task);
                case ParallelState parallel -> attemptParallel(flow, parallel);
                case MapState map -> attemptMap(flow, map);
                default -> throw new IllegalStateException("no attempt for " + state.type());
            }
        } catch (StatesError e) {
            raise(flow, e);
        }
    }

    /** Records the state's exit and moves on to {@code next} (the state's own Next when null). */
    private void exit(Flow flow, State state, JsonNode output, ObjectNode assigned, String next) {
        String compact = Json.compact(output);
        if (tooLarge(compact)) {
            failFlow(flow, StatesError.DATA_LIMIT_EXCEEDED, "The state/task '" + state.name()
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            return;
        }
        ObjectNode details = Json.object();
        details.put("name", state.name());
        details.put("output", compact);
        details.set("outputDetails", notTruncated());
        if (assigned != null) {
            String outer = assignedInOuterScope(flow, assigned);
            if (outer != null) {
                // [unverified] wording; AWS documents that inner scopes may not assign an outer variable (spec §6.5)
                failFlow(flow, StatesError.RUNTIME, prefix(flow, "The variable '" + outer
                        + "' is defined in an outer scope and cannot be assigned inside a Parallel branch or Map iteration."));
                return;
            }
            ObjectNode strings = Json.object();
            for (Map.Entry<String, JsonNode> entry : assigned.properties()) {
                strings.put(entry.getKey(), Json.compact(entry.getValue()));
            }
            details.set("assignedVariables", strings);
            details.set("assignedVariablesDetails", notTruncated());
            if (flow.vars == null) {
                flow.vars = Json.object();
            }
            flow.vars.setAll(assigned);
        }
        flow.prev = append(state.type().name() + "StateExited", flow.prev, details);
        flow.work = null;
        flow.input = output;
        String target = next != null ? next : state.next();
        if (target == null) {
            flow.phase = Flow.SUCCEEDED;
        } else {
            flow.state = target;
            flow.phase = Flow.ENTER;
        }
    }

    /**
     * An error raised while the current state ran: a JSONata evaluation failure is first recorded as
     * {@code EvaluationFailed} (spec §5.3 G; previousEventId 0 as observed), then retried, caught or fatal.
     */
    void raise(Flow flow, StatesError e) {
        String cause = prefix(flow, e.cause());
        evaluationFailed(flow, e, cause);
        handleError(flow, e.error(), cause);
    }

    /** Like {@link #raise} for errors no Retry or Catch may handle (post-processing). */
    private void raiseFatal(Flow flow, StatesError e) {
        String cause = prefix(flow, e.cause());
        evaluationFailed(flow, e, cause);
        failFlow(flow, e.error(), cause);
    }

    private void evaluationFailed(Flow flow, StatesError e, String cause) {
        if (e.location() == null) {
            return;
        }
        ObjectNode details = Json.object();
        details.put("error", e.error());
        details.put("cause", cause);
        details.put("location", e.location());
        details.put("state", flow.state);
        flow.prev = append("EvaluationFailed", 0, details);
    }

    /** Ends the thread with an error no Retry or Catch may handle. */
    private void failFlow(Flow flow, String error, String cause) {
        flow.work = null;
        flow.error = error;
        flow.cause = cause;
        flow.phase = Flow.FAILED;
    }

    /**
     * An error raised by the current state: retried, caught or fatal for the thread. {@code flow.prev}
     * is the event that reports it. {@code States.Runtime} is never retried or caught.
     */
    void handleError(Flow flow, String error, String cause) {
        State state = state(flow);
        List<Retrier> retriers = List.of();
        List<Catcher> catchers = List.of();
        switch (state) {
            case TaskState task -> {
                retriers = task.retry();
                catchers = task.catchers();
            }
            case ParallelState parallel -> {
                retriers = parallel.retry();
                catchers = parallel.catchers();
            }
            case MapState map -> {
                retriers = map.retry();
                catchers = map.catchers();
            }
            default -> {
            }
        }
        if (StatesError.RUNTIME.equals(error)) {
            failFlow(flow, error, cause);
            return;
        }
        boolean task = state instanceof TaskState;
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (!matches(retrier.errorEquals(), error, task)) {
                continue;
            }
            if (flow.attempts == null) {
                flow.attempts = new int[retriers.size()];
            }
            int attempt = flow.attempts[i];
            if (attempt < retrier.maxAttempts()) {
                flow.attempts[i] = attempt + 1;
                flow.retryCount++;
                String key = ex.nextKey("r");
                tx.schedule(timerItem(key, tx.now().toEpochMilli() + delayMillis(retrier, attempt), null));
                flow.work = new TimerWork(key, true);
                flow.phase = Flow.WAIT;
                return;
            }
            break;
        }
        for (int i = 0; i < catchers.size(); i++) {
            Catcher catcher = catchers.get(i);
            if (!matches(catcher.errorEquals(), error, task)) {
                continue;
            }
            ObjectNode errorOutput = Json.object();
            errorOutput.put("Error", error == null ? "" : error);
            errorOutput.put("Cause", cause == null ? "" : cause);
            try {
                if (jsonata(state)) {
                    JsonataScope scope = jsonataScope(flow).withErrorOutput(errorOutput);
                    String field = "Catch[" + i + "]/";
                    ObjectNode assigned = jsonataAssign(catcher.assign(), scope, field + "Assign");
                    JsonNode output = catcher.output() == null ? errorOutput
                            : JsonataEvaluator.template(catcher.output(), scope, field + "Output");
                    exit(flow, state, output, assigned, catcher.next());
                    return;
                }
                ObjectNode assigned = catcher.assign() == null ? null : assign(flow, catcher.assign(), errorOutput);
                JsonNode output = DataFlow.placeResult(catcher.resultPath(), flow.input, errorOutput);
                exit(flow, state, output, assigned, catcher.next());
            } catch (StatesError e) {
                raiseFatal(flow, e);
            }
            return;
        }
        failFlow(flow, error, cause);
    }

    static boolean matches(List<String> errorEquals, String error, boolean task) {
        if (errorEquals.contains("States.ALL")) {
            return true;
        }
        if (error == null) {
            return false;
        }
        if (errorEquals.contains(error)) {
            return true;
        }
        if (error.equals(StatesError.HEARTBEAT_TIMEOUT) && errorEquals.contains(StatesError.TIMEOUT)) {
            return true; // [unverified] spec §6.10: match either name
        }
        return task && errorEquals.contains(StatesError.TASK_FAILED)
                && !error.equals(StatesError.TIMEOUT) && !error.equals(StatesError.HEARTBEAT_TIMEOUT);
    }

    /** IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, jittered when FULL. */
    static long delayMillis(Retrier retrier, int attempt) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate().doubleValue(), attempt);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        long millis = (long) Math.min(seconds * 1000.0, (double) Long.MAX_VALUE / 4);
        if (retrier.jitterStrategy() == Retrier.JitterStrategy.FULL && millis > 0) {
            millis = ThreadLocalRandom.current().nextLong(millis + 1);
        }
        return millis;
    }

    // ---------------------------------------------------------------- simple states

    private void pass(Flow flow, PassState state) throws StatesError {
        if (jsonata(state)) {
            JsonataScope scope = jsonataScope(flow);
            ObjectNode assigned = jsonataAssign(state.assign(), scope, "Assign");
            exit(flow, state, output(flow, state.output(), scope, flow.input), assigned, null);
            return;
        }
        JsonNode effective = select(flow, state.inputPath(), flow.input, "InputPath");
        if (state.parameters() != null) {
            effective = DataFlow.template(state.parameters(), scope(flow, effective, null));
        }
        JsonNode result = state.result() != null ? state.result() : effective;
        ObjectNode assigned = state.assign() == null ? null : assign(flow, state.assign(), result);
        JsonNode output = place(state.resultPath(), flow.input, result);
        output = select(flow, state.outputPath(), output, "OutputPath");
        exit(flow, state, output, assigned, null);
    }

    private void fail(Flow flow, FailState state) throws StatesError {
        String error = string(flow, state.error(), "Error");
        String cause = string(flow, state.cause(), "Cause");
        failFlow(flow, error, cause);
    }

    private String string(Flow flow, StringValue value, String field) throws StatesError {
        if (value == null) {
            return null;
        }
        if (value instanceof StringValue.Fixed fixed) {
            return fixed.value();
        }
        if (value instanceof StringValue.FromJsonata expression) {
            return JsonataEvaluator.string(expression.expression(), jsonataScope(flow), field);
        }
        return StateValues.string(value, scope(flow, flow.input, null), field);
    }

    private void choice(Flow flow, ChoiceState state) throws StatesError {
        if (jsonata(state)) {
            jsonataChoice(flow, state);
            return;
        }
        JsonNode effective = select(flow, state.inputPath(), flow.input, "InputPath");
        Chosen chosen = choose(state, scope(flow, effective, null));
        ObjectNode assigned = chosen.assign() == null ? null : assign(flow, chosen.assign(), effective);
        exit(flow, state, select(flow, state.outputPath(), effective, "OutputPath"), assigned, chosen.next());
    }

    /** A JSONPath Choice's decision: the state to go to and the Assign to apply (null: none). */
    record Chosen(String next, Payload assign) {}

    /** The first rule that matches decides (its Assign replaces the state's); else Default; else an error. */
    static Chosen choose(ChoiceState state, Scope scope) throws StatesError {
        for (ChoiceBranch branch : state.choices()) {
            if (StateValues.matches(branch.rule(), scope)) {
                return new Chosen(branch.next(), branch.assign() != null ? branch.assign() : state.assign());
            }
        }
        if (state.defaultState() == null) {
            // [unverified] cause text (spec §5.3 B)
            throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice matched and no Default was specified.");
        }
        return new Chosen(state.defaultState(), state.assign());
    }

    /** JSONata Choice: the first rule whose Condition is true; its Output/Assign replace the state's. */
    private void jsonataChoice(Flow flow, ChoiceState state) throws StatesError {
        JsonataScope scope = jsonataScope(flow);
        String next = null;
        Payload assign = state.assign();
        Payload output = state.output();
        String assignField = "Assign";
        String outputField = "Output";
        for (int i = 0; i < state.choices().size(); i++) {
            ChoiceBranch branch = state.choices().get(i);
            ChoiceRule.JsonataCondition condition = (ChoiceRule.JsonataCondition) branch.rule();
            String at = "Choices[" + i + "]/";
            boolean matched = condition.literal() != null ? condition.literal()
                    : JsonataEvaluator.condition(condition.expression(), scope, at + "Condition");
            if (matched) {
                next = branch.next();
                if (branch.assign() != null) {
                    assign = branch.assign();
                    assignField = at + "Assign";
                }
                if (branch.output() != null) {
                    output = branch.output();
                    outputField = at + "Output";
                }
                break;
            }
        }
        if (next == null) {
            next = state.defaultState();
        }
        if (next == null) {
            throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice matched and no Default was specified.");
        }
        ObjectNode assigned = jsonataAssign(assign, scope, assignField);
        JsonNode out = output == null ? flow.input : JsonataEvaluator.template(output, scope, outputField);
        exit(flow, state, out, assigned, next);
    }

    private void waitEntered(Flow flow, WaitState state) throws StatesError {
        JsonNode effective = jsonata(state) ? flow.input : select(flow, state.inputPath(), flow.input, "InputPath");
        Instant now = tx.now();
        Instant until = waitUntil(flow, state, effective, now);
        if (!until.isAfter(now)) {
            waitEnded(flow, state);
            return;
        }
        String key = ex.nextKey("w");
        tx.schedule(timerItem(key, until.toEpochMilli(), null));
        flow.work = new TimerWork(key, false);
        flow.phase = Flow.WAIT;
    }

    private Instant waitUntil(Flow flow, WaitState state, JsonNode effective, Instant now) throws StatesError {
        if (state.seconds() instanceof NumericValue.Fixed fixed) {
            return now.plusSeconds(fixed.longValue());
        }
        if (state.seconds() instanceof NumericValue.FromJsonata expression) {
            long seconds = JsonataEvaluator.integer(expression.expression(), jsonataScope(flow), "Seconds");
            if (seconds > StateValues.MAX_WAIT_SECONDS) {
                throw StatesError.runtime("Wait state delay is too long.");
            }
            return now.plusSeconds(seconds);
        }
        if (state.timestamp() instanceof StringValue.FromJsonata expression) {
            Instant at = JsonataEvaluator.timestamp(expression.expression(), jsonataScope(flow), "Timestamp");
            if (at.isAfter(now.plusSeconds(StateValues.MAX_WAIT_SECONDS))) {
                throw StatesError.runtime("Wait state delay is too long.");
            }
            return at.isAfter(now) ? at : now;
        }
        if (state.timestamp() instanceof StringValue.Fixed fixed) {
            try {
                Instant at = OffsetDateTime.parse(fixed.value()).toInstant();
                return at.isAfter(now) ? at : now;
            } catch (DateTimeParseException e) {
                // left to StateValues for AWS's message
            }
        }
        return StateValues.waitUntil(state, scope(flow, effective, null), now);
    }

    private void waitEnded(Flow flow, WaitState state) {
        try {
            if (jsonata(state)) {
                JsonataScope scope = jsonataScope(flow);
                ObjectNode assigned = jsonataAssign(state.assign(), scope, "Assign");
                exit(flow, state, output(flow, state.output(), scope, flow.input), assigned, null);
                return;
            }
            JsonNode effective = select(flow, state.inputPath(), flow.input, "InputPath");
            ObjectNode assigned = state.assign() == null ? null : assign(flow, state.assign(), effective);
            exit(flow, state, select(flow, state.outputPath(), effective, "OutputPath"), assigned, null);
        } catch (StatesError e) {
            raiseFatal(flow, e);
        }
    }

    // ---------------------------------------------------------------- Task

    private void attemptTask(Flow flow, TaskState state) throws StatesError {
        boolean jsonata = jsonata(state);
        JsonNode effective = jsonata ? flow.input : select(flow, state.inputPath(), flow.input, "InputPath");
        TaskResource task = state.resource();
        Resource resource = Resource.of(task);
        if (task.kind() == TaskResource.Kind.ACTIVITY && !dialect.activityExists(task.arn())) {
            failFlow(flow, StatesError.RUNTIME,
                    prefix(flow, "The activity " + task.arn() + " does not exist."));
            return;
        }
        int invocation = countInvocation(state.name());
        TaskWork work = new TaskWork();
        work.key = ex.nextKey("t");
        String token = null;
        if (task.kind() == TaskResource.Kind.ACTIVITY) {
            work.parked = work.key;
            token = dialect.tokens().issue(ex.executionArn, work.key);
        } else if (task.pattern() == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN) {
            work.parked = ex.nextKey("p");
            token = dialect.tokens().issue(ex.executionArn, work.parked);
        }
        JsonNode parameters = effective;
        if (jsonata) {
            if (state.arguments() != null) {
                String visibleToken = task.kind() == TaskResource.Kind.ACTIVITY ? null : token;
                parameters = JsonataEvaluator.template(state.arguments(),
                        new JsonataScope(flow.input, context(flow, visibleToken, -1, null), variables(flow)), "Arguments");
            }
        } else if (state.parameters() != null) {
            parameters = DataFlow.template(state.parameters(), scope(flow, effective,
                    task.kind() == TaskResource.Kind.ACTIVITY ? null : token));
        }
        long timeout = seconds(flow, state.timeoutSeconds(), effective, "TimeoutSeconds");
        long heartbeat = seconds(flow, state.heartbeatSeconds(), effective, "HeartbeatSeconds");
        work.heartbeat = work.parked == null ? 0 : heartbeat;
        String parametersJson = Json.compact(parameters);
        long now = tx.now().toEpochMilli();
        switch (task.kind()) {
            case ACTIVITY -> {
                ObjectNode details = Json.object();
                details.put("resource", task.arn());
                details.put("input", parametersJson);
                details.set("inputDetails", notTruncated());
                putSeconds(details, state.timeoutSeconds(), "timeoutInSeconds", timeout);
                putSeconds(details, state.heartbeatSeconds(), "heartbeatInSeconds", heartbeat);
                flow.prev = append("ActivityScheduled", flow.prev, details);
                ObjectNode payload = Json.object();
                payload.put("task", work.key);
                payload.put("input", parametersJson);
                payload.put("token", token);
                tx.schedule(new WorkItem(work.key, WorkItem.Kind.PARKED, 0, task.arn(), payload));
            }
            case LAMBDA_FUNCTION -> {
                ObjectNode details = Json.object();
                details.put("resource", task.arn());
                details.put("input", parametersJson);
                details.set("inputDetails", notTruncated());
                putSeconds(details, state.timeoutSeconds(), "timeoutInSeconds", timeout);
                flow.prev = append("LambdaFunctionScheduled", flow.prev, details);
                flow.prev = append("LambdaFunctionStarted", flow.prev, null);
                tx.schedule(new WorkItem(work.key, WorkItem.Kind.TASK, 0, null,
                        taskPayload(state, parameters, invocation, timeout)));
            }
            default -> {
                ObjectNode details = resource.details();
                details.put("region", ex.region);
                details.put("parameters", parametersJson);
                putSeconds(details, state.timeoutSeconds(), "timeoutInSeconds", timeout);
                putSeconds(details, state.heartbeatSeconds(), "heartbeatInSeconds", heartbeat);
                flow.prev = append("TaskScheduled", flow.prev, details);
                flow.prev = append("TaskStarted", flow.prev, resource.details());
                tx.schedule(new WorkItem(work.key, WorkItem.Kind.TASK, 0, null,
                        taskPayload(state, parameters, invocation, timeout)));
                if (work.parked != null) {
                    ObjectNode payload = Json.object();
                    payload.put("task", work.key);
                    tx.schedule(new WorkItem(work.parked, WorkItem.Kind.PARKED, 0, null, payload));
                    if (heartbeat > 0) {
                        tx.schedule(heartbeatItem(work.parked, heartbeat));
                    }
                }
            }
        }
        if (timeout > 0) {
            tx.schedule(timerItem(work.key + TIMEOUT_SUFFIX, now + timeout * 1000L, null));
        }
        flow.work = work;
        flow.phase = Flow.WAIT;
    }

    private ObjectNode taskPayload(TaskState state, JsonNode parameters, int attempt, long timeout) {
        TaskResource task = state.resource();
        ObjectNode payload = Json.object();
        payload.put("resource", task.arn());
        payload.put("kind", task.kind().name());
        if (task.integration() != null) {
            payload.put("integration", task.integration());
        }
        payload.put("pattern", task.pattern().name());
        payload.set("parameters", parameters);
        payload.put("stateName", state.name());
        payload.put("stateMachineArn", ex.stateMachineArn);
        payload.put("executionArn", ex.executionArn);
        String testCase = testCase();
        if (testCase != null) {
            payload.put("testCase", testCase);
        }
        payload.put("region", ex.region);
        payload.put("account", account());
        payload.put("attempt", attempt);
        if (timeout > 0) {
            payload.put("timeoutSeconds", timeout);
        }
        return payload;
    }

    /** The part after '#' of the ARN the execution was started with (Step Functions Local style test cases). */
    private String testCase() {
        return ex.testCase;
    }

    String account() {
        String[] parts = ex.executionArn.split(":", 6);
        return parts.length > 4 ? parts[4] : "";
    }

    private int countInvocation(String stateName) {
        if (ex.invocations == null) {
            ex.invocations = Json.object();
        }
        JsonNode count = ex.invocations.get(stateName);
        int attempt = count == null ? 0 : count.intValue();
        ex.invocations.put(stateName, attempt + 1);
        return attempt;
    }

    long seconds(Flow flow, NumericValue value, JsonNode effective, String field) throws StatesError {
        if (value == null) {
            return 0;
        }
        if (value instanceof NumericValue.Fixed fixed) {
            return fixed.longValue();
        }
        if (value instanceof NumericValue.FromJsonata expression) {
            return JsonataEvaluator.integer(expression.expression(), jsonataScope(flow), field);
        }
        return StateValues.number(value, scope(flow, effective, null), field);
    }

    private static void putSeconds(ObjectNode details, NumericValue value, String field, long seconds) {
        if (value != null) {
            details.put(field, seconds);
        }
    }

    private void taskResult(Flow flow, TaskState state, JsonNode result) {
        if (jsonata(state)) {
            jsonataResult(flow, state, state.assign(), state.output(), result);
            return;
        }
        try {
            JsonNode selected = result;
            if (state.resultSelector() != null) {
                selected = DataFlow.template(state.resultSelector(), scope(flow, result, null));
            }
            ObjectNode assigned = state.assign() == null ? null : assign(flow, state.assign(), result);
            JsonNode output = place(state.resultPath(), flow.input, selected);
            output = select(flow, state.outputPath(), output, "OutputPath");
            exit(flow, state, output, assigned, null);
        } catch (StatesError e) {
            failFlow(flow, e.error(), prefix(flow, e.cause()));
        }
    }

    /**
     * JSONata Task/Parallel/Map after their work: Assign and Output see {@code $states.result} and the
     * variables as they were when the state was entered; Output defaults to the result. An evaluation
     * failure here is catchable (spec §6.4: QueryEvaluationError is retriable/catchable).
     */
    private void jsonataResult(Flow flow, State state, Payload assign, Payload output, JsonNode result) {
        try {
            JsonataScope scope = jsonataScope(flow).withResult(result);
            ObjectNode assigned = jsonataAssign(assign, scope, "Assign");
            exit(flow, state, output == null ? result : JsonataEvaluator.template(output, scope, "Output"),
                    assigned, null);
        } catch (StatesError e) {
            raise(flow, e);
        }
    }

    // ---------------------------------------------------------------- Parallel and Map

    private void attemptParallel(Flow flow, ParallelState state) throws StatesError {
        JsonNode effective;
        if (jsonata(state)) {
            effective = state.arguments() == null ? flow.input
                    : JsonataEvaluator.template(state.arguments(), jsonataScope(flow), "Arguments");
        } else {
            effective = select(flow, state.inputPath(), flow.input, "InputPath");
        }
        if (!jsonata(state) && state.parameters() != null) {
            effective = DataFlow.template(state.parameters(), scope(flow, effective, null));
        }
        long started = append("ParallelStateStarted", flow.prev, null);
        flow.prev = started;
        BranchWork work = new BranchWork();
        work.threadPrev = started;
        for (int i = 0; i < state.branches().size(); i++) {
            work.children.add(Flow.child(flow, i, state.branches().get(i).startAt(), started, effective));
        }
        flow.work = work;
        flow.phase = Flow.WAIT;
    }

    private void attemptMap(Flow flow, MapState state) throws StatesError {
        if (state.isDistributed()) {
            distributed.attemptDistributed(flow, state);
            return;
        }
        boolean jsonata = jsonata(state);
        JsonNode effective = jsonata ? flow.input : select(flow, state.inputPath(), flow.input, "InputPath");
        JsonNode items = jsonata ? jsonataItems(flow, state)
                : state.itemsPath() == null ? effective : select(flow, state.itemsPath(), effective, "ItemsPath");
        if (!items.isArray()) {
            String cause = "Map state input must be an array but was: " + Json.compact(items);
            throw jsonata ? new StatesError(StatesError.QUERY_EVALUATION_ERROR, cause, "Items")
                    : StatesError.runtime(cause);
        }
        long limit = seconds(flow, state.maxConcurrency(), effective, "MaxConcurrency");
        ObjectNode details = Json.object();
        details.put("length", items.size());
        long started = append("MapStateStarted", flow.prev, details);
        flow.prev = started;
        BranchWork work = new BranchWork();
        work.map = true;
        work.threadPrev = started;
        work.effective = effective;
        work.items = (ArrayNode) items;
        work.results = Json.NODES.arrayNode(items.size());
        for (int i = 0; i < items.size(); i++) {
            work.results.addNull();
        }
        work.limit = (int) Math.min(limit, Integer.MAX_VALUE);
        flow.work = work;
        flow.phase = Flow.WAIT;
    }

    /** JSONata {@code Items}: an array (whose elements may be expressions) or an expression; absent = the input. */
    JsonNode jsonataItems(Flow flow, MapState state) throws StatesError {
        if (state.items() == null) {
            return flow.input;
        }
        JsonataScope scope = jsonataScope(flow);
        if (state.items().template() instanceof PayloadTemplate.JsonataValue value) {
            return JsonataEvaluator.array(value.expression(), scope, "Items");
        }
        return JsonataEvaluator.template(state.items(), scope, "Items");
    }

    private void driveBranches(Flow flow, BranchWork work) {
        State state = state(flow);
        for (int i = 0; i < work.children.size(); i++) {
            Flow child = work.children.get(i);
            drive(child);
            if (child.phase == Flow.FAILED) {
                branchFailed(flow, work, child);
                return;
            }
            if (child.phase == Flow.SUCCEEDED && !child.reported) {
                branchSucceeded(flow, work, child);
                if (work.map) {
                    work.children.remove(i--);
                }
            }
            if (budgetHit || ex.closed()) {
                return;
            }
        }
        if (work.map) {
            MapState map = (MapState) state;
            while (work.next < work.items.size() && (work.limit == 0 || work.children.size() < work.limit)) {
                if (appended >= EVENT_BUDGET) {
                    budgetHit = true;
                    return;
                }
                Flow child = startIteration(flow, map, work);
                if (child == null) {
                    return; // the Map failed
                }
                drive(child);
                if (child.phase == Flow.FAILED) {
                    branchFailed(flow, work, child);
                    return;
                }
                if (child.phase == Flow.SUCCEEDED) {
                    branchSucceeded(flow, work, child);
                    work.children.remove(child);
                }
                if (budgetHit || ex.closed()) {
                    return;
                }
            }
            if (work.next < work.items.size() || !work.children.isEmpty()) {
                return;
            }
        } else {
            for (Flow child : work.children) {
                if (child.phase != Flow.SUCCEEDED) {
                    return;
                }
            }
        }
        branchesSucceeded(flow, work, state);
    }

    private Flow startIteration(Flow flow, MapState state, BranchWork work) {
        return startIteration(flow, state, work, work.next++);
    }

    private Flow startIteration(Flow flow, MapState state, BranchWork work, int index) {
        ObjectNode details = Json.object();
        details.put("index", index);
        details.put("name", state.name());
        long started = append("MapIterationStarted", work.threadPrev, details);
        JsonNode item = work.items.get(index);
        JsonNode input = item;
        if (state.itemSelector() != null) {
            try {
                input = jsonata(state)
                        ? JsonataEvaluator.template(state.itemSelector(), new JsonataScope(work.effective,
                                context(flow, null, index, item), variables(flow)), "ItemSelector")
                        : DataFlow.template(state.itemSelector(), mapItemScope(flow, work.effective, index, item));
            } catch (StatesError e) {
                // [unverified] an ItemSelector failure fails the iteration and with it the Map.
                Flow child = Flow.child(flow, index, state.processor().workflow().startAt(), started, item);
                child.entered = flow.entered;
                failFlow(child, e.error(), prefix(flow, e.cause()));
                work.children.add(child);
                branchFailed(flow, work, child);
                return null;
            }
        }
        Flow child = Flow.child(flow, index, state.processor().workflow().startAt(), started, input);
        work.children.add(child);
        return child;
    }

    /**
     * A redriven Parallel/Map state (just entered again) resumes its branches: those that succeeded keep
     * their results and record nothing more; the others enter again the state where they stopped (Map:
     * after a new {@code MapIterationStarted}); Map iterations never started start as usual.
     * {@code enteredBefore} is the state's previous Entered event (an iteration that failed in its
     * ItemSelector never entered a state of its own: it starts again).
     * [unverified] AWS's exact events for the re-entered Parallel/Map (Entered, Started, then the branches').
     */
    private void resumeBranches(Flow flow, State state, BranchWork work, long enteredBefore) {
        ObjectNode details = null;
        if (work.map) {
            details = Json.object();
            details.put("length", work.items.size());
        }
        long started = append(state.type().name() + "StateStarted", flow.prev, details);
        flow.prev = started;
        work.threadPrev = started;
        flow.work = work;
        flow.phase = Flow.WAIT;
        if (!work.map) {
            for (Flow child : work.children) {
                if (child.phase != Flow.SUCCEEDED) {
                    reopen(child, started);
                }
            }
            return;
        }
        List<Flow> stopped = List.copyOf(work.children);
        work.children.clear();
        for (Flow child : stopped) {
            if (child.phase == Flow.SUCCEEDED) {
                work.children.add(child); // ended, not yet reported
            } else if (child.entered <= enteredBefore) {
                if (startIteration(flow, (MapState) state, work, child.index) == null) {
                    return; // its ItemSelector failed again: the Map failed
                }
            } else {
                ObjectNode iteration = Json.object();
                iteration.put("index", child.index);
                iteration.put("name", flow.state);
                reopen(child, append("MapIterationStarted", started, iteration));
                work.children.add(child);
            }
        }
    }

    private void branchSucceeded(Flow flow, BranchWork work, Flow child) {
        child.reported = true;
        work.threadPrev = child.prev;
        if (work.map) {
            ObjectNode details = Json.object();
            details.put("index", child.index);
            details.put("name", flow.state);
            append("MapIterationSucceeded", child.prev, details);
            work.results.set(child.index, child.input);
        }
    }

    private void branchesSucceeded(Flow flow, BranchWork work, State state) {
        JsonNode result;
        if (state instanceof MapState) {
            result = work.results;
        } else {
            ArrayNode outputs = Json.NODES.arrayNode(work.children.size());
            for (Flow child : work.children) {
                outputs.add(child.input);
            }
            result = outputs;
        }
        stateSucceeded(flow, state, result, work.threadPrev);
    }

    /** A Parallel or Map state's work succeeded with {@code result}: post-process it and exit. */
    void stateSucceeded(Flow flow, State state, JsonNode result, long threadPrev) {
        Payload resultSelector;
        Payload assign;
        ReferencePath resultPath;
        JsonPathExpression outputPath;
        if (state instanceof MapState map) {
            resultSelector = map.resultSelector();
            assign = map.assign();
            resultPath = map.resultPath();
            outputPath = map.outputPath();
        } else {
            ParallelState parallel = (ParallelState) state;
            resultSelector = parallel.resultSelector();
            assign = parallel.assign();
            resultPath = parallel.resultPath();
            outputPath = parallel.outputPath();
        }
        append(state.type().name() + "StateSucceeded", threadPrev, null);
        flow.prev = threadPrev;
        flow.work = null;
        if (jsonata(state)) {
            Payload output = state instanceof MapState map ? map.output() : ((ParallelState) state).output();
            jsonataResult(flow, state, assign, output, result);
            return;
        }
        try {
            JsonNode selected = resultSelector == null ? result
                    : DataFlow.template(resultSelector, scope(flow, result, null));
            ObjectNode assigned = assign == null ? null : assign(flow, assign, result);
            JsonNode output = place(resultPath, flow.input, selected);
            output = select(flow, outputPath, output, "OutputPath");
            exit(flow, state, output, assigned, null);
        } catch (StatesError e) {
            failFlow(flow, e.error(), prefix(flow, e.cause()));
        }
    }

    /** The first failed branch/iteration fails the state; the others are aborted. */
    private void branchFailed(Flow flow, BranchWork work, Flow failed) {
        long failure = failed.prev;
        abortChildren(flow, work, failure, failed);
        String type = state(flow).type().name();
        if (work.map) {
            ObjectNode details = Json.object();
            details.put("index", failed.index);
            details.put("name", flow.state);
            append("MapIterationFailed", failure, details);
        }
        flow.prev = append(type + "StateFailed", failure, null);
        flow.work = null;
        flow.phase = Flow.ATTEMPT;
        handleError(flow, failed.error, failed.cause);
        if (flow.phase == Flow.FAILED) {
            flow.work = work; // neither retried nor caught: kept for a redrive (reopen)
        }
    }

    // ---------------------------------------------------------------- aborting

    /** Aborts everything in flight (StopExecution, execution timeout). */
    private void abortAll() {
        abortFlow(ex.root, -1, ABORT_EVENTS_FOR_TOP_LEVEL_LEAVES);
    }

    private void abortChildren(Flow flow, BranchWork work, long prev, Flow except) {
        for (Flow child : work.children) {
            if (child == except || child.done()) {
                continue;
            }
            if (work.map) {
                ObjectNode details = Json.object();
                details.put("index", child.index);
                details.put("name", flow.state);
                append("MapIterationAborted", prev >= 0 ? prev : child.prev, details);
            }
            abortFlow(child, prev, true);
        }
    }

    /**
     * Abandons a thread: cancels its work and records {@code <Type>StateAborted} for its state in
     * flight (for leaves only when {@code leafEvents}). {@code prev} is the previousEventId to use, or
     * -1 for each thread's own last event.
     */
    private void abortFlow(Flow flow, long prev, boolean leafEvents) {
        if (flow.phase != Flow.WAIT && flow.phase != Flow.ATTEMPT) {
            if (!flow.done()) {
                flow.phase = Flow.FAILED;
            }
            return;
        }
        String type = state(flow).type().name();
        switch (flow.work) {
            case TaskWork task -> {
                tx.cancel(task.key);
                tx.cancel(task.key + TIMEOUT_SUFFIX);
                if (task.parked != null) {
                    tx.cancel(task.parked);
                    tx.cancel(task.parked + HEARTBEAT_SUFFIX);
                }
                stopChild(task);
                if (leafEvents) {
                    append(type + "StateAborted", prev >= 0 ? prev : flow.prev, null);
                }
            }
            case TimerWork timer -> {
                tx.cancel(timer.key);
                if (leafEvents) {
                    append(type + "StateAborted", prev >= 0 ? prev : flow.prev, null);
                }
            }
            case BranchWork branches -> {
                abortChildren(flow, branches, prev, null);
                append(type + "StateAborted", prev >= 0 ? prev : branches.threadPrev, null);
            }
            case MapRunWork run -> {
                boolean started = run.phase != MapRunWork.READING;
                distributed.endMapRun(run, "ABORTED");
                long last = prev >= 0 ? prev : started ? run.threadPrev : flow.prev;
                if (started) {
                    last = append("MapRunAborted", last, null);
                }
                append(type + "StateAborted", last, null);
            }
            case null -> {
                if (leafEvents) {
                    append(type + "StateAborted", prev >= 0 ? prev : flow.prev, null);
                }
            }
        }
        if (!(flow.work instanceof BranchWork) && !(flow.work instanceof MapRunWork)) {
            flow.work = null; // branches and Map Runs are kept for a redrive (reopen)
        }
        flow.error = "States.Aborted";
        flow.phase = Flow.FAILED;
    }

    // ---------------------------------------------------------------- closing

    private void finishIfDone() {
        Flow root = ex.root;
        if (ex.closed()) {
            return;
        }
        if (root.phase == Flow.SUCCEEDED) {
            String output = Json.compact(root.input);
            ObjectNode details = Json.object();
            details.put("output", output);
            details.set("outputDetails", notTruncated());
            append("ExecutionSucceeded", root.prev, details);
            close("SUCCEEDED", output, null, null);
        } else if (root.phase == Flow.FAILED) {
            ObjectNode details = Json.object();
            if (root.error != null) {
                details.put("error", root.error);
            }
            if (root.cause != null) {
                details.put("cause", root.cause);
            }
            append("ExecutionFailed", root.prev, details);
            close("FAILED", null, root.error, root.cause);
        }
    }

    private void close(String status, String output, String error, String cause) {
        ex.status = status;
        cancelAll(ex.root);
        tx.cancel(EXECUTION_TIMEOUT);
        tx.cancel(ADVANCE);
        tx.close();
        Instant stop = tx.now();
        summary = summary(stop, output, error, cause);
        if (ex.parent != null) {
            notifyParent(status, stop, output, error, cause);
        }
    }

    private void cancelAll(Flow flow) {
        switch (flow.work) {
            case TaskWork task -> {
                tx.cancel(task.key);
                tx.cancel(task.key + TIMEOUT_SUFFIX);
                if (task.parked != null) {
                    tx.cancel(task.parked);
                    tx.cancel(task.parked + HEARTBEAT_SUFFIX);
                }
            }
            case TimerWork timer -> tx.cancel(timer.key);
            case BranchWork branches -> branches.children.forEach(this::cancelAll);
            case MapRunWork run -> {
                tx.cancel(run.key + ":read");
                tx.cancel(run.key + ":collect");
            }
            case null -> {
            }
        }
    }

    /**
     * Tells the parent's {@code states:startExecution.sync[:2]} task how this child ended, with the
     * DescribeExecution-like document AWS returns (PascalCase, keys sorted, dates in epoch millis; the
     * payloads as JSON strings for {@code .sync}, as JSON for {@code .sync:2}).
     */
    private void notifyParent(String status, Instant stop, String output, String error, String cause) {
        if (ExecutionStart.MAP_RUN.equals(ex.parent.pattern())) {
            ObjectNode data = Json.object();
            data.put("task", ex.parent.taskKey());
            data.put("index", ex.mapChild == null ? -1 : ex.mapChild.index());
            data.put("redriveCount", ex.redriveCount);
            data.put("status", status);
            if (error != null) {
                data.put("error", error);
            }
            if (cause != null) {
                data.put("cause", cause);
            }
            tx.deliver(ex.parent.executionArn(),
                    WorkItem.signal("child:" + ex.executionArn + (ex.redriveCount == 0 ? "" : "#" + ex.redriveCount), 0,
                            new Signal(DistributedMaps.MAP_CHILD_ENDED, data)));
            return;
        }
        boolean parsed = "SYNC_2".equals(ex.parent.pattern());
        Map<String, JsonNode> fields = new TreeMap<>();
        if (cause != null) {
            fields.put("Cause", Json.NODES.stringNode(cause));
        }
        if (error != null) {
            fields.put("Error", Json.NODES.stringNode(error));
        }
        fields.put("ExecutionArn", Json.NODES.stringNode(ex.executionArn));
        fields.put("Input", parsed ? executionInput() : Json.NODES.stringNode(ex.input));
        ObjectNode included = Json.object();
        included.put("Included", true);
        fields.put("InputDetails", included);
        fields.put("Name", Json.NODES.stringNode(ex.name));
        if (output != null) {
            fields.put("Output", parsed ? parseOrNull(output) : Json.NODES.stringNode(output));
            fields.put("OutputDetails", included);
        }
        fields.put("RedriveCount", Json.NODES.numberNode(ex.redriveCount));
        if ("SUCCEEDED".equals(status)) {
            fields.put("RedriveStatus", Json.NODES.stringNode("NOT_REDRIVABLE"));
            fields.put("RedriveStatusReason", Json.NODES.stringNode("Execution is SUCCEEDED and cannot be redriven"));
        } else {
            fields.put("RedriveStatus", Json.NODES.stringNode("REDRIVABLE"));
        }
        fields.put("StartDate", Json.NODES.numberNode(ex.startMs));
        if (ex.aliasArn != null) {
            fields.put("StateMachineAliasArn", Json.NODES.stringNode(ex.aliasArn));
        }
        fields.put("StateMachineArn", Json.NODES.stringNode(ex.stateMachineArn));
        if (ex.versionArn != null) {
            fields.put("StateMachineVersionArn", Json.NODES.stringNode(ex.versionArn));
        }
        fields.put("Status", Json.NODES.stringNode(status));
        fields.put("StopDate", Json.NODES.numberNode(stop.toEpochMilli()));
        if (ex.traceHeader != null) {
            fields.put("TraceHeader", Json.NODES.stringNode(ex.traceHeader));
        }
        ObjectNode describe = Json.object();
        fields.forEach(describe::set);
        ObjectNode data = Json.object();
        data.put("task", ex.parent.taskKey());
        data.put(CALLBACK, true);
        Signal signal;
        if ("SUCCEEDED".equals(status)) {
            data.put("output", Json.compact(describe));
            signal = new Signal("taskSucceeded", data);
        } else {
            data.put("error", StatesError.TASK_FAILED);
            data.put("cause", Json.compact(describe));
            signal = new Signal("taskFailed", data);
        }
        tx.deliver(ex.parent.executionArn(), WorkItem.signal("child:" + ex.executionArn, 0, signal));
    }

    private ExecutionSummary summary(Instant stop, String output, String error, String cause) {
        return new ExecutionSummary(ex.executionArn, ex.stateMachineArn, ex.versionArn, ex.aliasArn, ex.name,
                ex.status, Instant.ofEpochMilli(ex.startMs), stop, ex.input, output, error, cause, ex.traceHeader,
                ex.redriveCount, ex.redriveCount == 0 ? null : Instant.ofEpochMilli(ex.redriveMs), ex.definitionKey,
                ex.mapChild, List.of());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Appends an event. The 25,000th event may only end the execution: any other event is replaced by
     * {@code ExecutionFailed} and the transition stops there ({@link HistoryLimitReached}).
     */
    long append(String type, long prev, ObjectNode details) {
        long next = tx.lastEventId() + 1;
        if (next >= MAX_EVENTS && !type.startsWith("Execution")) {
            ObjectNode failed = Json.object();
            failed.put("error", StatesError.RUNTIME);
            // [unverified] AWS's exact error and cause for the history limit.
            String cause = "The execution reached the maximum number of history events (" + MAX_EVENTS + ").";
            failed.put("cause", cause);
            tx.appendEvent("ExecutionFailed", prev, failed);
            close("FAILED", null, StatesError.RUNTIME, cause);
            throw new HistoryLimitReached();
        }
        appended++;
        return tx.appendEvent(type, prev, details);
    }

    Flow find(Predicate<Flow> test) {
        return find(ex.root, test);
    }

    private static Flow find(Flow flow, Predicate<Flow> test) {
        if (test.test(flow)) {
            return flow;
        }
        if (flow.work instanceof BranchWork branches) {
            for (Flow child : branches.children) {
                Flow found = find(child, test);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    State state(Flow flow) {
        State state = definition().states().get(flow.state);
        if (state == null) {
            if (allStates == null) {
                allStates = definition().allStates();
            }
            state = allStates.get(flow.state);
        }
        if (state == null) {
            throw new IllegalStateException("no state '" + flow.state + "' in " + ex.definitionKey);
        }
        return state;
    }

    private TaskResource taskOf(Flow flow) {
        return ((TaskState) state(flow)).resource();
    }

    private StateMachineDefinition definition() {
        if (definition == null) {
            definition = dialect.definitions().definition(ex.definitionKey);
        }
        return definition;
    }

    private JsonNode executionInput() {
        if (executionInput == null) {
            executionInput = Json.parse(ex.input);
        }
        return executionInput;
    }

    private String compactInput() {
        try {
            return Json.compact(executionInput());
        } catch (JacksonException e) {
            return ex.input;
        }
    }

    JsonNode select(Flow flow, JsonPathExpression path, JsonNode value, String field) throws StatesError {
        if (path != null && path.root() == dev.stepline.sfn.asl.PathRoot.INPUT && path.relativePath().equals("$")) {
            return value;
        }
        return DataFlow.select(path, scope(flow, value, null), field);
    }

    static JsonNode place(ReferencePath path, JsonNode rawInput, JsonNode result) throws StatesError {
        if (path != null && path.isRoot()) {
            return result;
        }
        return DataFlow.placeResult(path, rawInput, result);
    }

    private ObjectNode assign(Flow flow, Payload assign, JsonNode dollar) throws StatesError {
        JsonNode values = DataFlow.template(assign, scope(flow, dollar, null));
        return values instanceof ObjectNode object ? object : Json.object();
    }

    Scope scope(Flow flow, JsonNode input, String token) {
        return new Scope(input, context(flow, token, -1, null), variables(flow));
    }

    Scope mapItemScope(Flow flow, JsonNode input, int index, JsonNode value) {
        return new Scope(input, context(flow, null, index, value), variables(flow));
    }

    ObjectNode context(Flow flow, String token, int mapIndex, JsonNode mapValue) {
        ObjectNode context = Json.object();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", ex.executionArn);
        execution.set("Input", executionInput());
        execution.put("Name", ex.name);
        if (ex.roleArn != null) {
            execution.put("RoleArn", ex.roleArn);
        }
        execution.put("StartTime", ISO_MILLIS.format(Instant.ofEpochMilli(ex.startMs)));
        if (!express()) {
            // Express executions have no RedriveCount (spec §3.3, observed)
            execution.put("RedriveCount", ex.redriveCount);
        }
        if (ex.redriveCount > 0) {
            execution.put("RedriveTime", ISO_MILLIS.format(Instant.ofEpochMilli(ex.redriveMs)));
        }
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", ISO_MILLIS.format(Instant.ofEpochMilli(flow.enteredAt)));
        state.put("Name", flow.state);
        state.put("RetryCount", flow.retryCount);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", ex.stateMachineArn);
        machine.put("Name", ex.stateMachineName);
        if (token != null) {
            context.putObject("Task").put("Token", token);
        }
        if (mapIndex >= 0) {
            ObjectNode item = context.putObject("Map").putObject("Item");
            item.put("Index", mapIndex);
            item.set("Value", mapValue);
        }
        return context;
    }

    /** The variables visible to a thread: its own and its ancestors' (inner names win). */
    static Map<String, JsonNode> variables(Flow flow) {
        Map<String, JsonNode> variables = null;
        for (Flow f = flow; f != null; f = f.parent) {
            if (f.vars != null && !f.vars.isEmpty()) {
                if (variables == null) {
                    variables = new HashMap<>();
                }
                for (Map.Entry<String, JsonNode> entry : f.vars.properties()) {
                    variables.putIfAbsent(entry.getKey(), entry.getValue());
                }
            }
        }
        return variables == null ? Map.of() : variables;
    }

    /** Express execution ARNs are {@code arn:...:express:<machine>:<name>:<uuid>} (spec §2.2). */
    private boolean express() {
        return ex.executionArn.contains(":express:");
    }

    static boolean jsonata(State state) {
        return state.queryLanguage() == QueryLanguage.JSONATA;
    }

    /** {@code $states} of the current state: its raw input, the context object, the visible variables. */
    JsonataScope jsonataScope(Flow flow) {
        return new JsonataScope(flow.input, context(flow, null, -1, null), variables(flow));
    }

    /** A JSONata {@code Output} (absent: {@code fallback}). */
    static JsonNode output(Flow flow, Payload output, JsonataScope scope, JsonNode fallback) throws StatesError {
        return output == null ? fallback : JsonataEvaluator.template(output, scope, "Output");
    }

    /** A JSONata {@code Assign}, every value against the variables as they were when the state was entered. */
    static ObjectNode jsonataAssign(Payload assign, JsonataScope scope, String field) throws StatesError {
        if (assign == null) {
            return null;
        }
        JsonNode values = JsonataEvaluator.template(assign, scope, field);
        return values instanceof ObjectNode object ? object : Json.object();
    }

    /** A name in {@code assigned} that an enclosing scope (not this thread's own) defines, or null. */
    private static String assignedInOuterScope(Flow flow, ObjectNode assigned) {
        for (Flow outer = flow.parent; outer != null; outer = outer.parent) {
            if (outer.vars == null) {
                continue;
            }
            for (String name : assigned.propertyNames()) {
                if (outer.vars.has(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String prefix(Flow flow, String cause) {
        return "An error occurred while executing the state '" + flow.state + "' (entered at the event id #"
                + flow.entered + ")." + (cause == null ? "" : " " + cause);
    }

    private static boolean tooLarge(String compact) {
        return compact.length() > MAX_PAYLOAD / 3 && Json.utf8Length(compact) > MAX_PAYLOAD;
    }

    private static ObjectNode notTruncated() {
        ObjectNode details = Json.object();
        details.put("truncated", false);
        return details;
    }

    static String text(ObjectNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    static JsonNode parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private void scheduleAdvance() {
        tx.schedule(WorkItem.signal(ADVANCE, 0, new Signal(ADVANCE, Json.object())));
    }

    private static WorkItem timerItem(String key, long dueMs, Long heartbeatSeconds) {
        ObjectNode data = Json.object();
        data.put("key", key);
        if (heartbeatSeconds != null) {
            data.put("heartbeatSeconds", heartbeatSeconds);
        }
        return WorkItem.signal(key, dueMs, new Signal(TIMER, data));
    }

    private WorkItem heartbeatItem(String parked, long seconds) {
        return timerItem(parked + HEARTBEAT_SUFFIX, tx.now().toEpochMilli() + seconds * 1000L, seconds);
    }

    /** How a Task resource appears in history events. */
    record Resource(TaskResource.Kind kind, String resourceType, String resource) {
        static Resource of(TaskResource task) {
            return switch (task.kind()) {
                case ACTIVITY, LAMBDA_FUNCTION -> new Resource(task.kind(), null, task.arn());
                case SERVICE_INTEGRATION, SDK_INTEGRATION -> {
                    String arn = task.arn();
                    String rest = arn.substring(arn.indexOf(":::") + 3);
                    int split = rest.startsWith("aws-sdk:") ? rest.indexOf(':', "aws-sdk:".length()) : rest.indexOf(':');
                    yield split < 0 ? new Resource(task.kind(), rest, rest)
                            : new Resource(task.kind(), rest.substring(0, split), rest.substring(split + 1));
                }
                case OTHER -> {
                    String[] parts = task.arn().split(":", 4);
                    yield new Resource(task.kind(), parts.length > 2 ? parts[2] : task.arn(), task.arn());
                }
            };
        }

        boolean isTaskEvent() {
            return kind != TaskResource.Kind.ACTIVITY && kind != TaskResource.Kind.LAMBDA_FUNCTION;
        }

        /** {@code Task}, {@code Activity} or {@code LambdaFunction}. */
        String eventPrefix() {
            return switch (kind) {
                case ACTIVITY -> "Activity";
                case LAMBDA_FUNCTION -> "LambdaFunction";
                default -> "Task";
            };
        }

        /** {@code {resourceType, resource}} for Task* events. */
        ObjectNode details() {
            ObjectNode details = Json.object();
            details.put("resourceType", resourceType);
            details.put("resource", resource);
            return details;
        }
    }
}
