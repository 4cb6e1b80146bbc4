package dev.stepline.mwaa.run;

/**
 * {@code TaskInstanceStatus} (spec §4.1). One value per attempt record; {@code UP_FOR_RETRY} is the
 * final status of an attempt that failed with retries left. {@code REMOVED}, {@code RESTARTING},
 * {@code DEFERRED}, {@code SCHEDULED} and {@code QUEUED} are never produced: an attempt is handed to
 * its local worker in the transition that finds it runnable, so it goes from {@code NONE} to
 * {@code RUNNING} at once.
 */
public enum TaskStatus {
    QUEUED, FAILED, SCHEDULED, RUNNING, SUCCESS, UP_FOR_RESCHEDULE, UP_FOR_RETRY, UPSTREAM_FAILED, REMOVED,
    RESTARTING, DEFERRED, NONE, CANCELLED, TIMEOUT;

    /** The attempt will not change any more. */
    public boolean attemptEnded() {
        return switch (this) {
            case SUCCESS, FAILED, UP_FOR_RETRY, UPSTREAM_FAILED, REMOVED, CANCELLED, TIMEOUT -> true;
            default -> false;
        };
    }

    /** Counts as failed for trigger rules and the run outcome. */
    public boolean failed() {
        return this == FAILED || this == TIMEOUT;
    }
}
