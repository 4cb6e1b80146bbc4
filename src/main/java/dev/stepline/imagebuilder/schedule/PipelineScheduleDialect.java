package dev.stepline.imagebuilder.schedule;

import dev.stepline.engine.Dialect;
import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schedule of one image pipeline configuration (kind {@value #KIND}): an engine execution whose
 * timer ({@value #TIMER}) is the next fire time on the engine clock. Each fire schedules a TASK item
 * {@code fire:<fireMs>} whose worker starts the pipeline's image with a client token made of the
 * pipeline ARN and the fire time, so a fire repeated after a crash, or run by two nodes, starts one
 * image.
 *
 * <p>Every CreateImagePipeline and UpdateImagePipeline of an ENABLED pipeline with a schedule makes
 * a new execution ({@link #executionId}); the pipeline remembers which one is current. The worker
 * reports {@code superseded} when the pipeline is gone, disabled or names another schedule, and
 * that ends the execution; DeleteImagePipeline and UpdateImagePipeline also send it at once.
 *
 * <p><b>No catch-up</b>: after downtime only the fire time that was pending fires, once, however
 * many passed; the next is the first fire time after "now".
 *
 * <p>{@code EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE}: the state keeps the dependencies
 * (resolved component build versions and parent image) of the last image this schedule started;
 * the worker starts a new one only when they resolve differently now. The first fire of a schedule
 * always builds.
 *
 * <p>Signals: {@code created}, {@code fire {at}}, {@code built {at, dependencies}}, {@code skipped},
 * {@code superseded}.
 */
public final class PipelineScheduleDialect implements Dialect<PipelineScheduleDialect.State> {
    public static final String KIND = "imagebuilder-schedule";
    /** The key of the timer that holds the next fire time. */
    public static final String TIMER = "next";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One schedule of a pipeline. */
    public static final class State {
        public String pipelineArn;
        public String scheduleId;
        public String expression;
        public String timezone;
        public boolean dependencyUpdates;
        public Long nextFireMs;
        public long fired;
        public String lastDependencies;
    }

    /** The execution of schedule {@code scheduleId} of a pipeline. */
    public static String executionId(String pipelineArn, String scheduleId) {
        return pipelineArn + "/schedule/" + scheduleId;
    }

    /** The signal that ends a schedule (stored with {@code Engine.store}, then dispatched). */
    public static WorkItem supersede(long nowMs) {
        return WorkItem.signal("superseded", nowMs, new Signal("superseded", JsonNodeFactory.instance.objectNode()));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public State decode(String state) {
        return JSON.readValue(state, State.class);
    }

    @Override
    public String encode(State state) {
        return JSON.writeValueAsString(state);
    }

    @Override
    public State apply(State state, List<Signal> signals, Transition tx) {
        PipelineCron cron = PipelineCron.parse(state.expression, state.timezone);
        long now = tx.now().toEpochMilli();
        for (Signal signal : signals) {
            switch (signal.type()) {
                case "created" -> arm(state, cron.next(now - 1), tx);
                case "fire" -> {
                    long at = signal.data().path("at").asLong();
                    state.fired++;
                    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("fireMs", at)
                            .put("pipelineArn", state.pipelineArn).put("scheduleId", state.scheduleId)
                            .put("dependencyUpdates", state.dependencyUpdates);
                    if (state.lastDependencies != null) {
                        payload.put("lastDependencies", state.lastDependencies);
                    }
                    tx.schedule(new WorkItem("fire:" + at, WorkItem.Kind.TASK, now, null, payload));
                    arm(state, cron.next(Math.max(now, at)), tx);
                }
                case "built" -> state.lastDependencies = signal.data().path("dependencies").asString(null);
                case "superseded" -> {
                    state.nextFireMs = null;
                    tx.close();
                    return state;
                }
                default -> {
                    // "skipped": the worker found nothing to do for that fire time
                }
            }
        }
        return state;
    }

    private static void arm(State state, Optional<Long> next, Transition tx) {
        state.nextFireMs = next.orElse(null);
        if (next.isEmpty()) {
            tx.close();
            return;
        }
        tx.schedule(WorkItem.signal(TIMER, next.get(), new Signal("fire",
                JsonNodeFactory.instance.objectNode().put("at", next.get()))));
    }
}
