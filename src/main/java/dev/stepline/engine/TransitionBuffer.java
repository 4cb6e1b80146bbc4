package dev.stepline.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Collects what one transition produces, for {@link Commit}. Not thread-safe: one transition, one thread. */
final class TransitionBuffer implements Transition {
    private final String executionId;
    private final Instant now;
    private final long firstEventId;
    private final List<NewEvent> events = new ArrayList<>();
    private final Map<String, WorkItem> scheduled = new LinkedHashMap<>();
    private final Set<String> cancelled = new LinkedHashSet<>();
    private final List<Commit.Foreign> foreign = new ArrayList<>();
    private boolean closed;
    private Object summary;

    TransitionBuffer(String executionId, Instant now, long nextEventId) {
        this.executionId = requireNonNull(executionId, "executionId is null");
        this.now = requireNonNull(now, "now is null");
        this.firstEventId = nextEventId;
    }

    @Override
    public String executionId() {
        return executionId;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public long appendEvent(String type, long previousEventId, ObjectNode details) {
        long id = firstEventId + events.size();
        events.add(new NewEvent(id, previousEventId, requireNonNull(type, "type is null"), now.toEpochMilli(),
                details == null ? null : EngineStore.JSON.writeValueAsString(details)));
        return id;
    }

    @Override
    public long lastEventId() {
        return firstEventId + events.size() - 1;
    }

    @Override
    public void schedule(WorkItem item) {
        cancelled.remove(item.key());
        scheduled.put(item.key(), item);
    }

    @Override
    public void deliver(String otherExecutionId, WorkItem item) {
        foreign.add(new Commit.Foreign(requireNonNull(otherExecutionId, "otherExecutionId is null"), item));
    }

    @Override
    public void cancel(String key) {
        scheduled.remove(key);
        cancelled.add(key);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void summary(Object summary) {
        this.summary = summary;
    }

    /**
     * Removes and returns the signals this transition scheduled for its own execution that are
     * already due, so the engine can apply them within the same transition.
     */
    List<WorkItem> takeDueSignals() {
        List<WorkItem> due = new ArrayList<>();
        if (closed) {
            return due;
        }
        long nowMs = now.toEpochMilli();
        scheduled.values().removeIf(item -> {
            boolean take = item.kind() == WorkItem.Kind.SIGNAL && item.dueMs() <= nowMs;
            if (take) {
                due.add(item);
            }
            return take;
        });
        return due;
    }

    long nextEventId() {
        return firstEventId + events.size();
    }

    List<NewEvent> events() {
        return events;
    }

    List<WorkItem> scheduled() {
        return closed ? List.of() : List.copyOf(scheduled.values());
    }

    Set<String> cancelled() {
        return cancelled;
    }

    List<Commit.Foreign> foreign() {
        return foreign;
    }

    boolean closed() {
        return closed;
    }

    Object summary() {
        return summary;
    }
}
