package dev.stepline.imagebuilder.runtime;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * An injected fault (outside the AWS API): the step {@code step} of workflows named
 * {@code workflow} (a name such as {@code build-image}, or a workflow ARN with or without its
 * build number) fails, times out, or runs {@code seconds} long instead of the default duration.
 *
 * @param workflow the workflow's name or ARN
 * @param step     the step name in the document
 * @param mode     what happens
 * @param seconds  how long the step runs before the fault shows (0 for the default duration)
 * @param message  the failure message for {@link Mode#FAIL}, or null for a generic one
 */
public record Fault(String workflow, String step, Mode mode, double seconds, String message) {
    public enum Mode {
        FAIL, TIMEOUT, DELAY;

        public static Optional<Mode> parse(String value) {
            try {
                return Optional.of(valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException | NullPointerException e) {
                return Optional.empty();
            }
        }
    }

    public Fault {
        requireNonNull(workflow, "workflow is null");
        requireNonNull(step, "step is null");
        requireNonNull(mode, "mode is null");
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("seconds must be ≥ 0");
        }
    }

    /** True when this fault names the workflow of this build-version ARN. */
    boolean appliesTo(String workflowArn) {
        if (workflow.equals(workflowArn)) {
            return true;
        }
        // arn:…:workflow/<type>/<name>/<version>/<build>
        String[] parts = workflowArn.split("/");
        if (parts.length < 5) {
            return false;
        }
        String name = parts[parts.length - 3];
        String version = parts[parts.length - 2];
        String versionArn = workflowArn.substring(0, workflowArn.lastIndexOf('/'));
        return workflow.equals(versionArn) || workflow.equalsIgnoreCase(name)
                || workflow.equalsIgnoreCase(name + "/" + version);
    }
}
