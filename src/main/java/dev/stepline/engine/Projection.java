package dev.stepline.engine;

import dev.stepline.store.Tx;
import java.util.List;

/**
 * Writes a service face's own view of its executions (its listing table) in the engine's
 * transaction, so that what a List or Describe call reads is exactly what the engine committed.
 */
@FunctionalInterface
public interface Projection {

    /** One summary handed over by {@link Transition#summary}; {@code created} on the execution's first transition. */
    record Change(String executionId, Object summary, boolean created) {
    }

    /** Writes the summaries of one committed batch (in commit order). */
    void write(Tx tx, List<Change> changes);
}
