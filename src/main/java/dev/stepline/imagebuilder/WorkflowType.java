package dev.stepline.imagebuilder;

import java.util.Locale;
import java.util.Optional;

/** The {@code WorkflowType} enum of the model: the stage a workflow runs in. */
public enum WorkflowType {
    BUILD,
    TEST,
    DISTRIBUTION;

    /** The lower-case segment used in workflow ARNs: {@code workflow/<segment>/...}. */
    public String arnSegment() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire value, e.g. {@code BUILD}. */
    public String wireName() {
        return name();
    }

    /** The wire value to its constant (exact, upper case); empty when it is not one. */
    public static Optional<WorkflowType> fromWire(String value) {
        for (WorkflowType type : values()) {
            if (type.name().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The ARN segment ({@code build}, {@code test}, {@code distribution}) to its constant. */
    public static Optional<WorkflowType> fromArnSegment(String segment) {
        for (WorkflowType type : values()) {
            if (type.arnSegment().equals(segment)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
