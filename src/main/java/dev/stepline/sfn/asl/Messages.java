package dev.stepline.sfn.asl;

import java.util.List;

/**
 * Every diagnostic message text, in one place (spec §8.7: keep the template table together).
 *
 * <p>Provenance: texts marked [aws] were observed from AWS (LocalStack AWS-validated snapshots, user
 * reports quoted in localstack/localstack#11978, aws-cloudformation/cfn-lint#4073 and floci-io/floci#2735,
 * #2968, and the spec §1.4, §3.3, §4.12, §6.1). The others are Stepline's wording in the same style, to be
 * replaced when the AWS text is probed.
 */
final class Messages {
    private Messages() {
    }

    /** [aws] e.g. {@code These fields are required: [States, StartAt]}. */
    static String required(List<String> fields) {
        return "These fields are required: " + fields;
    }

    /** [aws] an unknown or misplaced field; located at the object that holds it. */
    static String notSupported(String field) {
        return "Field '" + field + "' is not supported";
    }

    /** [aws] */
    static String missingNextTarget(String target) {
        return "Missing 'Next' target: " + target;
    }

    /** [aws] */
    static String unreachable(String state) {
        return "State \"" + state + "\" is not reachable.";
    }

    /** [aws] */
    static final String NO_TERMINAL_STATE = "Workflow has no terminal state";

    /** [aws] */
    static final String VALUE_CANNOT_BE_EMPTY = "Value cannot be empty";

    /** [aws] */
    static final String NOT_A_JSON_OBJECT = "Definition must be a valid JSON object";

    /** [aws] */
    static final String NOT_RFC3339 = "String does not match RFC3339 timestamp";

    /** [aws] */
    static final String ROLE_ARN_MISSING = "The field 'RoleArn' is required but was missing";

    /** [aws] the trailing space is AWS's. */
    static final String EXPRESS_WAIT_FOR_TASK_TOKEN =
            "Express state machine does not support '.waitForTaskToken' service integration ";

    /** [aws] */
    static final String EXPRESS_SYNC = "Express state machine does not support '.sync' service integration";

    /** [aws] */
    static final String EXPRESS_ACTIVITY = "Express state machine does not support Activity ARN";

    /** [aws] */
    static final String QUERY_LANGUAGE_DOWNGRADE =
            "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";

    /** [aws] a field of the other query language. */
    static String wrongQueryLanguage(QueryLanguage language, String field) {
        QueryLanguage other = language == QueryLanguage.JSONATA ? QueryLanguage.JSONPATH : QueryLanguage.JSONATA;
        return "The QueryLanguage is set to '" + language.wireName() + "', but field '" + field
                + "' is only supported for the '" + other.wireName() + "' QueryLanguage";
    }

    /** [aws] for {@code .$} template values and Fail's ErrorPath/CausePath. */
    static String invalidPathOrIntrinsic(String field) {
        return "The value for the field '" + field + "' must be a valid JSONPath or a valid intrinsic function call";
    }

    /** [aws] */
    static String resourceNotRecognized(String resource) {
        return "The resource provided " + resource + " is not recognized. The value is not a valid resource ARN, "
                + "or the resource is not available in this region.";
    }

    static String invalidJsonPath(String field) {
        return "The value for the field '" + field + "' must be a valid JSONPath";
    }

    static String invalidReferencePath(String field) {
        return "The value for the field '" + field + "' must be a valid Reference Path";
    }

    static String wrongType(String field, String expected) {
        return "The value for the field '" + field + "' must be " + expected;
    }

    static String oneOf(String field, List<String> values) {
        return "The value for the field '" + field + "' must be one of " + values;
    }

    static String between(String field, Object min, Object max) {
        return "The value for the field '" + field + "' must be between " + min + " and " + max;
    }

    static String atLeast(String field, Object min) {
        return "The value for the field '" + field + "' must be greater than or equal to " + min;
    }

    static String exactlyOne(List<String> fields) {
        return "Exactly one of the fields " + fields + " must be set";
    }

    static String stateNameLength(int max) {
        return "State names must be between 1 and " + max + " characters long";
    }

    static String duplicateStateName(String name) {
        return "Duplicate State name: " + name;
    }

    static String statesAllNotAlone(String field) {
        return "The value for the field '" + field + "' must contain only 'States.ALL' when 'States.ALL' is used";
    }

    static String statesAllNotLast(String kind) {
        return "A " + kind + " that matches 'States.ALL' must be the last " + kind;
    }

    static final String HEARTBEAT_NOT_BELOW_TIMEOUT =
            "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'";

    static final String CHOICE_RULE_OPERATOR =
            "A Choice Rule must contain exactly one of the fields [And, Or, Not] or exactly one comparison operator";

    static String invalidLabel(int max) {
        return "The value for the field 'Label' must be 1 to " + max
                + " characters long and may not contain whitespace, control characters or any of "
                + "? * < > { } [ ] : ; , \\ | ^ ~ $ # % & ` \"";
    }

    static String duplicateLabel(String label) {
        return "Duplicate Map Label: " + label;
    }

    static String definitionTooLarge(int max) {
        return "Definition must be at most " + max + " characters long";
    }

    static String noDollar(String field) {
        return "The value for the field '" + field + "' looks like a JSONPath or an intrinsic function call, "
                + "but the field name does not end with '.$'";
    }

    /** [unverified] wording; the code and its meaning are AWS's (API reference, ValidateStateMachineDefinitionDiagnostic). */
    static String noPath(String field) {
        return "The value for the field '" + field + "' looks like a JSONPath, but the field name does not end with 'Path'";
    }

    static final String PASS_RESULT_STATIC =
            "The 'Result' of a Pass state is used literally; paths in it are not evaluated";
}
