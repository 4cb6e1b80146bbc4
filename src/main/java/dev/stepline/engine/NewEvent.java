package dev.stepline.engine;

/**
 * A history event appended by a transition, not yet committed. {@code details} is the serialised
 * details object, or null; serialised on the execution's own thread so the single committer
 * thread only writes.
 */
record NewEvent(long id, long previousEventId, String type, long timestampMs, String details) {
}
