package dev.stepline.engine;

/**
 * Runs {@link WorkItem.Kind#TASK} items of one dialect: the side effects of a workflow (calling a
 * Lambda endpoint, an HTTP request, starting a child execution). Called on a virtual thread; may
 * block. Runs at least once per item, so effects should be idempotent by the item's key.
 */
@FunctionalInterface
public interface TaskRunner {

    /**
     * Performs the task and returns the signal that reports its outcome to the dialect. The
     * signal is delivered to the execution and consumes the task item in the same transition.
     * Returns null when the outcome will arrive later by other means (e.g. a child execution that
     * signals its parent when it ends) — the item then stays until a transition cancels it.
     */
    Signal run(String executionId, WorkItem task);
}
