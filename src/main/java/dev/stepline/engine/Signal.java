package dev.stepline.engine;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.node.ObjectNode;

/**
 * Something that happened to an execution and that its dialect must react to: a start, a timer
 * firing, a task result, a stop request. The engine only transports signals; their meaning belongs
 * to the dialect that created them.
 *
 * @param type what happened, in the dialect's vocabulary (e.g. {@code start}, {@code timer}, {@code taskSucceeded})
 * @param data the details (never null; may be empty); the engine treats it as read-only
 */
public record Signal(String type, ObjectNode data) {
    public Signal {
        requireNonNull(type, "type is null");
        requireNonNull(data, "data is null");
    }
}
