package dev.stepline.mwaa.ids;

import java.util.regex.Pattern;

/**
 * The string constraints of the MWAA Serverless model ({@code 2024-07-26}), verbatim. Use
 * {@link #matches} (whole-string match): the model's patterns carry no anchors. Each pattern is
 * also available as its source text ({@code *_REGEX}) for the request records' {@code @Pattern}
 * annotations, which need compile-time constants.
 */
public final class MwaaPatterns {
    private MwaaPatterns() {
    }

    /** {@code NameString} (workflow name), length 1–255. */
    public static final String NAME_REGEX = "[a-zA-Z0-9]+[a-zA-Z0-9\\.\\-_]*";
    public static final Pattern NAME = Pattern.compile(NAME_REGEX);
    public static final int NAME_MAX = 255;

    /** {@code IdString} (RunId, TaskInstanceId, TaskId), length 1–255. */
    public static final String ID_STRING_REGEX = "[a-zA-Z0-9]+[a-zA-Z0-9\\.\\-_]*";
    public static final Pattern ID_STRING = Pattern.compile(ID_STRING_REGEX);
    public static final int ID_STRING_MAX = 255;

    /** {@code WorkflowVersion}, exactly 32 characters. */
    public static final String WORKFLOW_VERSION_REGEX = "[a-z0-9]{32}";
    public static final Pattern WORKFLOW_VERSION = Pattern.compile(WORKFLOW_VERSION_REGEX);
    public static final int WORKFLOW_VERSION_LENGTH = 32;

    /** {@code VersionId} (StartWorkflowRun / ListWorkflowRuns {@code WorkflowVersion}), length 1–2048. */
    public static final String VERSION_ID_REGEX = ".+";
    public static final Pattern VERSION_ID = Pattern.compile(VERSION_ID_REGEX);
    public static final int VERSION_ID_MAX = 2048;

    /** {@code IdempotencyTokenString} ({@code ClientToken}), length 1–128. */
    public static final String CLIENT_TOKEN_REGEX = "[\\x21-\\x7E]+";
    public static final Pattern CLIENT_TOKEN = Pattern.compile(CLIENT_TOKEN_REGEX);
    public static final int CLIENT_TOKEN_MAX = 128;

    /** {@code RoleARN}, length 1–2048. */
    public static final String ROLE_ARN_REGEX =
            "arn:aws(?:-(?:cn|us-gov|iso|iso-b|iso-e|iso-f))?:iam::[0-9]{12}:role(/[a-zA-Z0-9+=,.@_\\-]{1,512})*?"
                    + "/[a-zA-Z0-9+=,.@_\\-]{1,64}";
    public static final Pattern ROLE_ARN = Pattern.compile(ROLE_ARN_REGEX);
    public static final int ROLE_ARN_MAX = 2048;

    /**
     * {@code WorkflowArn}, length 1–2048 ({@code TaggableResourceArn} has the same pattern, length
     * 1–1011). Groups: 1 region, 2 account, 3 {@code <name>-<suffix>}.
     */
    public static final String WORKFLOW_ARN_REGEX =
            "arn:aws(?:-(?:cn|us-gov|iso|iso-b|iso-e|iso-f))?:airflow-serverless:([a-z]{2}-[a-z]+-[0-9]{1}):"
                    + "([0-9]{12}):workflow/([a-zA-Z0-9][a-zA-Z0-9\\.\\-_]{0,254}-[a-zA-Z0-9]{10})";
    public static final Pattern WORKFLOW_ARN = Pattern.compile(WORKFLOW_ARN_REGEX);
    public static final int WORKFLOW_ARN_MAX = 2048;
    public static final Pattern TAGGABLE_RESOURCE_ARN = WORKFLOW_ARN;
    public static final int TAGGABLE_RESOURCE_ARN_MAX = 1011;

    /** {@code DescriptionString}, length 1–1024 ({@code .+}: no line breaks). */
    public static final String DESCRIPTION_REGEX = ".+";
    public static final Pattern DESCRIPTION = Pattern.compile(DESCRIPTION_REGEX);
    public static final int DESCRIPTION_MAX = 1024;

    /** {@code GenericString} (TriggerMode, ...), length 1–255. */
    public static final String GENERIC_STRING_REGEX = ".*";
    public static final Pattern GENERIC_STRING = Pattern.compile(GENERIC_STRING_REGEX);
    public static final int GENERIC_STRING_MAX = 255;

    /** {@code SecurityGroupString}, length 1–255. */
    public static final String SECURITY_GROUP_REGEX = "sg-[a-z0-9]*";
    public static final Pattern SECURITY_GROUP = Pattern.compile(SECURITY_GROUP_REGEX);
    /** {@code SubnetString}, length 1–255. */
    public static final String SUBNET_REGEX = "subnet-[a-z0-9]*";
    public static final Pattern SUBNET = Pattern.compile(SUBNET_REGEX);

    /** {@code TagKey} 1–128 / {@code TagValue} 0–256, pattern {@code .*}. */
    public static final String TAG_REGEX = ".*";
    public static final Pattern TAG = Pattern.compile(TAG_REGEX);
    public static final int TAG_KEY_MAX = 128;
    public static final int TAG_VALUE_MAX = 256;
    /** {@code Tags} map and {@code TagKeys} list: at most 50 entries. */
    public static final int TAGS_MAX = 50;

    /** Whole-string match, as the service applies model patterns. */
    public static boolean matches(Pattern pattern, CharSequence value) {
        return value != null && pattern.matcher(value).matches();
    }
}
