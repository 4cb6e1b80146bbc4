package dev.stepline.imagebuilder.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.imagebuilder.WorkflowType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class ParameterBindingTest {
    private static final WorkflowDocument DOC = WorkflowDocument.parse("""
            schemaVersion: 1.0
            parameters:
              - {name: topic, type: string}
              - {name: count, type: integer, default: 2}
              - {name: wait, type: boolean, default: false}
              - {name: regions, type: stringList}
            steps:
              - {name: Wait, action: WaitForAction}
            """, WorkflowType.TEST);
    private static final String PREFIX = "The value supplied for parameter 'workflows[1].parameters' is not valid. ";

    @Test
    void bindsSuppliedValuesAndDefaults() {
        var bound = ParameterBinding.bind(DOC, Map.of("topic", List.of("t"), "regions", List.of("a", "b"),
                "wait", List.of("true")), "workflows[1].parameters");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        assertThat(bound).containsExactly(
                Map.entry("topic", nodes.stringNode("t")),
                Map.entry("count", nodes.numberNode(2L)),
                Map.entry("wait", nodes.booleanNode(true)),
                Map.entry("regions", nodes.arrayNode().add("a").add("b")));
    }

    @Test
    void rejectsUndeclaredMissingAndMistypedValues() {
        assertThatThrownBy(() -> ParameterBinding.bind(DOC, Map.of("topic", List.of("t"), "regions", List.of(),
                "zeta", List.of("1"), "alpha", List.of("2")), "workflows[1].parameters"))
                .isInstanceOfSatisfying(ImageBuilderException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage(PREFIX + "The following parameters are not defined in the workflow: alpha, zeta");
        assertThatThrownBy(() -> ParameterBinding.bind(DOC, Map.of(), "workflows[1].parameters"))
                .hasMessage(PREFIX + "The following required parameters are missing: regions, topic");
        assertThatThrownBy(() -> ParameterBinding.bind(DOC, Map.of("topic", List.of("t"), "regions", List.of(),
                "count", List.of("two")), "workflows[1].parameters"))
                .hasMessage(PREFIX + "Invalid value for parameter 'count': The value 'two' is not an integer.");
    }
}
