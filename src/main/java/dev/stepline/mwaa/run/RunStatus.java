package dev.stepline.mwaa.run;

/** {@code WorkflowRunStatus} (spec §3.3). */
public enum RunStatus {
    STARTING, QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT, STOPPING, STOPPED;

    /** SUCCESS, FAILED, TIMEOUT and STOPPED: nothing runs any more. */
    public boolean terminal() {
        return this == SUCCESS || this == FAILED || this == TIMEOUT || this == STOPPED;
    }
}
