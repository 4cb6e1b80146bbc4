package dev.stepline.sfn.runtime;

/**
 * Issues task tokens ({@code $$.Task.Token}, activity tokens). A token names the parked work item
 * that waits for it; it is deterministic for (execution, item key) so that re-running a transition
 * after a crash hands out the same token.
 */
public interface TaskTokens {

    /** The token for the parked item {@code parkedKey} of {@code executionId}. */
    String issue(String executionId, String parkedKey);
}
