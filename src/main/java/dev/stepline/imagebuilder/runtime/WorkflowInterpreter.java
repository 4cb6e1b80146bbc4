package dev.stepline.imagebuilder.runtime;

import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import dev.stepline.imagebuilder.document.Conditions;
import dev.stepline.imagebuilder.document.DynamicValue;
import dev.stepline.imagebuilder.document.OnFailure;
import dev.stepline.imagebuilder.document.ResolutionContext;
import dev.stepline.imagebuilder.document.ResolutionException;
import dev.stepline.imagebuilder.document.Resolver;
import dev.stepline.imagebuilder.document.StepAction;
import dev.stepline.imagebuilder.document.WorkflowDocument;
import dev.stepline.imagebuilder.document.WorkflowOutput;
import dev.stepline.imagebuilder.document.WorkflowStep;
import dev.stepline.ports.StepFunctionsPort;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the steps of one workflow execution (spec §4.5–4.7): in document order, each step is
 * skipped by its {@code if}, fails on an input that does not resolve, or runs its simulated
 * action for its duration on the engine clock (a timer); WaitForAction parks until
 * SendWorkflowStepAction or its timeout, ExecuteStateMachine until its Step Functions execution
 * ends. A failure with {@code onFailure: Abort} skips the rest and rolls back, in reverse, the
 * steps that can be undone (§4.6).
 *
 * <p>Work item keys, all per step execution id: {@code step:<id>} (the step's end or timeout),
 * {@code wait:<id>} (a parked WaitForAction), {@code sfn:<id>} (starting the state machine),
 * {@code rollback:<id>} (a rollback's end), {@code action:<id>} (SendWorkflowStepAction's signal).
 */
final class WorkflowInterpreter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ImageRun run;
    private final Transition tx;
    private final RuntimeSettings settings;
    private final Set<String> touched;
    private final Instant now;

    WorkflowInterpreter(ImageRun run, Transition tx, RuntimeSettings settings, Set<String> touched) {
        this.run = run;
        this.tx = tx;
        this.settings = settings;
        this.touched = touched;
        this.now = tx.now();
    }

    // ------------------------------------------------------------------ starting and advancing

    /** Makes the execution RUNNING with every step PENDING (spec §7 #4). */
    void begin(WorkflowRun wf) {
        ImagePlan.WorkflowSpec spec = run.plan.workflows().get(wf.spec);
        WorkflowDocument document = Documents.of(spec.data(), spec.type());
        wf.status = Statuses.Workflow.RUNNING;
        wf.startMs = now.toEpochMilli();
        wf.steps.clear();
        for (WorkflowStep s : document.steps()) {
            StepRun step = new StepRun();
            step.id = RunIds.stepExecutionId(run);
            step.name = s.name();
            step.action = s.action().wireName();
            step.description = s.description().orElse(null);
            step.onFailure = s.onFailure().wireName();
            step.timeoutSeconds = s.effectiveTimeoutSeconds();
            wf.steps.add(step);
        }
        touched.add(wf.id);
    }

    /** Runs the workflow as far as it can go now; true when it has ended. */
    boolean advance(WorkflowRun wf) {
        while (true) {
            switch (wf.status) {
                case RUNNING -> {
                    if (wf.cursor >= wf.steps.size()) {
                        complete(wf);
                        return true;
                    }
                    StepRun step = wf.steps.get(wf.cursor);
                    if (step.status.active()) {
                        return false;
                    }
                    if (step.status == Statuses.Step.PENDING) {
                        start(wf, step);
                    } else {
                        wf.cursor++;
                    }
                }
                case ROLLBACK_IN_PROGRESS -> {
                    if (!rollBackNext(wf)) {
                        return false;
                    }
                }
                default -> {
                    return wf.status.terminal();
                }
            }
        }
    }

    private void start(WorkflowRun wf, StepRun step) {
        touched.add(wf.id);
        ImagePlan.WorkflowSpec spec = run.plan.workflows().get(wf.spec);
        WorkflowStep doc = document(wf).steps().get(wf.cursor);
        ResolutionContext context = Variables.context(run, wf, spec, now);
        if (doc.condition().isPresent()) {
            boolean run;
            try {
                run = Conditions.evaluate(doc.condition().get(), context);
            } catch (ResolutionException e) {
                step.inputs = doc.inputs().unresolved();
                fail(wf, step, Statuses.Step.FAILED, e.getMessage(), null);
                return;
            }
            if (!run) {
                skip(step);
                return;
            }
        }
        ObjectNode inputs;
        try {
            inputs = Resolver.resolveInputs(doc.inputs(), context);
        } catch (ResolutionException e) {
            step.inputs = doc.inputs().unresolved();
            fail(wf, step, Statuses.Step.FAILED, e.getMessage(), null);
            return;
        }
        StepAction action = doc.action();
        if (SimulatedActions.skips(run, wf, action)) {
            skip(step);
            return;
        }
        if (action == StepAction.LAUNCH_INSTANCE && !inputs.has("imageIdOverride")) {
            // the AMI the instance boots from is part of what the step was given
            inputs.put("imageId", context.imagebuilder().get("imageId").asString());
        }
        step.resolvedInputs = inputs;
        step.inputs = StepJson.format(withoutDerived(action, inputs));
        step.startMs = now.toEpochMilli();
        step.status = Statuses.Step.RUNNING;
        long timeoutAt = now.toEpochMilli() + step.timeoutSeconds * 1000L;
        Optional<Fault> fault = settings.fault(wf.workflowArn, step.name);
        if (action == StepAction.WAIT_FOR_ACTION) {
            step.status = Statuses.Step.WAITING;
            ObjectNode parked = NODES.objectNode().put("workflow", wf.id).put("step", step.id);
            tx.schedule(new WorkItem("wait:" + step.id, WorkItem.Kind.PARKED, 0, null, parked));
            scheduleEnd(wf, step, faultEnd(fault, timeoutAt), faultResult(fault, "TIMEOUT"), fault);
            return;
        }
        if (action == StepAction.EXECUTE_STATE_MACHINE) {
            ObjectNode task = NODES.objectNode().put("workflow", wf.id).put("step", step.id)
                    .put("account", run.account).put("region", run.region)
                    .put("stateMachineArn", inputs.path("stateMachineArn").asString(""))
                    .put("input", inputs.has("input") ? Resolver.asText(inputs.get("input")) : "{}");
            if (fault.isPresent()) {
                scheduleEnd(wf, step, faultEnd(fault, timeoutAt), faultResult(fault, "TIMEOUT"), fault);
                return;
            }
            tx.schedule(new WorkItem("sfn:" + step.id, WorkItem.Kind.TASK, 0, null, task));
            scheduleEnd(wf, step, timeoutAt, "TIMEOUT", Optional.empty());
            return;
        }
        long duration = Math.round(settings.stepSeconds() * 1000);
        if (fault.isEmpty() && duration == 0) {
            perform(wf, step);
            return;
        }
        long end = fault.isPresent() ? faultEnd(fault, timeoutAt) : now.toEpochMilli() + duration;
        String result = fault.isPresent() ? faultResult(fault, "DONE") : "DONE";
        if (end > timeoutAt) {
            end = timeoutAt;
            result = "TIMEOUT";
        }
        scheduleEnd(wf, step, end, result, fault);
    }

    /** The resolved inputs as reported: without what the runtime added for itself. */
    private static ObjectNode withoutDerived(StepAction action, ObjectNode inputs) {
        if (action == StepAction.LAUNCH_INSTANCE) {
            ObjectNode copy = inputs.deepCopy();
            copy.remove("imageId");
            return copy;
        }
        return inputs;
    }

    private long faultEnd(Optional<Fault> fault, long timeoutAt) {
        if (fault.isEmpty()) {
            return timeoutAt;
        }
        Fault f = fault.get();
        if (f.mode() == Fault.Mode.TIMEOUT) {
            return timeoutAt;
        }
        long seconds = Math.round((f.seconds() > 0 ? f.seconds() : settings.stepSeconds()) * 1000);
        return Math.min(now.toEpochMilli() + seconds, timeoutAt);
    }

    private static String faultResult(Optional<Fault> fault, String otherwise) {
        if (fault.isEmpty()) {
            return otherwise;
        }
        return switch (fault.get().mode()) {
            case FAIL -> "FAIL";
            case TIMEOUT -> "TIMEOUT";
            case DELAY -> otherwise;
        };
    }

    private void scheduleEnd(WorkflowRun wf, StepRun step, long dueMs, String result, Optional<Fault> fault) {
        long timeoutAt = step.startMs + step.timeoutSeconds * 1000L;
        if (dueMs >= timeoutAt) {
            result = "TIMEOUT";
        }
        ObjectNode data = NODES.objectNode().put("workflow", wf.id).put("step", step.id).put("result", result);
        fault.map(Fault::message).ifPresent(m -> data.put("message", m));
        tx.schedule(WorkItem.signal("step:" + step.id, dueMs, new Signal("stepEnded", data)));
    }

    // ------------------------------------------------------------------ step outcomes

    /** A step's timer fired: it completes (running its action now), fails or times out. */
    void onStepEnded(WorkflowRun wf, StepRun step, String result, String message) {
        if (!step.status.active()) {
            return;
        }
        touched.add(wf.id);
        tx.cancel("wait:" + step.id);
        tx.cancel("sfn:" + step.id);
        switch (result) {
            case "FAIL" -> fail(wf, step, Statuses.Step.FAILED,
                    message != null ? message : "Step failed: fault injected for step '" + step.name + "'.", null);
            case "TIMEOUT" -> {
                stopStateMachine(step, "The step timed out.");
                fail(wf, step, Statuses.Step.TIMED_OUT, "Step timed out after " + step.timeoutSeconds + " seconds", null);
            }
            default -> {
                StepAction action = StepAction.fromWire(step.action).orElseThrow();
                if (action == StepAction.WAIT_FOR_ACTION || action == StepAction.EXECUTE_STATE_MACHINE) {
                    // a delay fault on a waiting step only postpones its timeout
                    fail(wf, step, Statuses.Step.TIMED_OUT, "Step timed out after " + step.timeoutSeconds + " seconds", null);
                } else {
                    perform(wf, step);
                }
            }
        }
    }

    private void perform(WorkflowRun wf, StepRun step) {
        StepAction action = StepAction.fromWire(step.action).orElseThrow();
        switch (SimulatedActions.perform(run, wf, action, step.resolvedInputs, now)) {
            case SimulatedActions.Outcome.Done done -> complete(wf, step, done.outputs());
            case SimulatedActions.Outcome.Failed failed -> fail(wf, step, Statuses.Step.FAILED, failed.message(), null);
        }
    }

    /** SendWorkflowStepAction reached a WAITING step (spec §4.7). */
    void onAction(WorkflowRun wf, StepRun step, String action, String reason) {
        if (step.status != Statuses.Step.WAITING) {
            return;
        }
        touched.add(wf.id);
        tx.cancel("wait:" + step.id);
        tx.cancel("step:" + step.id);
        ObjectNode outputs = NODES.objectNode().put("action", action);
        if (reason != null) {
            outputs.put("reason", reason);
        }
        if (action.equals("RESUME")) {
            complete(wf, step, outputs);
        } else {
            fail(wf, step, Statuses.Step.FAILED, reason == null ? "Step stopped by the STOP action."
                    : "Step stopped by the STOP action: " + reason, outputs);
        }
    }

    /** ExecuteStateMachine's execution was started (the task item is consumed). */
    void onStateMachineStarted(WorkflowRun wf, StepRun step, String executionArn, String error) {
        if (!step.status.active()) {
            if (executionArn != null && step.executionArn == null) {
                tx.deliver(executionArn, StepFunctionsPort.stopItem(run.arn, "The workflow step is no longer running."));
            }
            return;
        }
        touched.add(wf.id);
        if (error != null) {
            tx.cancel("step:" + step.id);
            fail(wf, step, Statuses.Step.FAILED, error, null);
            return;
        }
        step.executionArn = executionArn;
    }

    /** ExecuteStateMachine's execution ended. */
    void onStateMachineEnded(WorkflowRun wf, StepRun step, boolean succeeded, JsonNode describe, String cause) {
        if (!step.status.active()) {
            return;
        }
        touched.add(wf.id);
        tx.cancel("step:" + step.id);
        tx.cancel("sfn:" + step.id);
        String executionArn = describe == null ? step.executionArn : describe.path("ExecutionArn").asString(step.executionArn);
        if (succeeded) {
            ObjectNode outputs = NODES.objectNode().put("executionArn", executionArn);
            outputs.put("output", describe == null ? "{}" : describe.path("Output").asString("{}"));
            complete(wf, step, outputs);
        } else {
            String status = describe == null ? "FAILED" : describe.path("Status").asString("FAILED");
            String detail = describe == null ? cause : describe.path("Cause").asString(describe.path("Error").asString(""));
            fail(wf, step, Statuses.Step.FAILED, "State machine execution " + executionArn + " ended with status "
                    + status + (detail == null || detail.isEmpty() ? "" : ": " + detail), null);
        }
    }

    private void complete(WorkflowRun wf, StepRun step, ObjectNode outputs) {
        step.status = Statuses.Step.COMPLETED;
        step.outputs = outputs;
        step.endMs = now.toEpochMilli();
        wf.cursor++;
    }

    private void skip(StepRun step) {
        WorkflowRun wf = owner(step);
        WorkflowStep doc = document(wf).steps().get(wf.steps.indexOf(step));
        step.status = Statuses.Step.SKIPPED;
        step.inputs = doc.inputs().unresolved();
        step.startMs = now.toEpochMilli();
        step.endMs = step.startMs;
        wf.cursor++;
    }

    private void fail(WorkflowRun wf, StepRun step, Statuses.Step status, String message, ObjectNode outputs) {
        step.status = status;
        step.message = truncate(message, 500);
        step.outputs = outputs;
        if (step.startMs == null) {
            step.startMs = now.toEpochMilli();
        }
        step.endMs = now.toEpochMilli();
        if (OnFailure.CONTINUE.wireName().equals(step.onFailure)) {
            wf.cursor++;
            return;
        }
        abort(wf, wf.steps.indexOf(step));
    }

    // ------------------------------------------------------------------ abort and rollback (§4.6)

    private void abort(WorkflowRun wf, int failed) {
        for (int i = failed + 1; i < wf.steps.size(); i++) {
            StepRun rest = wf.steps.get(i);
            if (rest.status == Statuses.Step.PENDING) {
                rest.status = Statuses.Step.SKIPPED;
                rest.inputs = document(wf).steps().get(i).inputs().unresolved();
                rest.startMs = now.toEpochMilli();
                rest.endMs = rest.startMs;
            }
        }
        StepRun failedStep = wf.steps.get(failed);
        wf.message = truncate("Step '" + failedStep.name + "' (" + failedStep.id + ") failed: " + failedStep.message, 500);
        wf.failedStep = failed;
        wf.rollbackCursor = failed;
        boolean anything = false;
        for (int i = failed; i >= 0; i--) {
            if (rollbackKind(wf, i) == Statuses.Rollback.RUNNING) {
                anything = true;
            }
        }
        wf.status = anything ? Statuses.Workflow.ROLLBACK_IN_PROGRESS : Statuses.Workflow.RUNNING;
        if (!anything) {
            // nothing can be undone: record why each taking part was not rolled back, then fail
            for (int i = failed; i >= 0; i--) {
                Statuses.Rollback kind = rollbackKind(wf, i);
                if (kind != null) {
                    wf.steps.get(i).rollbackStatus = kind;
                }
            }
            end(wf, Statuses.Workflow.FAILED);
        }
    }

    /**
     * How step {@code index} takes part in the rollback: null when it does not (skipped, never
     * ran), {@code SKIPPED} when {@code rollbackEnabled} is false, {@code NO_ROLLBACK} when its
     * action has nothing to undo, {@code RUNNING} when it will be rolled back.
     */
    private Statuses.Rollback rollbackKind(WorkflowRun wf, int index) {
        StepRun step = wf.steps.get(index);
        boolean takesPart = step.status == Statuses.Step.COMPLETED || index == wf.failedStep;
        if (!takesPart) {
            return null;
        }
        if (!rollbackEnabled(wf, index)) {
            return Statuses.Rollback.SKIPPED;
        }
        StepAction action = StepAction.fromWire(step.action).orElseThrow();
        return SimulatedActions.hasRollback(run, action, step.outputs) ? Statuses.Rollback.RUNNING
                : Statuses.Rollback.NO_ROLLBACK;
    }

    private boolean rollbackEnabled(WorkflowRun wf, int index) {
        DynamicValue value = document(wf).steps().get(index).rollbackEnabled();
        try {
            JsonNode resolved = Resolver.resolve(value, Variables.context(run, wf, run.plan.workflows().get(wf.spec), now),
                    "rollbackEnabled");
            return !resolved.isBoolean() || resolved.booleanValue();
        } catch (ResolutionException e) {
            return true;
        }
    }

    /** Rolls back the next step in reverse order; false while a rollback is running. */
    private boolean rollBackNext(WorkflowRun wf) {
        while (wf.rollbackCursor >= 0) {
            StepRun step = wf.steps.get(wf.rollbackCursor);
            if (step.rollbackStatus == Statuses.Rollback.RUNNING) {
                return false;
            }
            if (step.rollbackStatus == null) {
                Statuses.Rollback kind = rollbackKind(wf, wf.rollbackCursor);
                if (kind == Statuses.Rollback.RUNNING) {
                    touched.add(wf.id);
                    step.rollbackStatus = Statuses.Rollback.RUNNING;
                    wf.rolledBack = true;
                    long duration = Math.round(settings.stepSeconds() * 1000);
                    if (duration > 0) {
                        ObjectNode data = NODES.objectNode().put("workflow", wf.id).put("step", step.id);
                        tx.schedule(WorkItem.signal("rollback:" + step.id, now.toEpochMilli() + duration,
                                new Signal("rollbackEnded", data)));
                        return false;
                    }
                    finishRollback(step);
                } else if (kind != null) {
                    step.rollbackStatus = kind;
                }
            }
            wf.rollbackCursor--;
        }
        end(wf, wf.rollbackFailed ? Statuses.Workflow.FAILED : Statuses.Workflow.ROLLBACK_COMPLETED);
        return true;
    }

    /** A rollback's timer fired. */
    void onRollbackEnded(WorkflowRun wf, StepRun step) {
        if (step.rollbackStatus != Statuses.Rollback.RUNNING) {
            return;
        }
        touched.add(wf.id);
        finishRollback(step);
    }

    private void finishRollback(StepRun step) {
        StepAction action = StepAction.fromWire(step.action).orElseThrow();
        SimulatedActions.rollback(run, action, step.outputs);
        step.rollbackStatus = Statuses.Rollback.COMPLETED;
    }

    // ------------------------------------------------------------------ ending

    private void complete(WorkflowRun wf) {
        WorkflowDocument document = document(wf);
        ResolutionContext context = Variables.context(run, wf, run.plan.workflows().get(wf.spec), now);
        for (WorkflowOutput output : document.outputs()) {
            try {
                run.workflowOutputs.set(output.name(), Resolver.resolve(output.value(), context,
                        "output '" + output.name() + "'"));
            } catch (ResolutionException e) {
                // an output that does not resolve is left out (spec §4.9)
            }
        }
        end(wf, Statuses.Workflow.COMPLETED);
    }

    private void end(WorkflowRun wf, Statuses.Workflow status) {
        touched.add(wf.id);
        wf.status = status;
        wf.endMs = now.toEpochMilli();
    }

    /**
     * Cancels the execution (CancelImageCreation, or a sibling's abort): running, waiting and
     * pending steps become CANCELLED, their timers and waits are dropped, no rollback runs (§4.8).
     */
    void cancel(WorkflowRun wf, String message) {
        if (wf.status.terminal()) {
            return;
        }
        touched.add(wf.id);
        for (StepRun step : wf.steps) {
            if (step.status.active() || step.status == Statuses.Step.PENDING) {
                if (step.status.active()) {
                    step.endMs = now.toEpochMilli();
                }
                stopStateMachine(step, message);
                step.status = Statuses.Step.CANCELLED;
                tx.cancel("step:" + step.id);
                tx.cancel("wait:" + step.id);
                tx.cancel("sfn:" + step.id);
            }
            if (step.rollbackStatus == Statuses.Rollback.RUNNING) {
                tx.cancel("rollback:" + step.id);
                step.rollbackStatus = Statuses.Rollback.FAILED;
            }
        }
        wf.message = truncate(message, 500);
        end(wf, Statuses.Workflow.CANCELLED);
    }

    private void stopStateMachine(StepRun step, String cause) {
        if (step.executionArn != null && step.status.active()) {
            tx.deliver(step.executionArn, StepFunctionsPort.stopItem(run.arn, cause));
        }
    }

    private WorkflowRun owner(StepRun step) {
        for (WorkflowRun wf : run.workflows) {
            if (wf.steps.contains(step)) {
                return wf;
            }
        }
        throw new IllegalStateException("step " + step.id + " has no workflow");
    }

    private WorkflowDocument document(WorkflowRun wf) {
        ImagePlan.WorkflowSpec spec = run.plan.workflows().get(wf.spec);
        return Documents.of(spec.data(), spec.type());
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
