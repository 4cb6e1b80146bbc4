package dev.stepline.imagebuilder.arn;

import java.util.regex.Pattern;

/**
 * The exact patterns of the Image Builder model (spec §1.3), as compiled constants. Every one is
 * anchored as in the model; use {@code matcher(s).matches()}. Length limits are not part of a
 * pattern and are checked separately (e.g. {@link #ARN_MAX_LENGTH}).
 */
public final class ModelPatterns {
    private ModelPatterns() {}

    /** Maximum length of the workflow ARN members. */
    public static final int ARN_MAX_LENGTH = 1024;

    private static final String WF_PREFIX =
            "^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):"
                    + "workflow/(build|test|distribution)/[a-z0-9-_]+/";
    private static final String IB_PREFIX = "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):";
    private static final String IB_PREFIX_NO_SUFFIX = "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):";
    private static final String VERSION_OR_BUILD =
            "(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$";
    private static final String WILDCARD_VERSION = "(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$";

    public static final Pattern WORKFLOW_BUILD_VERSION_ARN =
            Pattern.compile(WF_PREFIX + "[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+$");
    public static final Pattern WORKFLOW_VERSION_ARN =
            Pattern.compile(WF_PREFIX + "[0-9]+\\.[0-9]+\\.[0-9]+$");
    public static final Pattern WORKFLOW_WILDCARD_VERSION_ARN =
            Pattern.compile(WF_PREFIX + "(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$");
    public static final Pattern WORKFLOW_VERSION_ARN_OR_BUILD_VERSION_ARN =
            Pattern.compile(WF_PREFIX + VERSION_OR_BUILD);
    public static final Pattern WORKFLOW_NAME_ARN = Pattern.compile(WF_PREFIX + "x\\.x\\.x$");

    public static final Pattern IMAGE_BUILD_VERSION_ARN =
            Pattern.compile(IB_PREFIX + "image/[a-z0-9-_]+/[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+$");
    public static final Pattern IMAGE_VERSION_ARN =
            Pattern.compile(IB_PREFIX + "image/[a-z0-9-_]+/[0-9]+\\.[0-9]+\\.[0-9]+$");
    public static final Pattern IMAGE_VERSION_ARN_OR_BUILD_VERSION_ARN =
            Pattern.compile(IB_PREFIX + "image/[a-z0-9-_]+/" + VERSION_OR_BUILD);
    public static final Pattern IMAGE_RECIPE_ARN =
            Pattern.compile(IB_PREFIX_NO_SUFFIX + "image-recipe/[a-z0-9-_]+/" + WILDCARD_VERSION);
    public static final Pattern CONTAINER_RECIPE_ARN =
            Pattern.compile(IB_PREFIX_NO_SUFFIX + "container-recipe/[a-z0-9-_]+/" + WILDCARD_VERSION);
    public static final Pattern COMPONENT_BUILD_VERSION_ARN =
            Pattern.compile(IB_PREFIX + "component/[a-z0-9-_]+/[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+$");
    public static final Pattern COMPONENT_VERSION_ARN_OR_BUILD_VERSION_ARN =
            Pattern.compile(IB_PREFIX + "component/[a-z0-9-_]+/" + VERSION_OR_BUILD);
    public static final Pattern INFRASTRUCTURE_CONFIGURATION_ARN =
            Pattern.compile(IB_PREFIX_NO_SUFFIX + "infrastructure-configuration/[a-z0-9-_]+$");
    public static final Pattern DISTRIBUTION_CONFIGURATION_ARN =
            Pattern.compile(IB_PREFIX_NO_SUFFIX + "distribution-configuration/[a-z0-9-_]+$");
    public static final Pattern IMAGE_PIPELINE_ARN =
            Pattern.compile(IB_PREFIX_NO_SUFFIX + "image-pipeline/[a-z0-9-_]+$");
    /** The generic {@code ImageBuilderArn} (response-only in the model). */
    public static final Pattern IMAGE_BUILDER_ARN = Pattern.compile(IB_PREFIX
            + "(?:image-recipe|container-recipe|infrastructure-configuration|distribution-configuration|component"
            + "|image|image-pipeline|lifecycle-policy|workflow\\/(?:build|test|distribution))/[a-z0-9-_]+"
            + "(?:/(?:(?:x|[0-9]+)\\.(?:x|[0-9]+)\\.(?:x|[0-9]+))(?:/[0-9]+)?)?$");

    /** {@code ResourceName}: 3–128 characters, mixed case and inner spaces allowed. */
    public static final Pattern RESOURCE_NAME =
            Pattern.compile("^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$");
    public static final Pattern VERSION_NUMBER = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+$");
    public static final Pattern WILDCARD_VERSION_NUMBER =
            Pattern.compile("^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$");
    /** {@code ParallelGroup}, length 1..100. */
    public static final Pattern PARALLEL_GROUP = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-_+#]{0,99}$");
    public static final Pattern WORKFLOW_STEP_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9-_]{1,99}$");
    public static final Pattern WORKFLOW_STEP_ACTION = Pattern.compile("^[A-Za-z][A-Za-z0-9-_]{1,99}$");
    /** {@code RoleNameOrArn}, length 1..2048. */
    public static final Pattern ROLE_NAME_OR_ARN =
            Pattern.compile("^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/)?[a-zA-Z_0-9+=,.@\\-_/]+$");
    /** {@code TagKey}, length 1..128 (values 0..256, unpatterned; 1..50 tags). */
    public static final Pattern TAG_KEY = Pattern.compile("^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$");
    /** {@code Filter.name}. */
    public static final Pattern FILTER_NAME = Pattern.compile("^[a-zA-Z]{1,1024}$");
    /** Each of {@code Filter.values}. */
    public static final Pattern FILTER_VALUE = Pattern.compile("^[0-9a-zA-Z./_ :,{}\"-]{1,1024}$");
    public static final Pattern WORKFLOW_EXECUTION_ID = Pattern.compile(
            "^wf-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    public static final Pattern WORKFLOW_STEP_EXECUTION_ID = Pattern.compile(
            "^step-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /**
     * The model's NUL-only patterns ({@code [^\x00]+} / {@code [^\x00]*}) are unanchored; they
     * mean "contains no NUL" (and, for {@code +}, "is not empty").
     */
    public static boolean containsNul(String value) {
        return value.indexOf('\0') >= 0;
    }
}
