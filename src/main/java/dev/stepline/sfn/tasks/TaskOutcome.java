package dev.stepline.sfn.tasks;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.JsonNode;

/**
 * What one Task invocation came to: the task result, or an error the state's Retry/Catch sees.
 */
public sealed interface TaskOutcome {

    /** The invocation returned {@code output} (the task result, before ResultSelector/ResultPath). */
    record Succeeded(JsonNode output) implements TaskOutcome {
        public Succeeded {
            requireNonNull(output, "output is null");
        }
    }

    /**
     * The invocation failed with {@code error} (matched by Retry/Catch {@code ErrorEquals}) and
     * {@code cause} (the detail; may be null, as for a mocked {@code Throw} without a Cause).
     */
    record Failed(String error, String cause) implements TaskOutcome {
        public Failed {
            requireNonNull(error, "error is null");
        }
    }

    static TaskOutcome succeeded(JsonNode output) {
        return new Succeeded(output);
    }

    static TaskOutcome failed(String error, String cause) {
        return new Failed(error, cause);
    }
}
