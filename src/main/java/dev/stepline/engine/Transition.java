package dev.stepline.engine;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a dialect sees and produces while it computes one transition of one execution. Everything
 * recorded here is committed in one transaction together with the execution's new state, or not at
 * all (ARCHITECTURE §2). A dialect must not perform I/O; it reads time only through {@link #now()}.
 */
public interface Transition {

    /** The execution's id (for Step Functions, its ARN). */
    String executionId();

    /** The engine clock's time for this transition; constant during one transition. */
    Instant now();

    /**
     * Appends a history event and returns its id. Ids are 1-based and contiguous per execution.
     *
     * @param type            the event type as the service names it (e.g. {@code PassStateEntered})
     * @param previousEventId the causally preceding event's id (0 for none)
     * @param details         the event's details, or null; not copied, do not mutate after appending
     */
    long appendEvent(String type, long previousEventId, ObjectNode details);

    /** The id of the last event appended so far (0 for none). */
    long lastEventId();

    /** Stores a new work item (replacing an uncommitted or stored one with the same key). */
    void schedule(WorkItem item);

    /**
     * Stores a work item for another execution (e.g. a child execution telling its parent it ended).
     * The target's dialect must tolerate signals that arrive after it stopped caring.
     */
    void deliver(String otherExecutionId, WorkItem item);

    /** Deletes the work item with this key, if any (cancelling a timer, a task, a parked wait). */
    void cancel(String key);

    /**
     * Ends the execution: after this transition it receives no more signals and all its remaining
     * work items are deleted.
     */
    void close();

    /**
     * Hands the service face the execution's new summary (status, dates, output...), which its
     * {@link Projection} writes in the same transaction. Call at most once per transition.
     */
    void summary(Object summary);
}
