package dev.stepline.imagebuilder.runtime;

import tools.jackson.databind.node.ObjectNode;

/**
 * One step execution ({@code step-…}) as the runtime keeps it; mutable, part of {@link ImageRun}'s
 * stored state. Created PENDING for every document step when its workflow starts (spec §7 #4).
 */
public final class StepRun {
    public String id;
    public String name;
    public String action;
    public String description;
    public String onFailure;
    public int timeoutSeconds;
    public Statuses.Step status = Statuses.Step.PENDING;
    public Statuses.Rollback rollbackStatus;
    public String message;
    /** The JSON string of the inputs: resolved once the step ran, as the document wrote them when skipped. */
    public String inputs;
    /** The resolved inputs (null until the step started). */
    public ObjectNode resolvedInputs;
    /** The outputs (null when the action has none or the step did not complete). */
    public ObjectNode outputs;
    public Long startMs;
    public Long endMs;
    /** The Step Functions execution an ExecuteStateMachine step started, once known. */
    public String executionArn;

    public boolean ended() {
        return switch (status) {
            case COMPLETED, FAILED, TIMED_OUT, SKIPPED, CANCELLED -> true;
            default -> false;
        };
    }
}
