package dev.stepline.engine;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tiny dialect for engine tests. State: {@code {"n": count, "limit": L, "delayMs": D, "task": bool}}.
 * {@code created} schedules a tick; each tick appends {@code Tick}; after {@code limit} ticks the
 * execution closes with {@code Done}. With {@code delayMs} ticks are timers; with {@code task}
 * every tick first runs a TASK item whose outcome ({@code taskDone}) counts as the tick.
 */
final class CountingDialect implements Dialect<ObjectNode> {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String kind() {
        return "count";
    }

    @Override
    public ObjectNode decode(String state) {
        return (ObjectNode) JSON.readTree(state);
    }

    @Override
    public String encode(ObjectNode state) {
        return JSON.writeValueAsString(state);
    }

    static ObjectNode initial(int limit, long delayMs, boolean task) {
        ObjectNode state = JSON.createObjectNode();
        state.put("n", 0).put("limit", limit).put("delayMs", delayMs).put("task", task);
        return state;
    }

    @Override
    public ObjectNode apply(ObjectNode state, List<Signal> signals, Transition t) {
        for (Signal signal : signals) {
            switch (signal.type()) {
                case "created" -> {
                    t.appendEvent("Started", 0, null);
                    t.summary("RUNNING");
                    next(state, t);
                }
                case "tick", "taskDone" -> {
                    int n = state.get("n").asInt() + 1;
                    state.put("n", n);
                    t.appendEvent("Tick", t.lastEventId(), JSON.createObjectNode().put("n", n));
                    if (n >= state.get("limit").asInt()) {
                        t.appendEvent("Done", t.lastEventId(), null);
                        t.summary("DONE");
                        t.close();
                    } else {
                        next(state, t);
                    }
                }
                case "park" -> t.schedule(new WorkItem("parked", WorkItem.Kind.PARKED, t.now().toEpochMilli(),
                        signal.data().path("queue").asString(), JSON.createObjectNode()));
                case "stop" -> {
                    t.appendEvent("Stopped", t.lastEventId(), null);
                    t.summary("STOPPED");
                    t.close();
                }
                default -> throw new IllegalArgumentException(signal.type());
            }
        }
        return state;
    }

    private static void next(ObjectNode state, Transition t) {
        int n = state.get("n").asInt();
        if (state.get("task").asBoolean()) {
            t.schedule(new WorkItem("task-" + n, WorkItem.Kind.TASK, t.now().toEpochMilli(), null,
                    JSON.createObjectNode().put("n", n)));
        } else {
            long due = t.now().toEpochMilli() + state.get("delayMs").asLong();
            t.schedule(WorkItem.signal("tick-" + n, due, new Signal("tick", JSON.createObjectNode())));
        }
    }
}
