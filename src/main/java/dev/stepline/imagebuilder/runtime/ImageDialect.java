package dev.stepline.imagebuilder.runtime;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Dialect;
import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Image Builder's dialect (kind {@value #KIND}): one engine execution per image build version,
 * whose id is the image's ARN and whose state is an {@link ImageRun}. Signals:
 * <ul>
 *   <li>{@code created}, {@code begin}: the image starts (again, after a retry) at its stage;</li>
 *   <li>{@code stepEnded}, {@code rollbackEnded}, {@code stageEnded}: simulated durations ran out;</li>
 *   <li>{@code stepAction} {@code {step, action, reason}}: SendWorkflowStepAction;</li>
 *   <li>{@code stateMachineStarted}, {@code taskSucceeded}, {@code taskFailed}: ExecuteStateMachine;</li>
 *   <li>{@code cancel}, {@code retry}, {@code delete}: CancelImageCreation, RetryImage, DeleteImage.</li>
 * </ul>
 * Every transition hands the projection an {@link ImageSummary} with the image row and the rows
 * of the workflow executions it touched.
 */
public final class ImageDialect implements Dialect<ImageRun> {
    public static final String KIND = "imagebuilder";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RuntimeSettings settings;

    public ImageDialect(RuntimeSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ImageRun decode(String state) {
        return JSON.readValue(state, ImageRun.class);
    }

    @Override
    public String encode(ImageRun state) {
        return JSON.writeValueAsString(state);
    }

    /** The signal that creates an image's execution. */
    public static Signal created() {
        return new Signal("created", JsonNodeFactory.instance.objectNode());
    }

    /** A signal an API call stores with {@code Engine.store} and then dispatches. */
    public static WorkItem apiSignal(String key, String type, ObjectNode data) {
        return WorkItem.signal(key, 0, new Signal(type, data));
    }

    @Override
    public ImageRun apply(ImageRun run, List<Signal> signals, Transition tx) {
        // the creation's transitions (created, then the first begin, applied together) carry the snapshot
        boolean creating = signals.stream().anyMatch(s -> s.type().equals("created")
                || (s.type().equals("begin") && run.retries == 0));
        if (!creating) {
            run.spec = null;
        }
        ObjectNode spec = run.spec;
        Set<String> touched = new LinkedHashSet<>();
        WorkflowInterpreter interpreter = new WorkflowInterpreter(run, tx, settings, touched);
        Stages stages = new Stages(run, tx, settings, interpreter, touched);
        boolean deleted = false;
        for (Signal signal : signals) {
            ObjectNode data = signal.data();
            switch (signal.type()) {
                case "created" -> tx.schedule(WorkItem.signal("begin:0", tx.now().toEpochMilli(),
                        new Signal("begin", JsonNodeFactory.instance.objectNode())));
                case "begin" -> stages.resume();
                case "stepEnded" -> step(run, data.path("step").asString()).ifPresent(at ->
                        interpreter.onStepEnded(at.wf(), at.step(), data.path("result").asString(),
                                data.hasNonNull("message") ? data.get("message").asString() : null));
                case "rollbackEnded" -> step(run, data.path("step").asString()).ifPresent(at ->
                        interpreter.onRollbackEnded(at.wf(), at.step()));
                case "stepAction" -> step(run, data.path("step").asString()).ifPresent(at ->
                        interpreter.onAction(at.wf(), at.step(), data.path("action").asString(),
                                data.hasNonNull("reason") ? data.get("reason").asString() : null));
                case "stateMachineStarted" -> step(run, data.path("step").asString()).ifPresent(at ->
                        interpreter.onStateMachineStarted(at.wf(), at.step(),
                                data.hasNonNull("executionArn") ? data.get("executionArn").asString() : null,
                                data.hasNonNull("error") ? data.get("error").asString() : null));
                case "taskSucceeded", "taskFailed" -> {
                    String task = data.path("task").asString("");
                    if (task.startsWith("sfn:")) {
                        boolean ok = signal.type().equals("taskSucceeded");
                        JsonNode describe = parse(ok ? data.path("output").asString(null) : data.path("cause").asString(null));
                        step(run, task.substring(4)).ifPresent(at -> interpreter.onStateMachineEnded(at.wf(), at.step(),
                                ok, describe, data.path("cause").asString(null)));
                    }
                }
                case "stageEnded" -> stages.onStageEnded(data.path("stage").asString());
                case "cancel" -> stages.cancel();
                case "retry" -> stages.retry();
                case "delete" -> {
                    deleted = true;
                    tx.close();
                }
                default -> { }
            }
            if (!deleted) {
                stages.progress();
            }
        }
        tx.summary(ImageSummary.of(run, spec, touched, deleted, tx.now()));
        return run;
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private record At(WorkflowRun wf, StepRun step) {}

    private static java.util.Optional<At> step(ImageRun run, String stepId) {
        for (WorkflowRun wf : run.workflows) {
            for (StepRun step : wf.steps) {
                if (step.id.equals(stepId)) {
                    return java.util.Optional.of(new At(wf, step));
                }
            }
        }
        return java.util.Optional.empty();
    }
}
