package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.Signal;
import dev.stepline.engine.Transition;
import dev.stepline.engine.WorkItem;
import dev.stepline.sfn.asl.AslParser;
import dev.stepline.sfn.asl.StateMachineDefinition;
import dev.stepline.sfn.asl.StateMachineType;
import dev.stepline.sfn.runtime.dataflow.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays the engine for one execution, in memory: applies transitions (encoding and decoding the
 * state between them, as the engine stores it), keeps the pending work items, fires due timers and
 * answers TASK items with {@link #tasks}.
 */
final class FakeEngine {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final String SM_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:sm";
    static final String EXEC_ARN = "arn:aws:states:us-east-1:123456789012:execution:sm:exec";
    static final String ROLE = "arn:aws:iam::123456789012:role/r";

    record Event(long id, String type, long prev, ObjectNode details) {
        String detail(String field) {
            JsonNode node = details == null ? null : details.get(field);
            return node == null ? null : node.asString();
        }

        @Override
        public String toString() {
            return id + " " + type + " " + prev;
        }
    }

    record Delivery(String executionArn, WorkItem item) {
    }

    final Set<String> activities = new HashSet<>();
    final AslDialect dialect;
    final List<Event> events = new ArrayList<>();
    final Map<String, WorkItem> items = new LinkedHashMap<>();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<ExecutionSummary> summaries = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();
    /** Answers TASK items; null = the outcome comes later. Default: succeed with the parameters. */
    Function<WorkItem, Signal> tasks = FakeEngine::echo;
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    boolean closed;
    boolean roundTrip = true;
    int transitions;
    int maxEventsPerTransition;
    private String encoded;
    private AslExecution live;
    private StateMachineDefinition definition;

    FakeEngine() {
        dialect = new AslDialect(key -> definition, (execution, key) -> "token:" + key, activities::contains);
    }

    static Signal echo(WorkItem item) {
        ObjectNode data = Json.object();
        data.put("task", item.key());
        data.put("output", Json.compact(item.payload().get("parameters")));
        return new Signal("taskSucceeded", data);
    }

    static Signal succeed(WorkItem item, String output) {
        ObjectNode data = Json.object();
        data.put("task", item.key());
        data.put("output", output);
        return new Signal("taskSucceeded", data);
    }

    static Signal fail(WorkItem item, String error, String cause) {
        ObjectNode data = Json.object();
        data.put("task", item.key());
        if (error != null) {
            data.put("error", error);
        }
        if (cause != null) {
            data.put("cause", cause);
        }
        return new Signal("taskFailed", data);
    }

    /** Pretends {@code count} events were already recorded (history limit tests). */
    FakeEngine preload(int count) {
        for (int i = 0; i < count; i++) {
            events.add(new Event(events.size() + 1, "Filler", 0, null));
        }
        return this;
    }

    /** Starts the execution (the StartExecution transaction) and runs it until it waits. */
    FakeEngine start(String definitionJson, String input) {
        return start(definitionJson, input, null);
    }

    FakeEngine start(String definitionJson, String input, ExecutionStart.ParentTask parent) {
        definition = AslParser.parse(definitionJson, StateMachineType.STANDARD);
        ExecutionStart start = new ExecutionStart(EXEC_ARN, SM_ARN, "sm", null, null, "exec", "def-1", ROLE, input,
                null, now, REGION, null, parent);
        live = AslDialect.newExecution(start);
        encoded = dialect.encode(live);
        apply(new Signal("created", Json.object()));
        assertThat(transitions).isEqualTo(1);
        assertThat(events.get(events.size() - 1).type()).isEqualTo("ExecutionStarted");
        return run();
    }

    /** Delivers one signal in its own transition. */
    FakeEngine apply(Signal signal) {
        if (closed) {
            return this;
        }
        transitions++;
        AslExecution state = roundTrip ? dialect.decode(encoded) : live;
        FakeTransition tx = new FakeTransition();
        int before = events.size();
        state = dialect.apply(state, List.of(signal), tx);
        maxEventsPerTransition = Math.max(maxEventsPerTransition, events.size() - before);
        live = state;
        encoded = dialect.encode(state);
        if (tx.closed) {
            closed = true;
            items.clear();
        }
        return this;
    }

    FakeEngine signal(String type, String... keyValues) {
        ObjectNode data = Json.object();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put(keyValues[i], keyValues[i + 1]);
        }
        return apply(new Signal(type, data));
    }

    /** Runs due signals and answerable tasks until nothing is runnable now. */
    FakeEngine run() {
        boolean progress = true;
        while (progress && !closed) {
            progress = false;
            for (WorkItem item : List.copyOf(items.values())) {
                if (closed) {
                    break;
                }
                if (!items.containsKey(item.key()) || items.get(item.key()) != item) {
                    continue;
                }
                if (item.kind() == WorkItem.Kind.SIGNAL && item.dueMs() <= now.toEpochMilli()) {
                    items.remove(item.key());
                    apply(item.asSignal());
                    progress = true;
                } else if (item.kind() == WorkItem.Kind.TASK) {
                    Signal outcome = tasks.apply(item);
                    if (outcome != null) {
                        items.remove(item.key());
                        apply(outcome);
                        progress = true;
                    }
                }
            }
        }
        return this;
    }

    /** Moves time to the next pending timer and runs; false when none is pending. */
    boolean fireNextTimer() {
        long next = Long.MAX_VALUE;
        for (WorkItem item : items.values()) {
            if (item.kind() == WorkItem.Kind.SIGNAL) {
                next = Math.min(next, item.dueMs());
            }
        }
        if (next == Long.MAX_VALUE) {
            return false;
        }
        if (next > now.toEpochMilli()) {
            now = Instant.ofEpochMilli(next);
        }
        run();
        return true;
    }

    FakeEngine runToEnd() {
        run();
        int guard = 0;
        while (!closed && fireNextTimer()) {
            if (++guard > 100_000) {
                throw new AssertionError("does not end");
            }
        }
        return this;
    }

    FakeEngine advance(Duration duration) {
        now = now.plus(duration);
        return run();
    }

    List<WorkItem> items(WorkItem.Kind kind) {
        return items.values().stream().filter(i -> i.kind() == kind).toList();
    }

    WorkItem item(WorkItem.Kind kind) {
        List<WorkItem> found = items(kind);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    List<String> types() {
        return events.stream().map(Event::type).toList();
    }

    /** Events as "id type prev". */
    List<String> history() {
        return events.stream().map(Event::toString).toList();
    }

    Event event(String type) {
        List<Event> found = events.stream().filter(e -> e.type().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    Event last() {
        return events.get(events.size() - 1);
    }

    ExecutionSummary summary() {
        return summaries.get(summaries.size() - 1);
    }

    AslExecution state() {
        return roundTrip ? dialect.decode(encoded) : live;
    }

    String encoded() {
        return encoded;
    }

    private final class FakeTransition implements Transition {
        boolean closed;
        boolean summarized;

        @Override
        public String executionId() {
            return EXEC_ARN;
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public long appendEvent(String type, long previousEventId, ObjectNode details) {
            assertThat(closed).as("event after close: " + type).isFalse();
            long id = events.size() + 1;
            assertThat(previousEventId).as("prev of " + type).isLessThan(id);
            events.add(new Event(id, type, previousEventId, details));
            return id;
        }

        @Override
        public long lastEventId() {
            return events.size();
        }

        @Override
        public void schedule(WorkItem item) {
            items.put(item.key(), item);
        }

        @Override
        public void deliver(String otherExecutionId, WorkItem item) {
            deliveries.add(new Delivery(otherExecutionId, item));
        }

        @Override
        public void cancel(String key) {
            cancelled.add(key);
            items.remove(key);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void summary(Object summary) {
            assertThat(summarized).as("summary twice in one transition").isFalse();
            summarized = true;
            summaries.add((ExecutionSummary) summary);
        }
    }
}
