package dev.stepline.imagebuilder.arn;

import java.util.Locale;
import java.util.UUID;

/**
 * Workflow execution ids ({@code wf-<uuid>}) and step execution ids ({@code step-<uuid>}),
 * generated lower case (spec §0).
 */
public final class ExecutionIds {
    private ExecutionIds() {}

    /** A fresh {@code wf-} id from a random UUID. */
    public static String newWorkflowExecutionId() {
        return workflowExecutionId(UUID.randomUUID());
    }

    /** A fresh {@code step-} id from a random UUID. */
    public static String newStepExecutionId() {
        return stepExecutionId(UUID.randomUUID());
    }

    /** {@code wf-} plus the UUID in lower case; deterministic, for tests and replays. */
    public static String workflowExecutionId(UUID uuid) {
        return "wf-" + uuid.toString().toLowerCase(Locale.ROOT);
    }

    /** {@code step-} plus the UUID in lower case. */
    public static String stepExecutionId(UUID uuid) {
        return "step-" + uuid.toString().toLowerCase(Locale.ROOT);
    }

    /** True when {@code id} matches the model's {@code WorkflowExecutionId} pattern. */
    public static boolean isWorkflowExecutionId(String id) {
        return id != null && ModelPatterns.WORKFLOW_EXECUTION_ID.matcher(id).matches();
    }

    /** True when {@code id} matches the model's {@code WorkflowStepExecutionId} pattern. */
    public static boolean isStepExecutionId(String id) {
        return id != null && ModelPatterns.WORKFLOW_STEP_EXECUTION_ID.matcher(id).matches();
    }
}
