package dev.stepline.sfn.runtime;

import java.util.Set;

/**
 * Names of Step Functions history event types and of the member that carries each one's details
 * in a {@code HistoryEvent} (spec §5.2). The dialect appends the details' content; the face wraps
 * it in the member {@link #detailsMember} names.
 */
public final class HistoryEvents {
    private static final Set<String> WITHOUT_DETAILS = Set.of(
            "TaskStateAborted", "WaitStateAborted", "ParallelStateAborted", "MapStateAborted",
            "ParallelStateStarted", "ParallelStateSucceeded", "ParallelStateFailed",
            "MapStateSucceeded", "MapStateFailed", "MapRunSucceeded", "MapRunAborted",
            "LambdaFunctionStarted");

    private HistoryEvents() {
    }

    /**
     * The details member of an event type, e.g. {@code PassStateEntered} → {@code stateEnteredEventDetails},
     * {@code TaskScheduled} → {@code taskScheduledEventDetails}; null for types without details
     * (e.g. {@code ParallelStateStarted}, {@code TaskStateAborted}).
     */
    public static String detailsMember(String eventType) {
        if (WITHOUT_DETAILS.contains(eventType)) {
            return null;
        }
        if (eventType.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (eventType.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        if (eventType.isEmpty()) {
            return null;
        }
        return Character.toLowerCase(eventType.charAt(0)) + eventType.substring(1) + "EventDetails";
    }
}
