package dev.stepline.engine;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.node.ObjectNode;

/**
 * A durable piece of pending work that belongs to one execution, stored in the same transaction as
 * the transition that created it and deleted by the transition that consumes it.
 *
 * <p>Kinds:
 * <ul>
 *   <li>{@link Kind#SIGNAL} — deliver {@code payload} as a {@link Signal} to the dialect once {@code dueMs} is
 *       reached: timers (Wait, retry back-off, timeouts) and signals written by API calls.</li>
 *   <li>{@link Kind#TASK} — run the dialect's {@link TaskRunner} with {@code payload}; its outcome comes back as a
 *       signal that consumes this item. Runs at least once (again after a crash).</li>
 *   <li>{@link Kind#PARKED} — nothing runs; the item only proves that the execution still waits for
 *       something from outside (an activity worker, a task-token callback). {@code queue} names the
 *       queue pollers take from (an activity ARN), or is null for callbacks.</li>
 * </ul>
 *
 * @param key     unique within the execution; the dialect uses it to cancel or consume the item
 * @param kind    see above
 * @param dueMs   engine-clock epoch millis at which the item becomes runnable (0 or the past: now)
 * @param queue   the poll queue of a parked item, else null
 * @param payload the item's data (signal body, task call, parked task details)
 */
public record WorkItem(String key, Kind kind, long dueMs, String queue, ObjectNode payload) {
    public enum Kind { SIGNAL, TASK, PARKED }

    public WorkItem {
        requireNonNull(key, "key is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(payload, "payload is null");
    }

    /** A signal delivered at {@code dueMs}; the payload must hold {@code type} and {@code data}. */
    public static WorkItem signal(String key, long dueMs, Signal signal) {
        ObjectNode payload = signal.data().objectNode();
        payload.put("type", signal.type());
        payload.set("data", signal.data());
        return new WorkItem(key, Kind.SIGNAL, dueMs, null, payload);
    }

    /** The signal this item carries (only for {@link Kind#SIGNAL}). */
    public Signal asSignal() {
        if (kind != Kind.SIGNAL) {
            throw new IllegalStateException("not a signal item: " + key);
        }
        return new Signal(payload.get("type").asString(), (ObjectNode) payload.get("data"));
    }
}
