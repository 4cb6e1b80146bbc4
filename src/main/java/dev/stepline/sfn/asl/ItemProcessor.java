package dev.stepline.sfn.asl;

import java.util.Objects;

/**
 * A Map state's iteration body.
 *
 * @param mode          INLINE (default) or DISTRIBUTED
 * @param executionType for DISTRIBUTED: the child executions' type (default STANDARD); null for INLINE
 * @param workflow      the body ({@code StartAt} + {@code States})
 * @param legacyIterator true when written as the deprecated {@code Iterator} field
 */
public record ItemProcessor(Mode mode, StateMachineType executionType, Workflow workflow, boolean legacyIterator) {

    /** {@code ProcessorConfig.Mode}. */
    public enum Mode {
        INLINE,
        DISTRIBUTED
    }

    public ItemProcessor {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(workflow, "workflow");
    }
}
