package dev.stepline.imagebuilder.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathRefTest {
    @Test
    void parsesFieldsIndicesAndQuotedNames() {
        JsonPathRef ref = JsonPathRef.parse("$.stepOutputs.CreateSnapshot.output[0]['my key'].x");
        assertThat(ref.root()).isEqualTo(JsonPathRef.Root.STEP_OUTPUTS);
        assertThat(ref.name()).isEqualTo("CreateSnapshot");
        assertThat(ref.segments()).containsExactly(new JsonPathRef.Field("output"), new JsonPathRef.Index(0),
                new JsonPathRef.Field("my key"), new JsonPathRef.Field("x"));
        assertThat(ref).hasToString("$.stepOutputs.CreateSnapshot.output[0]['my key'].x");
        assertThat(JsonPathRef.parse("$.parameters.p").segments()).isEmpty();
        assertThat(JsonPathRef.parse("$.workflowOutputs[\"ImageId\"]").name()).isEqualTo("ImageId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.", "$.stepOutputs", "$.stepOutputs.", "$.stepOutputs.A..b", "$.stepOutputs.A[x]",
        "$.stepOutputs.A[0", "$.stepOutputs.A b", "$.stepOutputs[0]", "$.other.A", "stepOutputs.A", "$.stepOutputs.*"})
    void rejectsWhatItDoesNotSupport(String text) {
        assertThatThrownBy(() -> JsonPathRef.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
