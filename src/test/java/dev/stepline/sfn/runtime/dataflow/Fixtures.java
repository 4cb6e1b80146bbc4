package dev.stepline.sfn.runtime.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stepline.sfn.asl.AslParser;
import dev.stepline.sfn.asl.ChoiceRule;
import dev.stepline.sfn.asl.ChoiceState;
import dev.stepline.sfn.asl.FailState;
import dev.stepline.sfn.asl.MapState;
import dev.stepline.sfn.asl.PassState;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.asl.State;
import dev.stepline.sfn.asl.StateMachineType;
import dev.stepline.sfn.asl.WaitState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds definition pieces with the real parser, and scopes to evaluate them in. */
final class Fixtures {
    static final String CONTEXT = """
            {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:sm:run-1", "Name": "run-1",
              "Input": {"a": 1}, "StartTime": "2024-01-01T00:00:00.000Z", "RedriveCount": 0},
             "State": {"Name": "S", "EnteredTime": "2024-01-01T00:00:01.000Z", "RetryCount": 0},
             "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:sm", "Name": "sm"}}
            """;

    private Fixtures() {
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    static Scope scope(String input) {
        return new Scope(json(input), json(CONTEXT), Map.of());
    }

    static Scope scope(String input, Map<String, String> variables) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        variables.forEach((name, value) -> values.put(name, json(value)));
        return new Scope(json(input), json(CONTEXT), values);
    }

    /** A JSONPath payload template, parsed as a Pass state's {@code Parameters}. */
    static Payload parameters(String template) {
        return pass("{\"Type\": \"Pass\", \"Parameters\": " + template + ", \"End\": true}").parameters();
    }

    static PassState pass(String stateJson) {
        return (PassState) state(stateJson);
    }

    /** One Choice rule (without {@code Next}) parsed inside a Choice state. */
    static ChoiceRule rule(String ruleJson) {
        ObjectNode rule = (ObjectNode) json(ruleJson);
        rule.put("Next", "End");
        String choice = "{\"Type\": \"Choice\", \"Choices\": [" + Json.compact(rule) + "], \"Default\": \"End\"}";
        return ((ChoiceState) state(choice)).choices().get(0).rule();
    }

    static WaitState waitState(String fields) {
        return (WaitState) state("{\"Type\": \"Wait\", " + fields + ", \"Next\": \"End\"}");
    }

    static FailState failState(String fields) {
        return (FailState) state("{\"Type\": \"Fail\", " + fields + "}");
    }

    static MapState mapState(String fields) {
        return (MapState) state("{\"Type\": \"Map\", " + fields + ", \"ItemProcessor\": {\"StartAt\": \"I\", "
                + "\"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}, \"Next\": \"End\"}");
    }

    /** Parses {@code stateJson} as state {@code S} of a small machine (with a Succeed state {@code End} to go to). */
    static State state(String stateJson) {
        JsonNode state = json(stateJson);
        boolean transitions = state.has("Next") || state.has("Choices");
        String definition = "{\"StartAt\": \"S\", \"States\": {\"S\": " + stateJson
                + (transitions ? ", \"End\": {\"Type\": \"Succeed\"}" : "") + "}}";
        return AslParser.parse(definition, StateMachineType.STANDARD).states().get("S");
    }

    /** The States error {@code call} throws, checked for name and exact cause. */
    static StatesError assertError(ThrowingCallable call, String error, String cause) {
        StatesError e = catchThrowableOfType(StatesError.class, call);
        assertThat(e).as("expected a StatesError").isNotNull();
        assertThat(e.error()).isEqualTo(error);
        if (cause != null) {
            assertThat(e.cause()).isEqualTo(cause);
        }
        return e;
    }
}
