package dev.stepline.imagebuilder.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComponentDocumentTest {
    private static final String PREFIX = "The value supplied for parameter 'data' is not valid. ";

    private static final String BUILD = """
            name: hello-world
            description: Says hello.
            schemaVersion: 1.0
            parameters:
              - greeting:
                  type: string
                  default: hello
                  description: What to say.
              - target:
                  type: string
            constants:
              - dir:
                  type: string
                  value: /opt/hello
            phases:
              - name: build
                steps:
                  - name: Say
                    action: ExecuteBash
                    timeoutSeconds: 60
                    maxAttempts: 3
                    onFailure: Continue
                    inputs:
                      commands:
                        - echo "{{ greeting }} {{ target }}"
              - name: validate
                steps:
                  - name: Check
                    action: ExecuteBash
                    inputs: {commands: ["test -d {{ dir }}"]}
            """;

    private static void assertRejected(String yaml, String detail) {
        assertThatThrownBy(() -> ComponentDocument.parse(yaml))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.detail()).isEqualTo(detail);
                })
                .hasMessage(PREFIX + detail);
    }

    @Test
    void parsesABuildComponent() {
        ComponentDocument doc = ComponentDocument.parse(BUILD);
        assertThat(doc.name()).contains("hello-world");
        assertThat(doc.type()).isEqualTo(ComponentType.BUILD);
        assertThat(doc.parameterNames()).isEqualTo(Set.of("greeting", "target"));
        assertThat(doc.parameters().get(0))
                .isEqualTo(new ComponentDocument.Parameter("greeting", "string", Optional.of("hello"),
                        Optional.of("What to say.")));
        assertThat(doc.phases()).extracting(ComponentDocument.Phase::name).containsExactly("build", "validate");
        assertThat(doc.phase("build").orElseThrow().steps()).singleElement().isEqualTo(
                new ComponentDocument.Step("Say", "ExecuteBash", "Continue", OptionalInt.of(60), OptionalInt.of(3)));
        assertThat(doc.phase("validate").orElseThrow().steps().get(0).onFailure()).isEqualTo("Abort");
    }

    @Test
    void testOnlyComponentsAreTestComponents() {
        String test = "schemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - {name: T, action: ExecuteBash, "
                + "inputs: {commands: [true]}}\n";
        assertThat(ComponentDocument.parse(test).type()).isEqualTo(ComponentType.TEST);
    }

    @Test
    void rejections() {
        String step = "      - {name: S, action: ExecuteBash, inputs: {commands: [true]}}\n";
        assertRejected("phases: []\n", "schemaVersion is required.");
        assertRejected("schemaVersion: 2.0\n", "schemaVersion must be 1.0.");
        assertRejected("schemaVersion: 1.0\n", "phases is required.");
        assertRejected("schemaVersion: 1.0\nphases: []\n", "phases must be a non-empty list.");
        assertRejected("schemaVersion: 1.0\nsteps: []\n", "Unknown key 'steps' in the document.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - steps:\n" + step, "phases[0].name is required.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n" + step
                + "  - name: build\n    steps:\n" + step, "Duplicate phase name 'build'.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: container-host-test\n    steps:\n" + step,
                "phases must include at least one of the phases build, validate or test.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n", "phases[0].steps is required.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps: []\n",
                "phases[0].steps must be a non-empty list.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - {action: ExecuteBash}\n",
                "phases[0].steps[0].name is required.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - {name: S}\n",
                "phases[0].steps[0].action is required.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n" + step + step,
                "Duplicate step name 'S' in phases[0].steps.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n"
                + "      - {name: S, action: ExecuteBash, onFailure: Retry}\n",
                "phases[0].steps[0].onFailure must be one of [Abort, Continue, Ignore].");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n"
                + "      - {name: S, action: ExecuteBash, timeoutSeconds: 0}\n",
                "phases[0].steps[0].timeoutSeconds must be a positive integer or -1.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n"
                + "      - {name: S, action: ExecuteBash, maxAttempts: -1}\n",
                "phases[0].steps[0].maxAttempts must be a positive integer.");
        assertRejected("schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n"
                + "      - {name: S, action: ExecuteBash, retries: 2}\n", "Unknown key 'retries' in phases[0].steps[0].");
        assertRejected("schemaVersion: 1.0\nparameters:\n  - a: {type: integer}\nphases:\n  - name: build\n    steps:\n"
                + step, "parameters[0].a.type must be string.");
        assertRejected("schemaVersion: 1.0\nparameters:\n  - {a: {type: string}, b: {type: string}}\n"
                + "phases:\n  - name: build\n    steps:\n" + step,
                "parameters[0] must be a mapping with exactly one parameter name.");
        assertRejected("schemaVersion: 1.0\nparameters:\n  - a: {type: string}\n  - a: {type: string}\n"
                + "phases:\n  - name: build\n    steps:\n" + step, "Duplicate parameter name 'a'.");
        assertRejected("schemaVersion: 1.0\nschemaVersion: 1.0\n", "Duplicate key \"schemaVersion\" (line 2, column 14).");
    }
}
