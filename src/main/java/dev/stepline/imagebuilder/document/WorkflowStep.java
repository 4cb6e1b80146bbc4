package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of a workflow document's {@code steps} (spec §2.3).
 *
 * @param name            unique in the document, {@code ^[A-Za-z][A-Za-z0-9-_]{1,99}$}
 * @param action          the action, allowed for the workflow's type
 * @param description     1–1024 characters, when given
 * @param onFailure       {@code Abort} unless the document says otherwise
 * @param condition       the {@code if} tree, when given; false means the step is SKIPPED
 * @param inputs          the inputs ({@link StepInputs#EMPTY} when the step has none)
 * @param timeoutSeconds  the timeout the document sets, 1 to the action's maximum
 * @param rollbackEnabled a boolean literal (default {@code true}) or a reference resolving to a boolean
 */
public record WorkflowStep(
        String name,
        StepAction action,
        Optional<String> description,
        OnFailure onFailure,
        Optional<Condition> condition,
        StepInputs inputs,
        OptionalInt timeoutSeconds,
        DynamicValue rollbackEnabled) {

    public WorkflowStep {
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
        requireNonNull(description, "description is null");
        requireNonNull(onFailure, "onFailure is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(inputs, "inputs is null");
        requireNonNull(timeoutSeconds, "timeoutSeconds is null");
        requireNonNull(rollbackEnabled, "rollbackEnabled is null");
    }

    /** The timeout that applies: the document's, else the action's default, in seconds. */
    public int effectiveTimeoutSeconds() {
        return timeoutSeconds.orElse(action.defaultTimeoutSeconds());
    }
}
