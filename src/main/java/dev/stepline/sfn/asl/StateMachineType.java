package dev.stepline.sfn.asl;

/**
 * The two kinds of Step Functions state machine. The type is fixed at creation and changes which
 * definitions are legal: an {@link #EXPRESS} workflow may not use activities, {@code .sync} or
 * {@code .waitForTaskToken} integrations (spec §3.3).
 */
public enum StateMachineType {
    STANDARD,
    EXPRESS
}
