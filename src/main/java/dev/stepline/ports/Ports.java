package dev.stepline.ports;

import static java.util.Objects.requireNonNull;

/**
 * The service faces' doors to each other. A face registers what it offers while it is created;
 * the others look it up when a workflow needs it (by then every face is wired). Faces never hold
 * each other's classes, only these interfaces.
 */
public final class Ports {
    private volatile StepFunctionsPort stepFunctions;

    public void stepFunctions(StepFunctionsPort port) {
        this.stepFunctions = requireNonNull(port, "port is null");
    }

    /** Step Functions' door; fails when the face is not wired (a bug, not a user error). */
    public StepFunctionsPort stepFunctions() {
        StepFunctionsPort port = stepFunctions;
        if (port == null) {
            throw new IllegalStateException("the Step Functions face is not wired");
        }
        return port;
    }
}
