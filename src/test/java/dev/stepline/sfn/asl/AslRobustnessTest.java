package dev.stepline.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Malformed definitions yield diagnostics, never an unexpected exception; the model is unmodifiable. */
class AslRobustnessTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final String RICH = """
            {"Comment": "c", "StartAt": "T", "TimeoutSeconds": 10, "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"a.$": "$.x"},
                    "ResultSelector": {"b.$": "States.JsonToString($)"}, "ResultPath": "$.r", "TimeoutSeconds": 5,
                    "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 2}], "Credentials": {"RoleArn": "r"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F", "ResultPath": "$.e"}], "Next": "C"},
              "C": {"Type": "Choice", "Default": "W", "Choices": [
                    {"And": [{"Variable": "$.a", "NumericEquals": 1}, {"Not": {"Variable": "$.b", "IsString": true}}],
                     "Next": "P"}]},
              "W": {"Type": "Wait", "SecondsPath": "$.s", "Next": "P"},
              "P": {"Type": "Parallel", "Next": "M", "Branches": [{"StartAt": "B", "States": {
                    "B": {"Type": "Pass", "Result": {"k": [1, 2]}, "End": true}}}]},
              "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "Label": "L",
                    "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "Next": "S",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                      "StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
                    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}},
                    "ItemBatcher": {"MaxItemsPerBatch": 2}, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject"}},
              "S": {"Type": "Succeed"},
              "F": {"Type": "Fail", "Error": "E", "CausePath": "$.c"}}}
            """;

    @Test
    void theRichDefinitionIsValid() {
        assertThat(AslParser.validate(RICH, StateMachineType.STANDARD)).isEmpty();
    }

    @Test
    void randomMutationsNeverThrow() {
        JsonNode original = MAPPER.readTree(RICH);
        Random random = new Random(42);
        for (int round = 0; round < 3000; round++) {
            JsonNode copy = original.deepCopy();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutate(copy, random);
            }
            String json = copy.toString();
            for (StateMachineType type : StateMachineType.values()) {
                assertThatCode(() -> {
                    AslParser.Result result = AslParser.analyze(json, type);
                    boolean hasErrors = result.diagnostics().stream().anyMatch(Diagnostic::isError);
                    assertThat(result.definition() == null).isEqualTo(hasErrors);
                }).as(json).doesNotThrowAnyException();
            }
        }
    }

    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = randomValue(random);
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(3)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, replacement);
                default -> object.set(List.of("Next", "End", "Type", "Foo", "Output", "Arguments", "QueryLanguage",
                        "ResultPath", "Items").get(random.nextInt(9)), replacement);
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), replacement);
        }
    }

    private static JsonNode randomValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(12)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextInt(200) - 100);
            case 3 -> f.numberNode(1.5);
            case 4 -> f.stringNode("$.a");
            case 5 -> f.stringNode("{% $x %}");
            case 6 -> f.stringNode("States.Format('{}', $.a)");
            case 7 -> f.stringNode("JSONata");
            case 8 -> f.arrayNode();
            case 9 -> f.objectNode();
            case 10 -> f.stringNode("S");
            default -> f.stringNode("");
        };
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainer()) {
            into.add(node);
            for (JsonNode child : node) {
                collect(child, into);
            }
        }
    }

    @Test
    void theModelIsUnmodifiable() {
        StateMachineDefinition definition = AslParser.parse(RICH, StateMachineType.STANDARD);
        assertThatThrownBy(() -> definition.states().remove("T")).isInstanceOf(UnsupportedOperationException.class);
        TaskState task = (TaskState) definition.states().get("T");
        assertThatThrownBy(() -> task.retry().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> definition.allStates().clear()).isInstanceOf(UnsupportedOperationException.class);
        ParallelState parallel = (ParallelState) definition.states().get("P");
        assertThatThrownBy(() -> parallel.branches().get(0).states().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
