package dev.stepline.imagebuilder.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.WorkflowType;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.BooleanNode;

class WorkflowDocumentTest {
    private static final String PREFIX = "The value supplied for parameter 'data' is not valid. ";

    /** A valid build workflow with parameters, conditions, references and outputs. */
    private static final String SAMPLE = """
            name: sample-build
            description: A sample build workflow.
            schemaVersion: 1.0
            parameters:
              - name: waitForActionAtEnd
                type: boolean
                default: true
                description: Wait for an external action at the end of the workflow
              - name: retries
                type: integer
                default: 3
              - name: regions
                type: stringList
                default: [us-east-1, eu-west-1]
              - name: topic
                type: string
            steps:
              - name: LaunchBuildInstance
                action: LaunchInstance
                onFailure: Abort
                timeoutSeconds: 600
                inputs:
                  waitFor: ssmAgent
                  healthCheck: RUNNING
              - name: ApplyBuildComponents
                action: ExecuteComponents
                description: Runs the build components.
                inputs:
                  instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"
              - name: Approve
                action: WaitForAction
                onFailure: Continue
                rollbackEnabled: false
                if:
                  booleanEquals: true
                  value: "$.parameters.waitForActionAtEnd"
                inputs:
                  snsTopicArn.$: "$.parameters.topic"
                  payload: 'Instance {{ $.stepOutputs.LaunchBuildInstance.instanceId }} built {{ imagebuilder:buildDate }}'
                  literal: "$.not.a.reference"
              - name: CreateOutputAMI
                action: CreateImage
                if:
                  and:
                    - stringEquals: AMI
                      value: "$.imagebuilder.imageType"
                    - not:
                        stringEquals: Windows
                        value: "$.imagebuilder.Platform"
                inputs:
                  instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"
            outputs:
              - name: ImageId
                value: "$.stepOutputs.CreateOutputAMI.imageId"
              - name: Fixed
                value: constant
            """;

    private static WorkflowDocument parse(String yaml) {
        return WorkflowDocument.parse(yaml, WorkflowType.BUILD);
    }

