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
}
