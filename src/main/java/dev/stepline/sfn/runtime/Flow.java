package dev.stepline.sfn.runtime;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One thread of control: the top-level workflow, a Parallel branch or a Map iteration. It is
 * always at one state, in one {@link #phase}. A frame knows only its own state; what its state
 * waits for is its {@link #work}.
 */
final class Flow {
    /** About to enter {@link #state} with {@link #input} (null state = the workflow's StartAt). */
    static final int ENTER = 0;
    /** Entered; the state's work must (re)start: a Task attempt, a Parallel/Map run (after a retry back-off). */
    static final int ATTEMPT = 1;
    /** Waiting for {@link #work}. */
    static final int WAIT = 2;
    /** Ended successfully; {@link #input} holds the output. */
    static final int SUCCEEDED = 3;
    /** Ended with {@link #error}/{@link #cause} (or was aborted). */
    static final int FAILED = 4;

    /** Branch index (Parallel) or item index (Map); -1 for the top level. */
    int index = -1;
    /** The current state's name; null before the workflow's first state. */
    String state;
    int phase = ENTER;
    /** The last event of this thread ({@code previousEventId} of its next event). */
    long prev;
    /** The current state's raw input; the output once {@link #SUCCEEDED}. */
    JsonNode input;
    /** Id of the current state's Entered event. */
    long entered;
    /** When the current state was entered (epoch millis). */
    long enteredAt;
    /** {@code $$.State.RetryCount}. */
    int retryCount;
    /** Attempts used per retrier of the current state, or null. */
    int[] attempts;
    /** Variables assigned in this scope, or null. */
    ObjectNode vars;
    /** What the current state waits for, or null. */
    Work work;
    String error;
    String cause;
    /** Map iterations: success already recorded by the Map. */
    boolean reported;
    /** The frame whose Parallel/Map state runs this one; null for the top level (not encoded). */
    Flow parent;

    static Flow top() {
        return new Flow();
    }

    static Flow child(Flow parent, int index, String startAt, long prev, JsonNode input) {
        Flow flow = new Flow();
        flow.parent = parent;
        flow.index = index;
        flow.state = startAt;
        flow.prev = prev;
        flow.input = input;
        return flow;
    }

    boolean done() {
        return phase == SUCCEEDED || phase == FAILED;
    }

    /** What a state waits for. */
    sealed interface Work permits TaskWork, TimerWork, BranchWork, MapRunWork {
    }

    /** A task in flight: a TASK item {@link #key}, maybe a parked item. */
    static final class TaskWork implements Work {
        /** The TASK item's key (for activities: the PARKED item's key). */
        String key;
        /** The parked callback item (waitForTaskToken), or null. */
        String parked;
        /** HeartbeatSeconds, or 0. */
        long heartbeat;
        /** TaskSubmitted was recorded. */
        boolean submitted;
        /** ActivityStarted was recorded. */
        boolean started;
        /** The child execution of a states:startExecution task, once known. */
        String child;
        /**
         * A completion that arrived before TaskSubmitted was recorded (a callback answered, or a
         * {@code .sync} child finished, before the initial call's result came back):
         * {@code {"type":signalType,"data":signalData}}, replayed right after TaskSubmitted.
         */
        tools.jackson.databind.node.ObjectNode pending;
    }

    /** A timer: the end of a Wait, or of a retry back-off. */
    static final class TimerWork implements Work {
        String key;
        boolean retry;

        TimerWork(String key, boolean retry) {
            this.key = key;
            this.retry = retry;
        }
    }

    /** A Parallel or Map state's branches/iterations. */
    static final class BranchWork implements Work {
        boolean map;
        /** Parallel: every branch; Map: the iterations in flight, by index. */
        List<Flow> children = new ArrayList<>();
        /** The last event of the state's own thread (the last finished branch/iteration's last event). */
        long threadPrev;
        /** Map: the effective input ({@code $} of ItemSelector). */
        JsonNode effective;
        /** Map: the items. */
        ArrayNode items;
        /** Map: outputs by index (valid for finished iterations). */
        ArrayNode results;
        /** Map: the next item to start. */
        int next;
        /** Map: MaxConcurrency (0 = unlimited). */
        int limit;
    }
}
