package dev.stepline.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each diagnostic is produced with its exact text and location. */
class AslValidationTest {
    private static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
    private static final String TARGET = "MISSING_TRANSITION_TARGET";

    private static List<Diagnostic> errors(String json) {
        return errors(json, StateMachineType.STANDARD);
    }

    private static List<Diagnostic> errors(String json, StateMachineType type) {
        return AslParser.validate(json, type).stream().filter(Diagnostic::isError).toList();
    }

    private static Diagnostic error(String code, String message, String location) {
        return Diagnostic.error(code, message, location);
    }

    private static String invalidDefinitionMessage(String json, StateMachineType type) {
        try {
            AslParser.parse(json, type);
        } catch (AslValidationException e) {
            return e.invalidDefinitionMessage();
        }
        throw new AssertionError("expected the definition to be rejected");
    }

    /** A minimal valid machine around one state named S. */
    private static String oneState(String stateJson) {
        return "{\"StartAt\": \"S\", \"States\": {\"S\": " + stateJson + "}}";
    }

    @Test
    void emptyObjectLacksStatesAndStartAt() {
        assertThat(errors("{}")).containsExactly(error(SCHEMA, "These fields are required: [States, StartAt]", "/"));
    }

    @Test
    void missingStatesHasTheAwsInvalidDefinitionMessage() {
        assertThat(invalidDefinitionMessage("{\"StartAt\": \"A\"}", StateMachineType.STANDARD))
                .isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
                        + "These fields are required: [States] at /'");
        assertThat(errors("{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}"))
                .containsExactly(error(SCHEMA, "These fields are required: [StartAt]", "/"));
    }

    @Test
    void emptyAndNonObjectDefinitions() {
        for (String json : List.of("", "   ", "[]", "1", "\"x\"", "null")) {
            assertThat(errors(json)).as(json)
                    .containsExactly(error(SCHEMA, "Definition must be a valid JSON object", null));
        }
    }

    @Test
    void invalidJsonIsReportedLikeAws() {
        String where = "[Source: (String)\"not a definition\"; line: 1, column: 4]";
        assertThat(errors("not a definition")).containsExactly(error("INVALID_JSON_DESCRIPTION",
                "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', "
                        + "'true' or 'false')\n at " + where, where));
        assertThat(invalidDefinitionMessage("not a definition", StateMachineType.STANDARD))
                .isEqualTo("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unrecognized token 'not': "
                        + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at "
                        + where + "'");
        Diagnostic truncated = errors("{\"StartAt\": " + "x".repeat(600)).get(0);
        assertThat(truncated.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
        assertThat(truncated.location()).contains("\"[truncated 112 chars]; line: 1, column: ");
        assertThat(errors("{\"a\":").get(0).location())
                .isEqualTo("[Source: (String)\"{\"a\":\"; line: 1, column: 6]");
    }

    @Test
    void definitionsOverOneMebibyteAreRejected() {
        String big = oneState("{\"Type\": \"Pass\", \"End\": true, \"Comment\": \"" + "x".repeat(1_048_576) + "\"}");
        assertThat(errors(big)).containsExactly(
                error(SCHEMA, "Definition must be at most 1048576 characters long", null));
    }

    @Test
    void missingTargetAndUnreachableStateAreJoinedLikeAws() {
        String json = """
                {"StartAt": "pass1", "States": {
                  "pass1": {"Type": "Pass", "Next": "pass3"},
                  "pass2": {"Type": "Pass", "End": true}}}
                """;
        assertThat(errors(json)).containsExactly(
                error(TARGET, "Missing 'Next' target: pass3", "/States/pass1/Next"),
                error(TARGET, "State \"pass2\" is not reachable.", "/States/pass2"));
        // verbatim from AWS, localstack/localstack#11978
        assertThat(invalidDefinitionMessage(json, StateMachineType.STANDARD)).isEqualTo(
                "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at "
                        + "/States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at "
                        + "/States/pass2'");
    }

    @Test
    void startAtMustNameAState() {
        assertThat(errors("{\"StartAt\": \"X\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}")).containsExactly(
                error(TARGET, "Missing 'Next' target: X", "/StartAt"));
    }

    @Test
    void everyKindOfTransitionIsChecked() {
        String json = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "Nope1"}],
                        "Default": "Nope2"},
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true,
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Nope3"}]}}}
                """;
        assertThat(errors(json)).containsExactly(
                error(TARGET, "Missing 'Next' target: Nope2", "/States/C/Default"),
                error(TARGET, "Missing 'Next' target: Nope1", "/States/C/Choices/0/Next"),
                error(TARGET, "Missing 'Next' target: Nope3", "/States/T/Catch/0/Next"),
                error(TARGET, "State \"T\" is not reachable.", "/States/T"));
    }

    @Test
    void catchTargetsMakeStatesReachable() {
        assertThat(errors("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true,
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]},
                  "Handler": {"Type": "Fail"}}}
                """)).isEmpty();
    }

    @Test
    void workflowWithoutTerminalState() {
        String loop = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}
                """;
        assertThat(errors(loop)).containsExactly(error("MISSING_END_STATE", "Workflow has no terminal state", null));
        assertThat(invalidDefinitionMessage(loop, StateMachineType.STANDARD)).isEqualTo(
                "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'");
        // [aws] adding an unreachable terminal state turns it into an unreachable-state error instead
        assertThat(errors("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"},
                 "C": {"Type": "Pass", "End": true}}}
                """)).containsExactly(error(TARGET, "State \"C\" is not reachable.", "/States/C"));
    }

    @Test
    void transitionsAreScopedToTheirWorkflow() {
        assertThat(errors("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Next": "Done", "Branches": [{"StartAt": "A", "States": {
                    "A": {"Type": "Pass", "Next": "Done"}}}]},
                  "Done": {"Type": "Succeed"}}}
                """)).containsExactly(
                error(TARGET, "Missing 'Next' target: Done", "/States/P/Branches/0/States/A/Next"),
                error("MISSING_END_STATE", "Workflow has no terminal state", null));
    }

    @Test
    void duplicateStateNamesAcrossNestedWorkflows() {
        assertThat(errors("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
                    {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]},
                  "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "A", "States": {
                    "A": {"Type": "Succeed"}}}}}}
                """)).containsExactly(
                error("DUPLICATE_STATE_NAME", "Duplicate State name: B", "/States/A/Branches/1/States/B"),
                error("DUPLICATE_STATE_NAME", "Duplicate State name: A", "/States/M/ItemProcessor/States/A"),
                error(TARGET, "State \"M\" is not reachable.", "/States/M"));
    }

    @Test
    void stateNamesAreAtMostEightyCharacters() {
        String ok = "n".repeat(80);
        assertThat(errors("{\"StartAt\": \"" + ok + "\", \"States\": {\"" + ok + "\": {\"Type\": \"Succeed\"}}}"))
                .isEmpty();
        String tooLong = "n".repeat(81);
        assertThat(errors("{\"StartAt\": \"" + tooLong + "\", \"States\": {\"" + tooLong + "\": {\"Type\": \"Succeed\"}}}"))
                .containsExactly(error("INVALID_STATE_NAME", "State names must be between 1 and 80 characters long",
                        "/States/" + tooLong));
    }

    @Test
    void nextAndEndAreMutuallyExclusiveAndOneIsRequired() {
        assertThat(errors(oneState("{\"Type\": \"Pass\", \"Next\": \"S\", \"End\": true}"))).containsExactly(
                error(SCHEMA, "Exactly one of the fields [Next, End] must be set", "/States/S"));
        assertThat(errors(oneState("{\"Type\": \"Pass\"}"))).containsExactly(
                error(SCHEMA, "Exactly one of the fields [Next, End] must be set", "/States/S"));
        assertThat(errors(oneState("{\"Type\": \"Pass\", \"End\": false}"))).containsExactly(
                error(SCHEMA, "Exactly one of the fields [Next, End] must be set", "/States/S"));
    }

    @Test
    void terminalStatesTakeNoNextOrEnd() {
        assertThat(errors(oneState("{\"Type\": \"Succeed\", \"Next\": \"S\"}"))).containsExactly(
                error(SCHEMA, "Field 'Next' is not supported", "/States/S"));
        assertThat(errors(oneState("{\"Type\": \"Fail\", \"End\": true}"))).containsExactly(
                error(SCHEMA, "Field 'End' is not supported", "/States/S"));
        assertThat(errors("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "End": true, "Default": "D",
                 "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "D"}]}, "D": {"Type": "Succeed"}}}
                """)).containsExactly(error(SCHEMA, "Field 'End' is not supported", "/States/C"));
    }

    @Test
    void fieldsAStateTypeDoesNotSupport() {
        // [aws] floci-io/floci#2735: TimeoutSeconds on Map/Parallel, located at the state
        assertThat(errors("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "TimeoutSeconds": 5, "End": true,
                 "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}}}
                """)).containsExactly(error(SCHEMA, "Field 'TimeoutSeconds' is not supported", "/States/M"));
        assertThat(errors(oneState("{\"Type\": \"Pass\", \"End\": true, \"Retry\": []}"))).containsExactly(
                error(SCHEMA, "Field 'Retry' is not supported", "/States/S"));
        assertThat(errors("{\"StartAt\": \"S\", \"Foo\": 1, \"States\": {\"S\": {\"Type\": \"Succeed\"}}}"))
                .containsExactly(error(SCHEMA, "Field 'Foo' is not supported", "/"));
    }

    @Test
    void typeIsRequiredAndKnown() {
        assertThat(errors(oneState("{\"End\": true}"))).containsExactly(
                error(SCHEMA, "These fields are required: [Type]", "/States/S"));
        assertThat(errors(oneState("{\"Type\": \"Nap\", \"End\": true}"))).containsExactly(error(SCHEMA,
                "The value for the field 'Type' must be one of [Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map]",
                "/States/S/Type"));
        assertThat(errors(oneState("{\"Type\": \"Task\", \"End\": true}"))).containsExactly(
                error(SCHEMA, "These fields are required: [Resource]", "/States/S"));
    }

    @Test
    void retrierLimits() {
        assertThat(errors(oneState("""
                {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true, "Retry": [
                  {"ErrorEquals": ["A"], "IntervalSeconds": 0, "MaxAttempts": -1, "BackoffRate": 0.5,
                   "MaxDelaySeconds": 31622401, "JitterStrategy": "SOME"},
                  {"ErrorEquals": ["B"], "IntervalSeconds": 100000000, "MaxAttempts": 100000000, "Extra": 1},
                  {"ErrorEquals": []},
                  {"IntervalSeconds": 1},
                  {"ErrorEquals": ["A"], "IntervalSeconds": 1.5}]}
                """))).containsExactly(
                error(SCHEMA, "The value for the field 'IntervalSeconds' must be between 1 and 99999999",
                        "/States/S/Retry/0/IntervalSeconds"),
                error(SCHEMA, "The value for the field 'MaxAttempts' must be between 0 and 99999999",
                        "/States/S/Retry/0/MaxAttempts"),
                error(SCHEMA, "The value for the field 'BackoffRate' must be greater than or equal to 1.0",
                        "/States/S/Retry/0/BackoffRate"),
                error(SCHEMA, "The value for the field 'MaxDelaySeconds' must be between 1 and 31622400",
                        "/States/S/Retry/0/MaxDelaySeconds"),
                error(SCHEMA, "The value for the field 'JitterStrategy' must be one of [FULL, NONE]",
                        "/States/S/Retry/0/JitterStrategy"),
                error(SCHEMA, "Field 'Extra' is not supported", "/States/S/Retry/1"),
                error(SCHEMA, "The value for the field 'IntervalSeconds' must be between 1 and 99999999",
                        "/States/S/Retry/1/IntervalSeconds"),
                error(SCHEMA, "The value for the field 'MaxAttempts' must be between 0 and 99999999",
                        "/States/S/Retry/1/MaxAttempts"),
                error(SCHEMA, "Value cannot be empty", "/States/S/Retry/2/ErrorEquals"),
                error(SCHEMA, "These fields are required: [ErrorEquals]", "/States/S/Retry/3"),
                error(SCHEMA, "The value for the field 'IntervalSeconds' must be an integer",
                        "/States/S/Retry/4/IntervalSeconds"));
    }

    @Test
    void statesAllMustBeAloneAndLast() {
        assertThat(errors(oneState("""
                {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true,
                 "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}],
                 "Catch": [{"ErrorEquals": ["States.ALL", "X"], "Next": "S"}]}
                """))).containsExactly(
                error(SCHEMA, "A Retrier that matches 'States.ALL' must be the last Retrier",
                        "/States/S/Retry/0/ErrorEquals"),
                error(SCHEMA, "The value for the field 'ErrorEquals' must contain only 'States.ALL' when "
                        + "'States.ALL' is used", "/States/S/Catch/0/ErrorEquals"));
    }

    @Test
    void catcherRequiresNext() {
        assertThat(errors(oneState("""
                {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true,
                 "Catch": [{"ErrorEquals": ["X"]}]}
                """))).containsExactly(error(SCHEMA, "These fields are required: [Next]", "/States/S/Catch/0"));
    }

    @Test
    void expressRestrictionsUseAwsWording() {
        String wait = oneState("{\"Type\": \"Task\", \"End\": true, "
                + "\"Resource\": \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\"}");
        assertThat(errors(wait, StateMachineType.EXPRESS)).containsExactly(error(SCHEMA,
                "Express state machine does not support '.waitForTaskToken' service integration ", "/States/S/Resource"));
        // note the double space AWS produces
        assertThat(invalidDefinitionMessage(wait, StateMachineType.EXPRESS)).isEqualTo(
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support "
                        + "'.waitForTaskToken' service integration  at /States/S/Resource'");
        assertThat(errors(wait, StateMachineType.STANDARD)).isEmpty();
        assertThat(errors(oneState("{\"Type\": \"Task\", \"End\": true, "
                + "\"Resource\": \"arn:aws:states:::states:startExecution.sync:2\"}"), StateMachineType.EXPRESS))
                .containsExactly(error(SCHEMA, "Express state machine does not support '.sync' service integration",
                        "/States/S/Resource"));
        assertThat(errors(oneState("{\"Type\": \"Task\", \"End\": true, "
                + "\"Resource\": \"arn:aws:states:us-east-1:123456789012:activity:act\"}"), StateMachineType.EXPRESS))
                .containsExactly(error(SCHEMA, "Express state machine does not support Activity ARN",
                        "/States/S/Resource"));
    }

    @Test
    void expressRestrictionsApplyInsideParallelAndInlineMap() {
        assertThat(errors("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "T", "States": {"T": {"Type": "Task", "End": true,
                    "Resource": "arn:aws:states:::ecs:runTask.sync"}}}]}}}
                """, StateMachineType.EXPRESS)).containsExactly(error(SCHEMA,
                "Express state machine does not support '.sync' service integration",
                "/States/P/Branches/0/States/T/Resource"));
    }

    @Test
    void resourceMustBeAnArn() {
        assertThat(errors(oneState("{\"Type\": \"Task\", \"Resource\": \"hello\", \"End\": true}"))).containsExactly(
                error("INVALID_RESOURCE", "The resource provided hello is not recognized. The value is not a valid "
                        + "resource ARN, or the resource is not available in this region.", "/States/S/Resource"));
    }

    @Test
    void mapLabels() {
        String tooLong = "l".repeat(41);
        String message = "The value for the field 'Label' must be 1 to 40 characters long and may not contain "
                + "whitespace, control characters or any of ? * < > { } [ ] : ; , \\ | ^ ~ $ # % & ` \"";
        for (String label : List.of(tooLong, "has space", "a:b", "")) {
            assertThat(errors("""
                    {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "%s", "End": true,
                     "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}}}
                    """.formatted(label))).as(label)
                    .containsExactly(error("INVALID_LABEL_NAME", message, "/States/M/Label"));
        }
        assertThat(errors("""
                {"StartAt": "M1", "States": {
                  "M1": {"Type": "Map", "Label": "L", "Next": "M2",
                         "ItemProcessor": {"StartAt": "I1", "States": {"I1": {"Type": "Succeed"}}}},
                  "M2": {"Type": "Map", "Label": "L", "End": true,
                         "ItemProcessor": {"StartAt": "I2", "States": {"I2": {"Type": "Succeed"}}}}}}
                """)).containsExactly(error("DUPLICATE_LABEL_NAME", "Duplicate Map Label: L", "/States/M2/Label"));
    }

    @Test
    void queryLanguageRules() {
        // [aws] spec §4.12
        assertThat(errors("""
                {"QueryLanguage": "JSONata", "StartAt": "Pass", "States": {
                  "Pass": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}
                """)).containsExactly(error(SCHEMA,
                "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/Pass"));
        // [aws] floci-io/floci#2968
        assertThat(errors("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Output\": 1, \"End\": true}}}"))
                .containsExactly(error(SCHEMA, "The QueryLanguage is set to 'JSONPath', but field 'Output' is only "
                        + "supported for the 'JSONata' QueryLanguage", "/States/S"));
        assertThat(errors("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Task",
                 "Resource": "arn:aws:states:::sqs:sendMessage", "InputPath": "$.a", "ResultPath": "$.b",
                 "Parameters": {"a": 1}, "End": true}}}
                """)).containsExactly(
                error(SCHEMA, "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the "
                        + "'JSONPath' QueryLanguage", "/States/S"),
                error(SCHEMA, "The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the "
                        + "'JSONPath' QueryLanguage", "/States/S"),
                error(SCHEMA, "The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the "
                        + "'JSONPath' QueryLanguage", "/States/S"));
        assertThat(errors("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                 "ItemProcessor": {"QueryLanguage": "JSONata", "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}}}
                """)).containsExactly(error(SCHEMA, "Field 'QueryLanguage' is not supported", "/States/M/ItemProcessor"));
        assertThat(errors("{\"QueryLanguage\": \"jsonata\", \"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}"))
                .containsExactly(error(SCHEMA, "The value for the field 'QueryLanguage' must be one of "
                        + "[JSONPath, JSONata]", "/QueryLanguage"));
    }

    @Test
    void jsonataStatesHaveNoDollarKeysOrPathFields() {
        assertThat(errors("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Task",
                 "Resource": "arn:aws:states:::sqs:sendMessage", "Arguments": {"a.$": "$.x"},
                 "TimeoutSecondsPath": "$.t", "End": true}}}
                """)).containsExactly(
                error(SCHEMA, "The QueryLanguage is set to 'JSONata', but field 'TimeoutSecondsPath' is only supported "
                        + "for the 'JSONPath' QueryLanguage", "/States/S"),
                error(SCHEMA, "The QueryLanguage is set to 'JSONata', but field 'a.$' is only supported for the "
                        + "'JSONPath' QueryLanguage", "/States/S/Arguments"));
        assertThat(errors("""
                {"QueryLanguage": "JSONata", "StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "D",
                 "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "D"}]}, "D": {"Type": "Succeed"}}}
                """)).containsExactly(
                error(SCHEMA, "The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the "
                        + "'JSONPath' QueryLanguage", "/States/C/Choices/0"),
                error(SCHEMA, "The QueryLanguage is set to 'JSONata', but field 'IsNull' is only supported for the "
                        + "'JSONPath' QueryLanguage", "/States/C/Choices/0"),
                error(SCHEMA, "These fields are required: [Condition]", "/States/C/Choices/0"));
    }

    @Test
    void invalidDynamicValuesInTemplates() {
        // [aws] spec §6.1
        for (String value : List.of("States.Nope()", "not a path", "$.a[", "States.Format('{}')")) {
            assertThat(errors(oneState("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"parsed.$\": \""
                    + value + "\"}}"))).as(value).containsExactly(error(SCHEMA,
                    "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call",
                    "/States/S/Parameters"));
        }
        assertThat(errors(oneState("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"n.$\": 1}}")))
                .containsExactly(error(SCHEMA, "The value for the field 'n.$' must be a valid JSONPath or a valid "
                        + "intrinsic function call", "/States/S/Parameters"));
    }

    @Test
    void pathFields() {
        assertThat(errors(oneState("{\"Type\": \"Pass\", \"End\": true, \"InputPath\": \"a.b\", "
                + "\"ResultPath\": \"$.a[*]\", \"OutputPath\": 5}"))).containsExactly(
                error(SCHEMA, "The value for the field 'InputPath' must be a valid JSONPath", "/States/S/InputPath"),
                error(SCHEMA, "The value for the field 'OutputPath' must be a valid JSONPath", "/States/S/OutputPath"),
                error(SCHEMA, "The value for the field 'ResultPath' must be a valid Reference Path",
                        "/States/S/ResultPath"));
        assertThat(errors(oneState("{\"Type\": \"Pass\", \"End\": true, \"ResultPath\": \"$$.Execution\"}")))
                .containsExactly(error(SCHEMA, "The value for the field 'ResultPath' must be a valid Reference Path",
                        "/States/S/ResultPath"));
    }

    @Test
    void waitStateFields() {
        // [aws] spec §6.1
        assertThat(errors(oneState("{\"Type\": \"Wait\", \"Timestamp\": \"2016-12-05 21:29:29Z\", \"End\": true}")))
                .containsExactly(error(SCHEMA, "String does not match RFC3339 timestamp", "/States/S/Timestamp"));
        assertThat(errors(oneState("{\"Type\": \"Wait\", \"Timestamp\": \"2016-12-05t21:29:29Z\", \"End\": true}")))
                .containsExactly(error(SCHEMA, "String does not match RFC3339 timestamp", "/States/S/Timestamp"));
        assertThat(errors(oneState("{\"Type\": \"Wait\", \"End\": true}"))).containsExactly(error(SCHEMA,
                "Exactly one of the fields [Seconds, Timestamp, SecondsPath, TimestampPath] must be set", "/States/S"));
        assertThat(errors(oneState("{\"Type\": \"Wait\", \"Seconds\": 1, \"SecondsPath\": \"$.s\", \"End\": true}")))
                .containsExactly(error(SCHEMA,
                        "Exactly one of the fields [Seconds, Timestamp, SecondsPath, TimestampPath] must be set",
                        "/States/S"));
        assertThat(errors(oneState("{\"Type\": \"Wait\", \"Seconds\": -1, \"End\": true}"))).containsExactly(
                error(SCHEMA, "The value for the field 'Seconds' must be greater than or equal to 0",
                        "/States/S/Seconds"));
    }

    @Test
    void taskFields() {
        // [aws] spec §6.1
        assertThat(errors(oneState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\", "
                + "\"End\": true, \"Credentials\": {\"Role\": \"x\"}}"))).containsExactly(
                error(SCHEMA, "The field 'RoleArn' is required but was missing", "/States/S/Credentials"));
        assertThat(errors(oneState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\", "
                + "\"End\": true, \"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 10}"))).containsExactly(
                error(SCHEMA, "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field "
                        + "'TimeoutSeconds'", "/States/S/HeartbeatSeconds"));
        assertThat(errors(oneState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\", "
                + "\"End\": true, \"TimeoutSeconds\": 0}"))).containsExactly(
                error(SCHEMA, "The value for the field 'TimeoutSeconds' must be between 1 and 99999999",
                        "/States/S/TimeoutSeconds"));
    }

    @Test
    void parallelNeedsBranches() {
        // [aws] spec §6.1
        assertThat(errors(oneState("{\"Type\": \"Parallel\", \"End\": true, \"Branches\": []}"))).containsExactly(
                error(SCHEMA, "Value cannot be empty", "/States/S/Branches"));
        assertThat(errors(oneState("{\"Type\": \"Parallel\", \"End\": true, \"Branches\": [{\"StartAt\": \"X\"}]}")))
                .containsExactly(error(SCHEMA, "These fields are required: [States]", "/States/S/Branches/0"));
    }

    @Test
    void mapNeedsAProcessor() {
        assertThat(errors(oneState("{\"Type\": \"Map\", \"End\": true}"))).containsExactly(
                error(SCHEMA, "These fields are required: [ItemProcessor]", "/States/S"));
        assertThat(errors(oneState("""
                {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "FAST"},
                 "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
                """))).containsExactly(error(SCHEMA, "The value for the field 'Mode' must be one of [INLINE, DISTRIBUTED]",
                "/States/S/ItemProcessor/ProcessorConfig/Mode"));
        assertThat(errors(oneState("""
                {"Type": "Map", "End": true, "ToleratedFailurePercentage": 101,
                 "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
                """))).containsExactly(error(SCHEMA,
                "The value for the field 'ToleratedFailurePercentage' must be between 0 and 100",
                "/States/S/ToleratedFailurePercentage"));
    }

    @Test
    void choiceRules() {
        String prefix = "{\"StartAt\": \"C\", \"States\": {\"D\": {\"Type\": \"Succeed\"}, \"C\": {\"Type\": \"Choice\", "
                + "\"Default\": \"D\", \"Choices\": ";
        assertThat(errors(prefix + "[]}}}")).containsExactly(error(SCHEMA, "Value cannot be empty", "/States/C/Choices"));
        assertThat(errors(prefix + "[{\"Variable\": \"$.a\", \"Next\": \"D\"}]}}}")).containsExactly(error(SCHEMA,
                "A Choice Rule must contain exactly one of the fields [And, Or, Not] or exactly one comparison operator",
                "/States/C/Choices/0"));
        assertThat(errors(prefix + "[{\"Variable\": \"$.a\", \"StringEquals\": 1, \"Next\": \"D\"}]}}}"))
                .containsExactly(error(SCHEMA, "The value for the field 'StringEquals' must be a string",
                        "/States/C/Choices/0/StringEquals"));
        assertThat(errors(prefix + "[{\"Variable\": \"$.a\", \"TimestampEquals\": \"yesterday\", \"Next\": \"D\"}]}}}"))
                .containsExactly(error(SCHEMA, "String does not match RFC3339 timestamp",
                        "/States/C/Choices/0/TimestampEquals"));
        assertThat(errors(prefix + "[{\"Not\": {\"Variable\": \"$.a\", \"IsNull\": true, \"Next\": \"D\"}, "
                + "\"Next\": \"D\"}]}}}")).containsExactly(
                error(SCHEMA, "Field 'Next' is not supported", "/States/C/Choices/0/Not"));
        assertThat(errors(prefix + "[{\"Variable\": \"$.a\", \"IsNull\": true}]}}}")).containsExactly(
                error(SCHEMA, "These fields are required: [Next]", "/States/C/Choices/0"));
        assertThat(errors(prefix + "[{\"And\": [], \"Next\": \"D\"}]}}}")).containsExactly(
                error(SCHEMA, "Value cannot be empty", "/States/C/Choices/0/And"));
        assertThat(errors(prefix + "[{\"Variable\": \"$.a[*]\", \"IsNull\": true, \"Next\": \"D\"}]}}}"))
                .containsExactly(error(SCHEMA, "The value for the field 'Variable' must be a valid Reference Path",
                        "/States/C/Choices/0/Variable"));
    }

    @Test
    void failPathsMustBePathsOrStringIntrinsics() {
        assertThat(errors(oneState("{\"Type\": \"Fail\", \"ErrorPath\": \"States.Array(1)\"}"))).containsExactly(
                error(SCHEMA, "The value for the field 'ErrorPath' must be a valid JSONPath or a valid intrinsic "
                        + "function call", "/States/S/ErrorPath"));
        assertThat(errors(oneState("{\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}"))).containsExactly(
                error(SCHEMA, "Exactly one of the fields [Error, ErrorPath] must be set", "/States/S"));
    }

    @Test
    void topLevelFieldValues() {
        assertThat(errors("{\"StartAt\": \"S\", \"Version\": \"2.0\", \"TimeoutSeconds\": 0, "
                + "\"States\": {\"S\": {\"Type\": \"Succeed\"}}}")).containsExactly(
                error(SCHEMA, "The value for the field 'Version' must be one of [1.0]", "/Version"),
                error(SCHEMA, "The value for the field 'TimeoutSeconds' must be between 1 and 99999999",
                        "/TimeoutSeconds"));
        assertThat(errors("{\"StartAt\": \"S\", \"States\": {}}")).containsExactly(
                error(SCHEMA, "Value cannot be empty", "/States"));
    }

    @Test
    void parseThrowsWithEveryDiagnostic() {
        assertThatThrownBy(() -> AslParser.parse("{}", StateMachineType.STANDARD))
                .isInstanceOfSatisfying(AslValidationException.class, e -> {
                    assertThat(e.diagnostics()).hasSize(1);
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.getMessage()).isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
                            + "These fields are required: [States, StartAt] at /'");
                });
    }

    @Test
    void analyzeReturnsDefinitionAndWarnings() {
        AslParser.Result result = AslParser.analyze(oneState("{\"Type\": \"Pass\", \"End\": true, "
                + "\"Parameters\": {\"a\": \"States.UUID()\"}}"), StateMachineType.STANDARD);
        assertThat(result.definition()).isNotNull();
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly("NO_DOLLAR");
    }
}
