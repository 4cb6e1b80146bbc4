package dev.stepline.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Everything one transition writes, applied atomically by the {@link Committer} (in a batch with
 * other executions' transitions). {@code result} completes with true when committed, false when
 * a creation found the id taken or an update found another version (the caller reloads), or
 * exceptionally when the batch failed.
 *
 * @param expectedVersion the version the transition was computed on; 0 for a creation
 * @param consumed        work item keys the transition consumed (stored signals and finished tasks)
 * @param memoryState     the dialect's state object the encoded {@code state} came from (kept in memory)
 */
record Commit(String executionId, String kind, long expectedVersion, String state, long nextEventId, boolean closed,
              List<NewEvent> events, List<WorkItem> scheduled, Set<String> cancelled, Set<String> consumed,
              List<Foreign> foreign, Object summary, long nowMs, Object memoryState,
              CompletableFuture<Boolean> result) {

    /** A work item for another execution. */
    record Foreign(String executionId, WorkItem item) {
    }

    boolean creates() {
        return expectedVersion == 0;
    }
}
