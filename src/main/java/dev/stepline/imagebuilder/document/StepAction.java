package dev.stepline.imagebuilder.document;

import static dev.stepline.imagebuilder.WorkflowType.BUILD;
import static dev.stepline.imagebuilder.WorkflowType.DISTRIBUTION;
import static dev.stepline.imagebuilder.WorkflowType.TEST;

import dev.stepline.imagebuilder.WorkflowType;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The step actions a workflow document may use (spec §3): the workflow types each is allowed in,
 * its default and maximum {@code timeoutSeconds}, whether it has a compensating rollback, and
 * the inputs it requires.
 */
public enum StepAction {
    LAUNCH_INSTANCE("LaunchInstance", all(), 4500, 43200, true, "waitFor"),
    BOOTSTRAP_INSTANCE_FOR_CONTAINER("BootstrapInstanceForContainer", all(), 3600, 43200, false, "instanceId"),
    EXECUTE_COMPONENTS("ExecuteComponents", EnumSet.of(BUILD, TEST), 43200, 86400, false, "instanceId"),
    COLLECT_IMAGE_METADATA("CollectImageMetadata", all(), 1800, 43200, true, "instanceId"),
    COLLECT_IMAGE_SCAN_FINDINGS("CollectImageScanFindings", EnumSet.of(TEST), 7200, 43200, false, "instanceId"),
    SANITIZE_INSTANCE("SanitizeInstance", all(), 3600, 43200, false, "instanceId"),
    RUN_SYS_PREP("RunSysPrep", all(), 3600, 43200, false, "instanceId"),
    CREATE_IMAGE("CreateImage", all(), 43200, 259200, false, "instanceId"),
    CREATE_IMAGE_FROM_ISO("CreateImageFromIso", all(), 43200, 43200, false, "instanceId"),
    REGISTER_IMAGE("RegisterImage", all(), 32400, 43200, false),
    RUN_COMMAND("RunCommand", all(), 43200, 43200, false, "instanceId", "documentName"),
    WAIT_FOR_SSM_AGENT("WaitForSSMAgent", all(), 3600, 10800, false, "instanceId"),
    WAIT_FOR_ACTION("WaitForAction", all(), 259200, 604800, false),
    EXECUTE_STATE_MACHINE("ExecuteStateMachine", all(), 21600, 86400, false, "stateMachineArn"),
    TERMINATE_INSTANCE("TerminateInstance", all(), 1800, 43200, false, "instanceId"),
    DISTRIBUTE_IMAGE("DistributeImage", EnumSet.of(DISTRIBUTION), 21600, 43200, false),
    MODIFY_IMAGE_ATTRIBUTES("ModifyImageAttributes", EnumSet.of(DISTRIBUTION), 7200, 10800, false,
            "distributedImages"),
    APPLY_IMAGE_CONFIGURATIONS("ApplyImageConfigurations", EnumSet.of(DISTRIBUTION), 21600, 43200, false,
            "distributedImages"),
    DISTRIBUTE_CONTAINER_IMAGE("DistributeContainerImage", EnumSet.of(DISTRIBUTION), 7200, 43200, false,
            "instanceId");

    /** Actions that may not share a workflow with {@link #DISTRIBUTE_CONTAINER_IMAGE}. */
    public static final Set<StepAction> AMI_DISTRIBUTION_ACTIONS =
            EnumSet.of(DISTRIBUTE_IMAGE, MODIFY_IMAGE_ATTRIBUTES, APPLY_IMAGE_CONFIGURATIONS);

    private final String wireName;
    private final Set<WorkflowType> workflowTypes;
    private final int defaultTimeoutSeconds;
    private final int maxTimeoutSeconds;
    private final boolean rollback;
    private final List<String> requiredInputs;

    StepAction(String wireName, Set<WorkflowType> workflowTypes, int defaultTimeoutSeconds, int maxTimeoutSeconds,
            boolean rollback, String... requiredInputs) {
        this.wireName = wireName;
        this.workflowTypes = Set.copyOf(workflowTypes);
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
        this.maxTimeoutSeconds = maxTimeoutSeconds;
        this.rollback = rollback;
        this.requiredInputs = List.of(requiredInputs);
    }

    private static Set<WorkflowType> all() {
        return EnumSet.allOf(WorkflowType.class);
    }

    /** The name used in documents, e.g. {@code LaunchInstance}. */
    public String wireName() {
        return wireName;
    }

    /** The workflow types that may use this action. */
    public Set<WorkflowType> workflowTypes() {
        return workflowTypes;
    }

    /** True when a workflow of {@code type} may use this action. */
    public boolean allowedIn(WorkflowType type) {
        return workflowTypes.contains(type);
    }

    /** The timeout when the step sets none, in seconds. */
    public int defaultTimeoutSeconds() {
        return defaultTimeoutSeconds;
    }

    /** The largest {@code timeoutSeconds} a step with this action may set. */
    public int maxTimeoutSeconds() {
        return maxTimeoutSeconds;
    }

    /** True when the action has a compensating operation run on rollback. */
    public boolean hasRollback() {
        return rollback;
    }

    /** Inputs that must be present, as a literal key or a {@code key.$} reference. */
    public List<String> requiredInputs() {
        return requiredInputs;
    }

    /** The exact (case-sensitive) document name to its constant. */
    public static Optional<StepAction> fromWire(String value) {
        for (StepAction action : values()) {
            if (action.wireName.equals(value)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
