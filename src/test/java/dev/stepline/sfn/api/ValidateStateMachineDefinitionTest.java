package dev.stepline.sfn.api;

import static dev.stepline.sfn.api.StateMachinesTest.PASS;
import static dev.stepline.sfn.api.StateMachinesTest.WAIT_FOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionDiagnostic;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionSeverity;
import software.amazon.awssdk.services.sfn.model.ValidationException;

class ValidateStateMachineDefinitionTest {
    static TestServer server;
    static SfnClient sfn;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        sfn = server.sfn();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static ValidateStateMachineDefinitionDiagnostic diagnostic(String code, String message, String location) {
        return ValidateStateMachineDefinitionDiagnostic.builder().severity(ValidateStateMachineDefinitionSeverity.ERROR)
                .code(code).message(message).location(location).build();
    }

    @Test
    void aValidDefinitionIsOk() {
        ValidateStateMachineDefinitionResponse r = sfn.validateStateMachineDefinition(b -> b.definition(PASS));
        assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void invalidDefinitionsAreReportedNotRejected() {
        ValidateStateMachineDefinitionResponse empty = sfn.validateStateMachineDefinition(b -> b.definition(""));
        assertThat(empty.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(empty.diagnostics()).containsExactly(
                diagnostic("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object", null));

        assertThat(sfn.validateStateMachineDefinition(b -> b.definition("{}")).diagnostics()).containsExactly(
                diagnostic("SCHEMA_VALIDATION_FAILED", "These fields are required: [States, StartAt]", "/"));

        ValidateStateMachineDefinitionResponse json = sfn.validateStateMachineDefinition(b -> b.definition("not a definition"));
        assertThat(json.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
            assertThat(d.location()).isEqualTo("[Source: (String)\"not a definition\"; line: 1, column: 4]");
            assertThat(d.message()).startsWith("Unrecognized token 'not': was expecting");
        });
    }

    @Test
    void theTypeDecidesWhatIsAllowed() {
        assertThat(sfn.validateStateMachineDefinition(b -> b.definition(WAIT_FOR_TOKEN)).result())
                .isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        ValidateStateMachineDefinitionResponse express = sfn.validateStateMachineDefinition(b -> b.definition(WAIT_FOR_TOKEN)
                .type(StateMachineType.EXPRESS));
        assertThat(express.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(express.diagnostics()).containsExactly(diagnostic("SCHEMA_VALIDATION_FAILED",
                "Express state machine does not support '.waitForTaskToken' service integration ", "/States/S/Resource"));
    }

    @Test
    void severityAndMaxResultsShapeTheList() {
        String warned = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true,"
                + "\"Parameters\":{\"a\":\"$.x\"}}}}";
        ValidateStateMachineDefinitionResponse errorsOnly = sfn.validateStateMachineDefinition(b -> b.definition(warned));
        assertThat(errorsOnly.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(errorsOnly.diagnostics()).as("ERROR is the default severity").isEmpty();
        ValidateStateMachineDefinitionResponse withWarnings = sfn.validateStateMachineDefinition(b -> b.definition(warned)
                .severity(ValidateStateMachineDefinitionSeverity.WARNING));
        assertThat(withWarnings.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(withWarnings.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(ValidateStateMachineDefinitionSeverity.WARNING);
            assertThat(d.code()).isEqualTo("NO_DOLLAR");
            assertThat(d.location()).isEqualTo("/States/P/Parameters");
        });

        String twoErrors = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"X\"},"
                + "\"B\":{\"Type\":\"Pass\",\"Next\":\"Y\"}}}";
        ValidateStateMachineDefinitionResponse all = sfn.validateStateMachineDefinition(b -> b.definition(twoErrors));
        assertThat(all.diagnostics()).hasSizeGreaterThan(1);
        assertThat(all.truncated()).isFalse();
        ValidateStateMachineDefinitionResponse one = sfn.validateStateMachineDefinition(b -> b.definition(twoErrors).maxResults(1));
        assertThat(one.diagnostics()).containsExactly(all.diagnostics().getFirst());
        assertThat(one.truncated()).isTrue();
        assertThat(one.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(sfn.validateStateMachineDefinition(b -> b.definition(twoErrors).maxResults(0)).diagnostics())
                .isEqualTo(all.diagnostics());

        assertThatThrownBy(() -> sfn.validateStateMachineDefinition(b -> b.definition(PASS).maxResults(101)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 100");
        assertThatThrownBy(() -> sfn.validateStateMachineDefinition(b -> b.definition(PASS).severity("INFO")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must satisfy enum value set: [ERROR, WARNING]");
    }

    // ---------------------------------------------------------------- observed on AWS (spec §4.12, aws-snap)

    static ValidateStateMachineDefinitionResponse validate(String definition, StateMachineType type) {
        return sfn.validateStateMachineDefinition(b -> b.definition(definition).type(type));
    }

    @Test
    void aBlankDefinitionIsNotAJsonObject() {
        for (StateMachineType type : new StateMachineType[] {StateMachineType.STANDARD, StateMachineType.EXPRESS}) {
            ValidateStateMachineDefinitionResponse r = validate(" ", type);
            assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
            assertThat(r.truncated()).isFalse();
            assertThat(r.diagnostics()).containsExactly(
                    diagnostic("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object", null));
        }
    }

    @Test
    void notJsonIsReportedWithJacksonsMessageAndSource() {
        String source = "[Source: (String)\"not a definition\"; line: 1, column: 4]";
        assertThat(validate("not a definition", StateMachineType.STANDARD).diagnostics()).containsExactly(
                diagnostic("INVALID_JSON_DESCRIPTION", "Unrecognized token 'not': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false')\n at " + source, source));
    }

    @Test
    void aMissingStartAtIsReportedAtTheRoot() {
        String noStartAt = "{\"States\": {\"StartState\": {\"Type\": \"Pass\", \"End\": true}}}";
        for (StateMachineType type : new StateMachineType[] {StateMachineType.STANDARD, StateMachineType.EXPRESS}) {
            ValidateStateMachineDefinitionResponse r = validate(noStartAt, type);
            assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
            assertThat(r.diagnostics()).containsExactly(
                    diagnostic("SCHEMA_VALIDATION_FAILED", "These fields are required: [StartAt]", "/"));
        }
    }

    @Test
    void expressRefusesWaitForTaskTokenAtTheResource() {
        String sqs = """
                {"StartAt": "SendMessageWithWait", "States": {"SendMessageWithWait": {"Type": "Task",
                  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl.$": "$.QueueUrl", "MessageBody": {"TaskToken.$": "$$.Task.Token"}},
                  "End": true}}}""";
        assertThat(validate(sqs, StateMachineType.STANDARD).result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(validate(sqs, StateMachineType.EXPRESS).diagnostics()).containsExactly(diagnostic(
                "SCHEMA_VALIDATION_FAILED", "Express state machine does not support '.waitForTaskToken' service integration ",
                "/States/SendMessageWithWait/Resource"));
    }

    @Test
    void aStateCannotDowngradeAJsonataMachineToJsonPath() {
        String downgrade = """
                {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true, "QueryLanguage": "JSONPath"}},
                 "QueryLanguage": "JSONata"}""";
        for (StateMachineType type : new StateMachineType[] {StateMachineType.STANDARD, StateMachineType.EXPRESS}) {
            assertThat(validate(downgrade, type).diagnostics()).containsExactly(diagnostic("SCHEMA_VALIDATION_FAILED",
                    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/Pass"));
        }
    }

    @Test
    void aJsonPathStateInsideAJsonataMapOfAJsonPathMachineIsValid() {
        String mixed = """
                {"StartAt": "Map", "QueryLanguage": "JSONPath", "States": {"Map": {"Type": "Map", "QueryLanguage": "JSONata",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Pass",
                    "States": {"Pass": {"QueryLanguage": "JSONPath", "Type": "Pass", "End": true}}},
                  "End": true}}}""";
        for (StateMachineType type : new StateMachineType[] {StateMachineType.STANDARD, StateMachineType.EXPRESS}) {
            ValidateStateMachineDefinitionResponse r = validate(mixed, type);
            assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
            assertThat(r.diagnostics()).isEmpty();
        }
    }

    static ValidateStateMachineDefinitionDiagnostic warning(String code, String location) {
        return ValidateStateMachineDefinitionDiagnostic.builder().severity(ValidateStateMachineDefinitionSeverity.WARNING)
                .code(code).location(location).build();
    }

    /** The three warning codes the API reference documents: NO_DOLLAR, NO_PATH, PASS_RESULT_IS_STATIC. */
    @Test
    void theDocumentedWarningsAreListedWithSeverityWarning() {
        String definition = """
                {"StartAt": "C", "States": {
                   "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": "$.b", "Next": "P"}],
                         "Default": "F"},
                   "P": {"Type": "Pass", "Parameters": {"x": "$.y"}, "Result": {"r.$": "$.z"}, "End": true},
                   "F": {"Type": "Fail", "Error": "E", "Cause": "$.why"}}}""";
        ValidateStateMachineDefinitionResponse r = sfn.validateStateMachineDefinition(b -> b.definition(definition)
                .severity(ValidateStateMachineDefinitionSeverity.WARNING));
        assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(r.diagnostics()).extracting(d -> warning(d.code(), d.location())).containsExactlyInAnyOrder(
                warning("NO_PATH", "/States/C/Choices/0/StringEquals"),
                warning("NO_DOLLAR", "/States/P/Parameters"),
                warning("PASS_RESULT_IS_STATIC", "/States/P/Result"),
                warning("NO_PATH", "/States/F/Cause"));
        assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.message()).isNotBlank());
        assertThat(sfn.validateStateMachineDefinition(b -> b.definition(definition)).diagnostics())
                .as("warnings are only listed with severity WARNING").isEmpty();
    }
}
