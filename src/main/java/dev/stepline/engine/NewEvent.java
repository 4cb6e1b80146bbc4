package dev.stepline.engine;

import tools.jackson.databind.node.ObjectNode;

/** A history event appended by a transition, not yet committed. {@code details} may be null. */
record NewEvent(long id, long previousEventId, String type, long timestampMs, ObjectNode details) {
}
