package dev.stepline.sfn.runtime.dataflow;

import static java.util.Objects.requireNonNull;

/**
 * An error a state raises while it runs: a predefined {@code States.*} error or one reported by a
 * task. {@code cause} is the detail only; the interpreter adds AWS's
 * {@code An error occurred while executing the state '<S>' (entered at the event id #<n>). } prefix
 * where AWS does. Thrown without a stack trace: it is control flow, not a bug.
 */
public final class StatesError extends Exception {
    public static final String RUNTIME = "States.Runtime";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

    private final String error;
    private final String errorCause;
    private final String location;

    public StatesError(String error, String cause) {
        this(error, cause, null);
    }

    /**
     * @param location for a JSONata evaluation failure, the field that failed ({@code Output},
     *                 {@code Assign/x}, ...): the interpreter records an {@code EvaluationFailed} event
     */
    public StatesError(String error, String cause, String location) {
        super(error + ": " + cause, null, false, false);
        this.error = requireNonNull(error, "error is null");
        this.errorCause = cause;
        this.location = location;
    }

    public static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }

    /** The error name, e.g. {@code States.Runtime}. */
    public String error() {
        return error;
    }

    /** The field of a failed JSONata evaluation ({@code EvaluationFailed.location}), or null. */
    public String location() {
        return location;
    }

    /** The cause text, or null. */
    public String cause() {
        return errorCause;
    }
}
