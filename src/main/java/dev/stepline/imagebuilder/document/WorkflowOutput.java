package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a workflow document's {@code outputs} (spec §2.7), evaluated when the workflow
 * completes and stored as {@code $.workflowOutputs.<name>} for the workflows that follow.
 *
 * @param name  unique in the document
 * @param value a reference when written as a string starting with {@code $.}, else a literal
 */
public record WorkflowOutput(String name, DynamicValue value) {
    public WorkflowOutput {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }
}
