package dev.stepline.imagebuilder.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.WorkflowType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class ResolverTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String DOC = """
            schemaVersion: 1.0
            parameters:
              - {name: topic, type: string}
              - {name: accounts, type: stringList}
            steps:
              - name: Launch
                action: LaunchInstance
                inputs: {waitFor: ssmAgent}
              - name: Wait
                action: WaitForAction
                inputs:
                  snsTopicArn.$: "$.parameters.topic"
                  payload: "AMI {{ $.workflowOutputs.ImageId }} on {{$.stepOutputs.Launch.instanceId}} at {{ imagebuilder:buildDate }}"
                  lookalike: "$.parameters.topic"
                  nested:
                    accounts: ["{{ $.parameters.accounts }}", fixed, 3]
                    platform.$: not-a-reference-inside-a-literal
                  accounts.$: "$.parameters.accounts"
            """;

    private static ResolutionContext context() {
        return new ResolutionContext(
                Map.of("topic", ParameterType.STRING.toJson(List.of("arn:aws:sns:us-east-1:123456789012:t")),
                        "accounts", ParameterType.STRING_LIST.toJson(List.of("111111111111", "222222222222"))),
                Map.of("Launch", JSON.readTree("{\"instanceId\":\"i-0123456789abcdef0\",\"list\":[{\"a\":1}]}")),
                Map.of("ImageId", NODES.stringNode("ami-0123456789abcdef0")),
                Map.of("platform", NODES.stringNode("Linux"), "imageBuildNumber", NODES.numberNode(3)));
    }

    @Test
    void resolvesStepInputs() {
        WorkflowStep wait = WorkflowDocument.parse(DOC, WorkflowType.BUILD).step("Wait").orElseThrow();
        ObjectNode inputs = Resolver.resolveInputs(wait.inputs(), context());
        assertThat(inputs).isEqualTo(JSON.readTree("""
                {"snsTopicArn": "arn:aws:sns:us-east-1:123456789012:t",
                 "payload": "AMI ami-0123456789abcdef0 on i-0123456789abcdef0 at {{ imagebuilder:buildDate }}",
                 "lookalike": "$.parameters.topic",
                 "nested": {"accounts": ["[\\"111111111111\\",\\"222222222222\\"]", "fixed", 3],
                            "platform.$": "not-a-reference-inside-a-literal"},
                 "accounts": ["111111111111", "222222222222"]}
                """));
        assertThat(wait.inputs().unresolved()).contains("\"snsTopicArn.$\":\"$.parameters.topic\"");
    }

    @Test
    void resolvesPathsIntoOutputs() {
        ResolutionContext ctx = context();
        assertThat(ctx.resolve(JsonPathRef.parse("$.stepOutputs.Launch.list[0].a"))).contains(NODES.numberNode(1));
        assertThat(ctx.resolve(JsonPathRef.parse("$.stepOutputs.Launch.list[1]"))).isEmpty();
        assertThat(ctx.resolve(JsonPathRef.parse("$.stepOutputs.Launch.instanceId.deeper"))).isEmpty();
        assertThat(ctx.resolve(JsonPathRef.parse("$.stepOutputs.Skipped.x"))).isEmpty();
        assertThat(ctx.resolve(JsonPathRef.parse("$.imagebuilder.Platform"))).contains(NODES.stringNode("Linux"));
        assertThat(ctx.resolve(JsonPathRef.parse("$.imagebuilder.imageBuildNumber"))).contains(NODES.numberNode(3));
    }

    @Test
    void unresolvableReferencesFailTheStep() {
        WorkflowStep wait = WorkflowDocument.parse(DOC, WorkflowType.BUILD).step("Wait").orElseThrow();
        ResolutionContext noLaunch = new ResolutionContext(context().parameters(), Map.of(),
                context().workflowOutputs(), Map.of());
        assertThatThrownBy(() -> Resolver.resolveInputs(wait.inputs(), noLaunch))
                .isInstanceOf(ResolutionException.class)
                .hasMessage("Unable to resolve input 'payload': $.stepOutputs.Launch.instanceId");
        ResolutionContext noTopic = new ResolutionContext(Map.of(), Map.of(), Map.of(), Map.of());
        assertThatThrownBy(() -> Resolver.resolveInputs(wait.inputs(), noTopic))
                .hasMessage("Unable to resolve input 'snsTopicArn': $.parameters.topic");
    }

    @Test
    void interpolatesScalarsAsText() {
        ResolutionContext ctx = context();
        assertThat(Resolver.interpolate("build {{ $.imagebuilder.imageBuildNumber }}!", ctx, "x")).isEqualTo("build 3!");
        assertThat(Resolver.interpolate("no spans", ctx, "x")).isEqualTo("no spans");
        assertThat(Resolver.interpolate("$ and \\ survive {{ $.imagebuilder.platform }}", ctx, "x"))
                .isEqualTo("$ and \\ survive Linux");
    }

    @Test
    void withStepOutputsAddsAStep() {
        ResolutionContext ctx = ResolutionContext.empty().withStepOutputs("A", NODES.objectNode().put("k", "v"));
        assertThat(ctx.resolve(JsonPathRef.parse("$.stepOutputs.A.k"))).contains(NODES.stringNode("v"));
        JsonNode json = ctx.toJson();
        assertThat(json.at("/stepOutputs/A/k").asString()).isEqualTo("v");
    }

    @Test
    void parameterTypesConvertWireStrings() {
        assertThat(ParameterType.INTEGER.toJson(List.of("5"))).isEqualTo(NODES.numberNode(5L));
        assertThat(ParameterType.BOOLEAN.toJson(List.of("true"))).isEqualTo(NODES.booleanNode(true));
        assertThat(ParameterType.INTEGER.checkValues(List.of("5"))).isEmpty();
        assertThat(ParameterType.INTEGER.checkValues(List.of("five"))).contains("The value 'five' is not an integer.");
        assertThat(ParameterType.BOOLEAN.checkValues(List.of("yes")))
                .contains("The value 'yes' is not a boolean; use true or false.");
        assertThat(ParameterType.STRING.checkValues(List.of("a", "b")))
                .contains("A parameter of type string takes exactly one value.");
        assertThat(ParameterType.STRING_LIST.checkValues(List.of("a", "b"))).isEmpty();
        assertThat(ParameterType.STRING.checkValues(List.of("x".repeat(1025))))
                .contains("Parameter values must be at most 1024 characters.");
        assertThat(ParameterType.fromWire("stringList")).contains(ParameterType.STRING_LIST);
        assertThat(ParameterType.fromWire("StringList")).isEmpty();
    }
}