    private static void assertRejected(String yaml, WorkflowType type, String detail) {
        assertThatThrownBy(() -> WorkflowDocument.parse(yaml, type))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.detail()).isEqualTo(detail);
                })
                .hasMessage(PREFIX + detail);
    }

    private static void assertRejected(String yaml, String detail) {
        assertRejected(yaml, WorkflowType.BUILD, detail);
    }

    /** A one-step document around the given step body (indented under "  - "). */
    private static String oneStep(String step) {
        return "schemaVersion: 1.0\nsteps:\n  - " + step.strip().replace("\n", "\n    ") + "\n";
    }

    // ---- the model ----------------------------------------------------------------------------

    @Test
    void parsesTheSample() {
        WorkflowDocument doc = parse(SAMPLE);
        assertThat(doc.name()).contains("sample-build");
        assertThat(doc.description()).contains("A sample build workflow.");
        assertThat(doc.schemaVersion()).isEqualTo("1.0");

        assertThat(doc.parameters()).containsExactly(
                new WorkflowParameter("waitForActionAtEnd", ParameterType.BOOLEAN, Optional.of(List.of("true")),
                        Optional.of("Wait for an external action at the end of the workflow")),
                new WorkflowParameter("retries", ParameterType.INTEGER, Optional.of(List.of("3")), Optional.empty()),
                new WorkflowParameter("regions", ParameterType.STRING_LIST,
                        Optional.of(List.of("us-east-1", "eu-west-1")), Optional.empty()),
                new WorkflowParameter("topic", ParameterType.STRING, Optional.empty(), Optional.empty()));
        assertThat(doc.parameter("topic").orElseThrow().required()).isTrue();

        WorkflowStep launch = doc.steps().get(0);
        assertThat(launch.action()).isEqualTo(StepAction.LAUNCH_INSTANCE);
        assertThat(launch.onFailure()).isEqualTo(OnFailure.ABORT);
        assertThat(launch.timeoutSeconds()).isEqualTo(OptionalInt.of(600));
        assertThat(launch.effectiveTimeoutSeconds()).isEqualTo(600);
        assertThat(launch.rollbackEnabled()).isEqualTo(new DynamicValue.Literal(BooleanNode.TRUE));
        assertThat(launch.condition()).isEmpty();

        WorkflowStep apply = doc.step("ApplyBuildComponents").orElseThrow();
        assertThat(apply.description()).contains("Runs the build components.");
        assertThat(apply.effectiveTimeoutSeconds()).isEqualTo(43200);
        StepInputs.Entry instanceId = apply.inputs().get("instanceId").orElseThrow();
        assertThat(instanceId.documentKey()).isEqualTo("instanceId.$");
        assertThat(instanceId.value()).isInstanceOfSatisfying(DynamicValue.Reference.class, r -> {
            assertThat(r.path().root()).isEqualTo(JsonPathRef.Root.STEP_OUTPUTS);
            assertThat(r.path().name()).isEqualTo("LaunchBuildInstance");
            assertThat(r.path().segments()).containsExactly(new JsonPathRef.Field("instanceId"));
        });
        assertThat(apply.inputs().unresolved())
                .isEqualTo("{\"instanceId.$\":\"$.stepOutputs.LaunchBuildInstance.instanceId\"}");

        WorkflowStep approve = doc.steps().get(2);
        assertThat(approve.onFailure()).isEqualTo(OnFailure.CONTINUE);
        assertThat(approve.rollbackEnabled()).isEqualTo(new DynamicValue.Literal(BooleanNode.FALSE));
        assertThat(approve.condition()).containsInstanceOf(Condition.Comparison.class);
        // a key without .$ is a literal even if it looks like a path
        assertThat(approve.inputs().get("literal").orElseThrow().value())
                .isInstanceOf(DynamicValue.Literal.class);

        assertThat(doc.steps().get(3).condition().orElseThrow()).isInstanceOfSatisfying(Condition.And.class,
                and -> assertThat(and.conditions()).hasSize(2).element(1).isInstanceOf(Condition.Not.class));

        assertThat(doc.outputs()).extracting(WorkflowOutput::name).containsExactly("ImageId", "Fixed");
        assertThat(doc.outputs().get(1).value()).isInstanceOf(DynamicValue.Literal.class);
    }

    @Test
    void jsonDocumentsParseToo() {
        String json = """
                {"schemaVersion": "1.0", "steps": [
                  {"name": "Wait", "action": "WaitForAction"}]}
                """;
        WorkflowDocument doc = parse(json);
        assertThat(doc.steps()).singleElement().satisfies(s -> {
            assertThat(s.inputs()).isEqualTo(StepInputs.EMPTY);
            assertThat(s.effectiveTimeoutSeconds()).isEqualTo(259200);
        });
    }

    @Test
    void tabIndentedJsonParses() {
        String json = "{\n\t\"schemaVersion\": 1.0,\n\t\"steps\": [\n\t\t{\"name\": \"Wait\", \"action\": \"WaitForAction\"}\n\t]\n}";
        assertThat(parse(json).steps()).hasSize(1);
        assertRejected("{\"schemaVersion\": 1.0,\n\"schemaVersion\": 1.0}",
                "Duplicate key \"schemaVersion\" (line 2, column 16).");
        assertThat(parse("{schemaVersion: 1.0, steps: [{name: Wait, action: WaitForAction}]}").steps()).hasSize(1);
    }

    @Test
    void ifMayBeAOneElementList() {
        WorkflowDocument doc = parse(oneStep("""
                name: Wait
                action: WaitForAction
                if:
                  - booleanEquals: true
                    value: "$.imagebuilder.collectImageMetadata"
                """));
        assertThat(doc.steps().get(0).condition()).containsInstanceOf(Condition.Comparison.class);
    }

    @Test
    void rollbackEnabledMayBeAReference() {
        WorkflowDocument doc = parse("""
                schemaVersion: 1.0
                parameters:
                  - name: rb
                    type: boolean
                steps:
                  - name: Wait
                    action: WaitForAction
                    rollbackEnabled: "$.parameters.rb"
                """);
        assertThat(doc.steps().get(0).rollbackEnabled()).isInstanceOf(DynamicValue.Reference.class);
    }

    // ---- syntax and top level -------------------------------------------------------------

    @Test
    void rejectsUnparseableYaml() {
        assertThatThrownBy(() -> parse("steps: [\n"))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageStartingWith(PREFIX + "The document is not valid YAML or JSON: ");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertRejected("schemaVersion: 1.0\nschemaVersion: 1.0\n", "Duplicate key \"schemaVersion\" (line 2, column 14).");
    }

    @Test
    void rejectsNonMappings() {
        assertRejected("- a\n- b\n", "The document must be a YAML or JSON mapping.");
        assertRejected("", "The document must be a YAML or JSON mapping.");
        assertRejected("just text", "The document must be a YAML or JSON mapping.");
    }

    @Test
    void rejectsSeveralDocuments() {
        assertThatThrownBy(() -> parse("a: 1\n---\nb: 2\n"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e ->
                        assertThat(e.detail()).startsWith("The document must hold exactly one YAML document"));
    }

    @Test
    void schemaVersionMustBeOnePointZero() {
        assertRejected("steps: []\n", "schemaVersion is required.");
        assertRejected("schemaVersion: 2.0\n", "schemaVersion must be 1.0.");
        assertRejected("schemaVersion: 1\n", "schemaVersion must be 1.0.");
        assertRejected("schemaVersion: '1'\n", "schemaVersion must be 1.0.");
        assertThat(parse(oneStep("name: Wait\naction: WaitForAction").replace("1.0", "'1.0'")).schemaVersion())
                .isEqualTo("1.0");
    }

    @Test
    void rejectsUnknownTopLevelKeys() {
        assertRejected("schemaVersion: 1.0\nphases: []\n", "Unknown key 'phases' in the document.");
    }

    @Test
    void stepsAreRequiredAndBounded() {
        assertRejected("schemaVersion: 1.0\n", "steps is required.");
        assertRejected("schemaVersion: 1.0\nsteps: []\n", "steps must contain between 1 and 15 entries.");
        assertRejected("schemaVersion: 1.0\nsteps: {a: 1}\n", "steps must be a list.");
        StringBuilder sixteen = new StringBuilder("schemaVersion: 1.0\nsteps:\n");
        for (int i = 0; i < 16; i++) {
            sixteen.append("  - {name: Wait").append(i).append(", action: WaitForAction}\n");
        }
        assertRejected(sixteen.toString(), "steps must contain between 1 and 15 entries.");
        assertThat(parse(sixteen.toString().replace("  - {name: Wait15, action: WaitForAction}\n", "")).steps())
                .hasSize(15);
    }

    @Test
    void parametersAndOutputsAreBounded() {
        StringBuilder params = new StringBuilder("schemaVersion: 1.0\nparameters:\n");
        StringBuilder outputs = new StringBuilder("outputs:\n");
        for (int i = 0; i < 26; i++) {
            params.append("  - {name: p").append(i).append(", type: string}\n");
            outputs.append("  - {name: o").append(i).append(", value: x}\n");
        }
        String steps = "steps:\n  - {name: Wait, action: WaitForAction}\n";
        assertRejected(params + steps, "parameters must contain at most 25 entries.");
        assertRejected("schemaVersion: 1.0\n" + steps + outputs, "outputs must contain at most 25 entries.");
    }

    // ---- parameters -----------------------------------------------------------------------

    private static String withParameter(String parameter) {
        return "schemaVersion: 1.0\nparameters:\n  - " + parameter.strip().replace("\n", "\n    ")
                + "\nsteps:\n  - {name: Wait, action: WaitForAction}\n";
    }

    @Test
    void parameterChecks() {
        assertRejected(withParameter("type: string"), "parameters[0].name is required.");
        assertRejected(withParameter("name: p"), "parameters[0].type is required.");
        assertRejected(withParameter("name: p\ntype: number"),
                "parameters[0].type must be one of [string, integer, boolean, stringList].");
        assertRejected(withParameter("name: p\ntype: string\nextra: 1"), "Unknown key 'extra' in parameters[0].");
        assertRejected(withParameter("name: " + "p".repeat(129) + "\ntype: string"),
                "parameters[0].name must be between 1 and 128 characters.");
        assertRejected(withParameter("name: p\ntype: string\ndescription: " + "d".repeat(1025)),
                "parameters[0].description must be at most 1024 characters.");
        assertRejected("schemaVersion: 1.0\nparameters:\n  - {name: p, type: string}\n  - {name: p, type: integer}\n"
                + "steps:\n  - {name: Wait, action: WaitForAction}\n", "Duplicate parameter name 'p'.");
        assertRejected("schemaVersion: 1.0\nparameters: {name: p}\nsteps:\n  - {name: Wait, action: WaitForAction}\n",
                "parameters must be a list.");
        assertRejected("schemaVersion: 1.0\nparameters: [p]\nsteps:\n  - {name: Wait, action: WaitForAction}\n",
                "parameters[0] must be a mapping.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "type: integer\ndefault: abc",
        "type: integer\ndefault: 1.5",
        "type: boolean\ndefault: yes",
        "type: boolean\ndefault: 1",
        "type: stringList\ndefault: single",
        "type: stringList\ndefault: [[nested]]",
        "type: string\ndefault: [a, b]",
    })
    void defaultsMustMatchTheType(String body) {
        String type = body.lines().findFirst().orElseThrow().substring("type: ".length());
        assertRejected(withParameter("name: p\n" + body), "parameters[0].default must be a value of type " + type + ".");
    }

    @Test
    void defaultsBecomeWireStrings() {
        assertThat(parse(withParameter("name: p\ntype: integer\ndefault: '42'")).parameters().get(0).defaultValue())
                .contains(List.of("42"));
        assertThat(parse(withParameter("name: p\ntype: boolean\ndefault: 'false'")).parameters().get(0).defaultValue())
                .contains(List.of("false"));
        assertThat(parse(withParameter("name: p\ntype: string\ndefault: 7")).parameters().get(0).defaultValue())
                .contains(List.of("7"));
        assertThat(parse(withParameter("name: p\ntype: stringList\ndefault: []")).parameters().get(0).defaultValue())
                .contains(List.of());
    }

    // ---- steps ----------------------------------------------------------------------------

    @Test
    void stepNameChecks() {
        assertRejected(oneStep("action: WaitForAction"), "steps[0].name is required.");
        for (String bad : List.of("A", "1Step", "bad name", "under.score", "x".repeat(101))) {
            assertRejected(oneStep("name: '" + bad + "'\naction: WaitForAction"),
                    "steps[0].name must match pattern ^[A-Za-z][A-Za-z0-9-_]{1,99}$");
        }
        assertThat(parse(oneStep("name: Ab-c_1\naction: WaitForAction")).steps()).hasSize(1);
        assertRejected("schemaVersion: 1.0\nsteps:\n  - {name: Wait, action: WaitForAction}\n"
                + "  - {name: Wait, action: WaitForAction}\n", "Duplicate step name 'Wait'.");
    }

    @Test
    void stepShapeChecks() {
        assertRejected("schemaVersion: 1.0\nsteps:\n  - Wait\n", "steps[0] must be a mapping.");
        assertRejected(oneStep("name: Wait\naction: WaitForAction\nloop: {forEach: [1]}"),
                "Unknown key 'loop' in steps[0].");
        assertRejected(oneStep("name: Wait"), "steps[0].action is required.");
        assertRejected(oneStep("name: Wait\naction: WaitForAction\ndescription: ''"),
                "steps[0].description must be between 1 and 1024 characters.");
        assertRejected(oneStep("name: Wait\naction: WaitForAction\ndescription: " + "d".repeat(1025)),
                "steps[0].description must be between 1 and 1024 characters.");
    }

    @Test
    void actionsMustBeKnownAndAllowedForTheType() {
        assertRejected(oneStep("name: Do\naction: RebootInstance"),
                "steps[0].action 'RebootInstance' is not a supported step action.");
        assertRejected(oneStep("name: Do\naction: launchInstance\ninputs: {waitFor: ssmAgent}"),
                "steps[0].action 'launchInstance' is not a supported step action.");
        assertRejected(oneStep("name: Do\naction: DistributeImage"), WorkflowType.BUILD,
                "steps[0].action 'DistributeImage' is not allowed in a BUILD workflow.");
        assertRejected(oneStep("name: Do\naction: ExecuteComponents\ninputs: {instanceId: i-1}"),
                WorkflowType.DISTRIBUTION, "steps[0].action 'ExecuteComponents' is not allowed in a DISTRIBUTION workflow.");
        assertRejected(oneStep("name: Do\naction: CollectImageScanFindings\ninputs: {instanceId: i-1}"),
                WorkflowType.BUILD, "steps[0].action 'CollectImageScanFindings' is not allowed in a BUILD workflow.");
        assertThat(WorkflowDocument.parse(oneStep("name: Do\naction: CollectImageScanFindings\ninputs: {instanceId: i-1}"),
                WorkflowType.TEST).steps()).hasSize(1);
        assertThat(WorkflowDocument.parse(oneStep("name: Do\naction: CollectImageMetadata\ninputs: {instanceId: i-1}"),
                WorkflowType.DISTRIBUTION).steps()).hasSize(1);
    }

    @Test
    void containerDistributionDoesNotMixWithAmiDistribution() {
        String doc = """
                schemaVersion: 1.0
                steps:
                  - name: Push
                    action: DistributeContainerImage
                    inputs: {instanceId.$: "$.workflowOutputs.InstanceId"}
                  - name: Copy
                    action: DistributeImage
                """;
        assertRejected(doc, WorkflowType.DISTRIBUTION, "DistributeContainerImage cannot be combined with "
                + "DistributeImage, ModifyImageAttributes or ApplyImageConfigurations in one workflow.");
    }

    @Test
    void onFailureIsExact() {
        for (String bad : List.of("abort", "ABORT", "Ignore", "true")) {
            assertRejected(oneStep("name: Wait\naction: WaitForAction\nonFailure: " + bad),
                    "steps[0].onFailure must be one of [Abort, Continue].");
        }
    }

    @Test
    void timeoutIsBoundedByTheAction() {
        assertRejected(oneStep("name: Wait\naction: WaitForAction\ntimeoutSeconds: 0"),
                "steps[0].timeoutSeconds must be an integer between 1 and 604800 for action WaitForAction.");
        assertRejected(oneStep("name: Wait\naction: WaitForAction\ntimeoutSeconds: 604801"),
                "steps[0].timeoutSeconds must be an integer between 1 and 604800 for action WaitForAction.");
        assertRejected(oneStep("name: Wait\naction: WaitForAction\ntimeoutSeconds: '60'"),
                "steps[0].timeoutSeconds must be an integer between 1 and 604800 for action WaitForAction.");
        assertRejected(oneStep("name: Wait\naction: WaitForAction\ntimeoutSeconds: 1.5"),
                "steps[0].timeoutSeconds must be an integer between 1 and 604800 for action WaitForAction.");
        assertRejected(oneStep("name: Do\naction: CreateImage\ntimeoutSeconds: 259201\ninputs: {instanceId: i-1}"),
                "steps[0].timeoutSeconds must be an integer between 1 and 259200 for action CreateImage.");
        assertThat(parse(oneStep("name: Do\naction: CreateImage\ntimeoutSeconds: 259200\ninputs: {instanceId: i-1}"))
                .steps().get(0).effectiveTimeoutSeconds()).isEqualTo(259200);
    }

    @Test
    void rollbackEnabledIsABooleanOrAReference() {
        assertRejected(oneStep("name: Wait\naction: WaitForAction\nrollbackEnabled: 'yes'"),
                "steps[0].rollbackEnabled must be a boolean or a JSONPath reference.");
    }

    // ---- inputs ---------------------------------------------------------------------------

    @Test
    void requiredInputs() {
        assertRejected(oneStep("name: Launch\naction: LaunchInstance"),
                "steps[0].inputs is required for action LaunchInstance.");
        assertRejected(oneStep("name: Do\naction: RunCommand\ninputs: {instanceId: i-1}"),
                "steps[0].inputs is missing the input 'documentName' that action RunCommand requires.");
        assertRejected(oneStep("name: Do\naction: ExecuteStateMachine\ninputs: {input: '{}'}"),
                "steps[0].inputs is missing the input 'stateMachineArn' that action ExecuteStateMachine requires.");
        assertRejected(oneStep("name: Do\naction: ExecuteComponents\ninputs: [instanceId]"),
                "steps[0].inputs must be a mapping.");
        assertThat(parse(oneStep("name: Do\naction: RegisterImage")).steps()).hasSize(1);
    }

    @Test
    void staticInputValues() {
        assertRejected(oneStep("name: Launch\naction: LaunchInstance\ninputs: {waitFor: instance}"),
                "steps[0].inputs.waitFor must be 'ssmAgent'.");
        assertRejected(oneStep("name: Launch\naction: LaunchInstance\ninputs: {waitFor: ssmAgent, healthCheck: OK}"),
                "steps[0].inputs.healthCheck must be one of [RUNNING, STATUS_CHECK_PASSED].");
    }

    @Test
    void anInputMayNotBeBothLiteralAndReference() {
        assertRejected(oneStep("name: Do\naction: TerminateInstance\ninputs:\n  instanceId: i-1\n"
                + "  instanceId.$: $.workflowOutputs.InstanceId"),
                "steps[0].inputs has both 'instanceId' and 'instanceId.$'.");
    }

    @Test
    void referenceInputsMustBeJsonPaths() {
        assertRejected(oneStep("name: Do\naction: TerminateInstance\ninputs: {instanceId.$: i-1}"),
                "steps[0].inputs.instanceId.$ must be a JSONPath string starting with '$.'.");
        assertRejected(oneStep("name: Do\naction: TerminateInstance\ninputs: {instanceId.$: 5}"),
                "steps[0].inputs.instanceId.$ must be a JSONPath string starting with '$.'.");
        assertRejected(oneStep("name: Do\naction: TerminateInstance\ninputs: {instanceId.$: '$.outputs.X'}"),
                "steps[0].inputs.instanceId.$ is not a valid reference '$.outputs.X'. Unknown root '$.outputs'; "
                        + "use $.parameters, $.stepOutputs, $.workflowOutputs or $.imagebuilder.");
        assertRejected(oneStep("name: Do\naction: TerminateInstance\ninputs: {instanceId.$: '$.stepOutputs'}"),
                "steps[0].inputs.instanceId.$ is not a valid reference '$.stepOutputs'. "
                        + "A reference must name something below '$.stepOutputs'.");
    }

    @Test
    void stepReferencesMustPointAtEarlierSteps() {
        String forward = """
                schemaVersion: 1.0
                steps:
                  - name: Apply
                    action: ExecuteComponents
                    inputs: {instanceId.$: "$.stepOutputs.Launch.instanceId"}
                  - name: Launch
                    action: LaunchInstance
                    inputs: {waitFor: ssmAgent}
                """;
        assertRejected(forward, "steps[0].inputs.instanceId.$ references the step 'Launch', which is not an earlier step.");
        assertRejected(oneStep("name: Self\naction: TerminateInstance\ninputs: {instanceId.$: '$.stepOutputs.Self.x'}"),
                "steps[0].inputs.instanceId.$ references the step 'Self', which is not an earlier step.");
        assertRejected(oneStep("name: Do\naction: TerminateInstance\ninputs: {instanceId.$: '$.stepOutputs.Nope.x'}"),
                "steps[0].inputs.instanceId.$ references the step 'Nope', which is not an earlier step.");
    }

    @Test
    void parameterAndVariableReferencesMustExist() {
        assertRejected(oneStep("name: Do\naction: TerminateInstance\ninputs: {instanceId.$: '$.parameters.id'}"),
                "steps[0].inputs.instanceId.$ references the undeclared parameter 'id'.");
        assertRejected(oneStep("name: Do\naction: TerminateInstance\ninputs: {instanceId.$: '$.imagebuilder.nope'}"),
                "steps[0].inputs.instanceId.$ references the unknown variable '$.imagebuilder.nope'.");
        assertThat(parse(oneStep("name: Do\naction: TerminateInstance\ninputs: {instanceId.$: '$.imagebuilder.IMAGEID'}"))
                .steps()).hasSize(1);
    }

    @Test
    void interpolatedSpansAreCheckedButTemplatesAreNot() {
        assertRejected(oneStep("name: Wait\naction: WaitForAction\ninputs:\n  payload: 'id {{ $.parameters.missing }}'"),
                "steps[0].inputs.payload references the undeclared parameter 'missing'.");
        assertRejected(oneStep("name: Wait\naction: WaitForAction\ninputs:\n  nested:\n    list: ['{{ $.stepOutputs.X.y }}']"),
                "steps[0].inputs.nested.list[0] references the step 'X', which is not an earlier step.");
        assertThat(parse(oneStep("name: Wait\naction: WaitForAction\ninputs:\n  payload: '{{ imagebuilder:buildDate }}'"))
                .steps()).hasSize(1);
    }

    // ---- if -------------------------------------------------------------------------------

    private static String withIf(String condition) {
        return oneStep("name: Wait\naction: WaitForAction\nif:\n  " + condition.strip().replace("\n", "\n  "));
    }

    @Test
    void malformedConditions() {
        assertRejected(withIf("and: []"), "steps[0].if.and must be a list of 1 to 10 conditions.");
        assertRejected(withIf("or: {stringEquals: a, value: a}"), "steps[0].if.or must be a list of 1 to 10 conditions.");
        assertRejected(withIf("and:\n" + "  - {stringEquals: a, value: a}\n".repeat(11)),
                "steps[0].if.and must be a list of 1 to 10 conditions.");
        assertRejected(oneStep("name: Wait\naction: WaitForAction\nif:\n  - {stringEquals: a, value: a}\n"
                + "  - {stringEquals: a, value: a}"), "steps[0].if must have exactly one top-level condition.");
        assertRejected(withIf("stringEquals: a"), "steps[0].if is missing 'value'.");
        assertRejected(withIf("value: a"), "steps[0].if must have a comparison operator.");
        assertRejected(withIf("stringMatches: a\nvalue: a"), "steps[0].if has an unknown condition 'stringMatches'.");
        assertRejected(withIf("stringEquals: a\nnumberEquals: 1\nvalue: a"),
                "steps[0].if must have exactly one comparison operator.");
        assertRejected(withIf("not:\n  - {stringEquals: a, value: a}\n  - {stringEquals: b, value: b}"),
                "steps[0].if.not must hold exactly one condition.");
        assertRejected(withIf("and: [plain]"), "steps[0].if.and[0] must be a mapping with one condition.");
        assertRejected(withIf("booleanEquals: maybe\nvalue: true"), "steps[0].if.booleanEquals must be a boolean.");
        assertRejected(withIf("numberEquals: many\nvalue: 1"), "steps[0].if.numberEquals must be a number.");
        assertRejected(withIf("numberEquals: 1\nvalue: many"), "steps[0].if.value must be a number.");
        assertRejected(withIf("stringEquals: [a]\nvalue: a"), "steps[0].if.stringEquals must be a string.");
        assertRejected(withIf("stringEquals: a\nvalue: [a]"), "steps[0].if.value must be a scalar or a JSONPath reference.");
        assertRejected(withIf("stringEquals: a\nvalue: $.stepOutputs.Later.x"),
                "steps[0].if.value references the step 'Later', which is not an earlier step.");
    }

    @Test
    void conditionsNestAtMostFourLevels() {
        String four = "and:\n  - or:\n      - not:\n          stringEquals: a\n          value: a";
        assertThat(parse(withIf(four)).steps().get(0).condition()).isPresent();
        String five = "and:\n  - or:\n      - not:\n          and:\n            - stringEquals: a\n              value: a";
        assertRejected(withIf(five), "steps[0].if.and[0].or[0].not.and[0] nests conditions deeper than 4 levels.");
    }

    // ---- outputs --------------------------------------------------------------------------

    @Test
    void outputChecks() {
        String steps = "schemaVersion: 1.0\nsteps:\n  - {name: Wait, action: WaitForAction}\n";
        assertRejected(steps + "outputs:\n  - {value: x}\n", "outputs[0].name is required.");
        assertRejected(steps + "outputs:\n  - {name: A}\n", "outputs[0].value is required.");
        assertRejected(steps + "outputs:\n  - {name: A, value: x, extra: 1}\n", "Unknown key 'extra' in outputs[0].");
        assertRejected(steps + "outputs:\n  - {name: A, value: x}\n  - {name: A, value: y}\n", "Duplicate output name 'A'.");
        assertRejected(steps + "outputs:\n  - {name: A, value: $.stepOutputs.Nope.x}\n",
                "outputs[0].value references the step 'Nope', which is not an earlier step.");
        assertRejected(steps + "outputs: {name: A}\n", "outputs must be a list.");
        assertThat(parse(steps + "outputs:\n  - {name: A, value: $.stepOutputs.Wait.action}\n").outputs()).hasSize(1);
    }

    @Test
    void modelIsImmutable() {
        WorkflowDocument doc = parse(oneStep("name: Wait\naction: WaitForAction\ninputs:\n  nested: {a: 1}"));
        DynamicValue.Literal literal = (DynamicValue.Literal) doc.steps().get(0).inputs().get("nested")
                .orElseThrow().value();
        ((tools.jackson.databind.node.ObjectNode) literal.value()).put("a", 2);
        assertThat(literal.value().get("a").asInt()).isEqualTo(1);
        assertThat(doc).isEqualTo(parse(oneStep("name: Wait\naction: WaitForAction\ninputs:\n  nested: {a: 1}")));
    }
}
