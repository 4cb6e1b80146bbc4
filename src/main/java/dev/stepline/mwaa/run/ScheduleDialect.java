package dev.stepline.mwaa.run;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Dialect;
import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.dag.Schedule;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The schedule of one workflow version (kind {@value #KIND}; spec §3.7): an engine execution whose
 * timer is the next fire time on the engine clock. Each fire schedules a TASK item
 * {@code fire:<fireMs>} whose worker starts the SCHEDULED run (its run id is a function of the fire
 * time, so a fire repeated after a crash cannot start a second run) and arms the next fire.
 *
 * <p><b>No catch-up</b>: only the fire time that was pending fires after downtime, once, however
 * many fire times passed; the next fire time is then the first one after "now". The schedule ends
 * when the version is no longer the latest (the worker reports {@code superseded}), the workflow is
 * gone, {@code end_date} is passed, or an {@code @once} schedule fired.
 *
 * <p>Signals: {@code created}, {@code fire {at}}, {@code superseded}.
 */
public final class ScheduleDialect implements Dialect<ScheduleDialect.State> {
    public static final String KIND = "mwaa-schedule";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A version's schedule. */
    public static final class State {
        public String workflowArn;
        public String workflowVersion;
        public String definitionSha;
        public Long nextFireMs;
        public long fired;
    }

    private final DagSource dags;

    public ScheduleDialect(DagSource dags) {
        this.dags = requireNonNull(dags, "dags is null");
    }

    /** The schedule execution of a workflow version. */
    public static String executionId(String workflowArn, String workflowVersion) {
        return workflowArn + "/schedule/" + workflowVersion;
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
        DagDefinition dag = dags.dag(state.definitionSha);
        long now = tx.now().toEpochMilli();
        for (Signal signal : signals) {
            switch (signal.type()) {
                case "created" -> arm(state, dag, next(dag, now - 1, true), tx);
                case "fire" -> {
                    long at = signal.data().path("at").asLong();
                    state.fired++;
                    tx.schedule(new WorkItem("fire:" + at, WorkItem.Kind.TASK, now, null,
                            JsonNodeFactory.instance.objectNode().put("fireMs", at)
                                    .put("workflowArn", state.workflowArn).put("workflowVersion", state.workflowVersion)));
                    arm(state, dag, dag.schedule() instanceof Schedule.Once ? Optional.empty()
                            : next(dag, Math.max(now, at), false), tx);
                }
                case "superseded" -> {
                    state.nextFireMs = null;
                    tx.close();
                    return state;
                }
                default -> {
                    // a schedule worker's other reports ({@code fired}, {@code skipped}) change nothing
                }
            }
        }
        return state;
    }

    private static void arm(State state, DagDefinition dag, Optional<Long> next, Transition tx) {
        Optional<Long> due = next.filter(ms -> dag.endDate().map(end -> ms <= end.toEpochMilli()).orElse(true));
        state.nextFireMs = due.orElse(null);
        if (due.isEmpty()) {
            tx.close();
            return;
        }
        tx.schedule(WorkItem.signal("next", due.get(), new Signal("fire",
                JsonNodeFactory.instance.objectNode().put("at", due.get()))));
    }

    /**
     * The first fire time strictly after {@code afterMs}, not before {@code start_date}; for
     * {@code @once}, {@code max(now, start_date)} when {@code first}.
     */
    static Optional<Long> next(DagDefinition dag, long afterMs, boolean first) {
        long start = dag.startDate().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        return switch (dag.schedule()) {
            case Schedule.Once once -> first ? Optional.of(Math.max(afterMs + 1, start)) : Optional.empty();
            case Schedule.Recurring cron -> {
                long from = start == Long.MIN_VALUE ? afterMs : Math.max(afterMs, start - 1);
                yield cron.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(from), dag.timezone()))
                        .map(t -> t.toInstant().toEpochMilli());
            }
            case Schedule.Unscheduled none -> Optional.empty();
        };
    }
}
