package dev.stepline.imagebuilder.arn;

import dev.stepline.imagebuilder.WorkflowType;

import java.util.Optional;

/** The kinds of Image Builder resources and the resource-path prefix each has in its ARN (spec §1.2). */
public enum ResourceKind {
    IMAGE("image", true, true),
    COMPONENT("component", true, true),
    IMAGE_RECIPE("image-recipe", true, false),
    CONTAINER_RECIPE("container-recipe", true, false),
    INFRASTRUCTURE_CONFIGURATION("infrastructure-configuration", false, false),
    DISTRIBUTION_CONFIGURATION("distribution-configuration", false, false),
    IMAGE_PIPELINE("image-pipeline", false, false),
    LIFECYCLE_POLICY("lifecycle-policy", false, false),
    WORKFLOW_BUILD("workflow/build", true, true),
    WORKFLOW_TEST("workflow/test", true, true),
    WORKFLOW_DISTRIBUTION("workflow/distribution", true, true);

    private final String pathPrefix;
    private final boolean versioned;
    private final boolean hasBuilds;

    ResourceKind(String pathPrefix, boolean versioned, boolean hasBuilds) {
        this.pathPrefix = pathPrefix;
        this.versioned = versioned;
        this.hasBuilds = hasBuilds;
    }

    /** The path before the name, e.g. {@code image-recipe} or {@code workflow/test}. */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** True when ARNs of this kind carry a version after the name. */
    public boolean versioned() {
        return versioned;
    }

    /** True when this kind has service-assigned build numbers (images, components, workflows). */
    public boolean hasBuilds() {
        return hasBuilds;
    }

    /** The workflow type for the three workflow kinds. */
    public Optional<WorkflowType> workflowType() {
        return switch (this) {
            case WORKFLOW_BUILD -> Optional.of(WorkflowType.BUILD);
            case WORKFLOW_TEST -> Optional.of(WorkflowType.TEST);
            case WORKFLOW_DISTRIBUTION -> Optional.of(WorkflowType.DISTRIBUTION);
            default -> Optional.empty();
        };
    }

    /** The workflow kind for a workflow type. */
    public static ResourceKind workflow(WorkflowType type) {
        return switch (type) {
            case BUILD -> WORKFLOW_BUILD;
            case TEST -> WORKFLOW_TEST;
            case DISTRIBUTION -> WORKFLOW_DISTRIBUTION;
        };
    }

    /** The kind whose {@link #pathPrefix()} is exactly {@code prefix}. */
    public static Optional<ResourceKind> fromPathPrefix(String prefix) {
        for (ResourceKind kind : values()) {
            if (kind.pathPrefix.equals(prefix)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
