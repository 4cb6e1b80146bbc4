package dev.stepline.imagebuilder.document;

import java.util.Optional;

/** A step's {@code onFailure}: exactly {@code Abort} (the default) or {@code Continue}. */
public enum OnFailure {
    ABORT("Abort"),
    CONTINUE("Continue");

    private final String wireName;

    OnFailure(String wireName) {
        this.wireName = wireName;
    }

    /** As written in documents and in GetWorkflowStepExecution, e.g. {@code Abort}. */
    public String wireName() {
        return wireName;
    }

    /** The exact spelling to its constant; {@code abort} or {@code ABORT} are not accepted. */
    public static Optional<OnFailure> fromWire(String value) {
        for (OnFailure onFailure : values()) {
            if (onFailure.wireName.equals(value)) {
                return Optional.of(onFailure);
            }
        }
        return Optional.empty();
    }
}
