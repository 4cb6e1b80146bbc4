package dev.stepline.imagebuilder.runtime;

/**
 * The status vocabularies of the runtime (spec §4). {@code WAITING}, {@code TIMED_OUT} and
 * {@code NO_ROLLBACK} are documented by AWS but absent from the model's enums (spec §7 #1); they
 * are emitted as they are, which the SDKs accept as unknown enum values.
 */
public final class Statuses {
    private Statuses() {}

    /** {@code ImageStatus} values the runtime moves through (spec §4.1). */
    public enum Image {
        PENDING, CREATING, BUILDING, TESTING, DISTRIBUTING, INTEGRATING, AVAILABLE, CANCELLED, FAILED;

        public boolean terminal() {
            return this == AVAILABLE || this == CANCELLED || this == FAILED;
        }
    }

    /** {@code WorkflowExecutionStatus} (spec §4.4). */
    public enum Workflow {
        PENDING, SKIPPED, RUNNING, COMPLETED, FAILED, ROLLBACK_IN_PROGRESS, ROLLBACK_COMPLETED, CANCELLED;

        public boolean terminal() {
            return this == SKIPPED || this == COMPLETED || this == FAILED || this == ROLLBACK_COMPLETED
                    || this == CANCELLED;
        }

        /** The outcomes that count as the workflow failing (its {@code onFailure} then applies). */
        public boolean failed() {
            return this == FAILED || this == ROLLBACK_COMPLETED;
        }
    }

    /** {@code WorkflowStepExecutionStatus} plus the documented {@code WAITING} and {@code TIMED_OUT} (spec §4.5). */
    public enum Step {
        PENDING, SKIPPED, RUNNING, WAITING, COMPLETED, FAILED, TIMED_OUT, CANCELLED;

        public boolean active() {
            return this == RUNNING || this == WAITING;
        }
    }

    /** {@code WorkflowStepExecutionRollbackStatus} plus the documented {@code NO_ROLLBACK} (spec §4.6). */
    public enum Rollback {
        RUNNING, COMPLETED, SKIPPED, FAILED, NO_ROLLBACK
    }
}
