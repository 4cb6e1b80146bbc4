package dev.stepline.imagebuilder.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.managed.ManagedWorkflows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class ConditionsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Condition condition(String yaml) {
        String doc = "schemaVersion: 1.0\nparameters:\n  - {name: p, type: string}\nsteps:\n  - name: Wait\n"
                + "    action: WaitForAction\n    if:\n      " + yaml.strip().replace("\n", "\n      ") + "\n";
        return WorkflowDocument.parse(doc, WorkflowType.BUILD).steps().get(0).condition().orElseThrow();
    }

    private static ResolutionContext ctx(JsonNode p) {
        return new ResolutionContext(Map.of("p", p), Map.of(), Map.of(),
                Map.of("imageType", NODES.stringNode("AMI"), "platform", NODES.stringNode("Linux"),
                        "collectImageMetadata", NODES.booleanNode(true),
                        "collectImageScanFindings", NODES.booleanNode(false)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stringEquals: AMI\\nvalue: $.imagebuilder.imageType | true",
        "stringEquals: ami\\nvalue: $.imagebuilder.imageType | false",
        "stringEquals: '5'\\nvalue: $.parameters.p | true",
        "stringEquals: 5\\nvalue: $.parameters.p | true",
        "numberEquals: 5\\nvalue: $.parameters.p | true",
        "numberEquals: 5.0\\nvalue: $.parameters.p | true",
        "numberGreaterThan: 4\\nvalue: $.parameters.p | true",
        "numberGreaterThan: 5\\nvalue: $.parameters.p | false",
        "numberGreaterThanEquals: 5\\nvalue: $.parameters.p | true",
        "numberLessThan: 5.5\\nvalue: $.parameters.p | true",
        "numberLessThanEquals: 4\\nvalue: $.parameters.p | false",
        "booleanEquals: true\\nvalue: $.imagebuilder.collectImageMetadata | true",
        "booleanEquals: 'false'\\nvalue: $.imagebuilder.collectImageScanFindings | true",
        "booleanEquals: true\\nvalue: 'true' | true",
        "not:\\n  stringEquals: Windows\\n  value: $.imagebuilder.platform | true",
        "and:\\n  - {stringEquals: AMI, value: $.imagebuilder.imageType}\\n  - {stringEquals: Windows, value: $.imagebuilder.platform} | false",
        "or:\\n  - {stringEquals: Windows, value: $.imagebuilder.platform}\\n  - {stringEquals: Linux, value: $.imagebuilder.platform} | true",
    })
    void evaluates(String yaml, boolean expected) {
        assertThat(Conditions.evaluate(condition(yaml.replace("\\n", "\n")), ctx(NODES.stringNode("5"))))
                .isEqualTo(expected);
    }

    @Test
    void shortCircuits() {
        // the second branch would fail to resolve; and stops at the first false, or at the first true
        Condition and = condition("and:\n  - {stringEquals: DOCKER, value: $.imagebuilder.imageType}\n"
                + "  - {stringEquals: x, value: $.imagebuilder.imageId}");
        assertThat(Conditions.evaluate(and, ctx(NODES.stringNode("x")))).isFalse();
        Condition or = condition("or:\n  - {stringEquals: AMI, value: $.imagebuilder.imageType}\n"
                + "  - {stringEquals: x, value: $.imagebuilder.imageId}");
        assertThat(Conditions.evaluate(or, ctx(NODES.stringNode("x")))).isTrue();
    }

    @Test
    void typeMismatchesAndMissingValuesAreErrors() {
        assertThatThrownBy(() -> Conditions.evaluate(condition("numberEquals: 5\nvalue: $.parameters.p"),
                ctx(NODES.stringNode("five"))))
                .isInstanceOf(ResolutionException.class)
                .hasMessage("Condition numberEquals cannot compare the value \"five\".");
        assertThatThrownBy(() -> Conditions.evaluate(condition("booleanEquals: true\nvalue: $.parameters.p"),
                ctx(NODES.stringNode("yes"))))
                .isInstanceOf(ResolutionException.class);
        assertThatThrownBy(() -> Conditions.evaluate(condition("stringEquals: x\nvalue: $.imagebuilder.imageId"),
                ctx(NODES.stringNode("x"))))
                .hasMessage("Unable to resolve condition value: $.imagebuilder.imageId");
    }

    @Test
    void defaultBuildWorkflowSkipsTheWindowsStepOnLinux() {
        WorkflowDocument buildImage = ManagedWorkflows.find(WorkflowType.BUILD, "build-image").orElseThrow().document();
        ResolutionContext linuxAmi = ctx(NODES.stringNode(""));
        Map<String, Boolean> runs = new java.util.LinkedHashMap<>();
        for (WorkflowStep step : buildImage.steps()) {
            runs.put(step.name(), step.condition().map(c -> Conditions.evaluate(c, linuxAmi)).orElse(true));
        }
        assertThat(runs).containsExactly(
                Map.entry("LaunchBuildInstance", true), Map.entry("ApplyBuildComponents", true),
                Map.entry("InventoryCollection", true), Map.entry("RunSanitizeScript", true),
                Map.entry("RunSysPrepScript", false), Map.entry("CreateOutputAMI", true),
                Map.entry("TerminateBuildInstance", true));
    }
}
