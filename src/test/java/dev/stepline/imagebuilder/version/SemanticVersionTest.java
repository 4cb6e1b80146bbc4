package dev.stepline.imagebuilder.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {
    @Test
    void parsesAndPrints() {
        assertThat(SemanticVersion.parse("1.0.3")).isEqualTo(new SemanticVersion(1, 0, 3));
        assertThat(SemanticVersion.parse("1.0.3")).hasToString("1.0.3");
        assertThat(SemanticVersion.parse("01.002.0")).hasToString("1.2.0");
    }

    @Test
    void acceptsTheNodeLimit() {
        assertThat(SemanticVersion.parse("1073741823.1073741823.1073741823").major()).isEqualTo(1073741823);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1073741824.0.0", "0.1073741824.0", "0.0.99999999999999999999"})
    void nodeAboveLimitIsInvalidVersionNumber(String value) {
        assertThatThrownBy(() -> SemanticVersion.parse(value))
                .isInstanceOfSatisfying(ImageBuilderException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_VERSION_NUMBER))
                .hasMessage("The value supplied for parameter 'semanticVersion' is not valid. "
                        + "Each node of semanticVersion must be an integer between 0 and 1073741823.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.0.0.0", "1.x.0", "a.b.c", "", "1.0.0 ", "-1.0.0"})
    void badSyntaxIsInvalidParameterValueWithTheObservedMessage(String value) {
        assertThatThrownBy(() -> SemanticVersion.parse(value))
                .isInstanceOfSatisfying(ImageBuilderException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("The value supplied for parameter 'semanticVersion' is not valid. "
                        + "semanticVersion must match pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$");
    }

    @Test
    void ordersNumerically() {
        List<SemanticVersion> sorted = List.of("1.10.0", "1.9.9", "2.0.0", "1.9.10").stream()
                .map(SemanticVersion::parse).sorted().toList();
        assertThat(sorted).extracting(Object::toString).containsExactly("1.9.9", "1.9.10", "1.10.0", "2.0.0");
    }

    @Test
    void buildVersionsOrderByVersionThenBuild() {
        BuildVersion a = BuildVersion.parse("1.0.0/2");
        BuildVersion b = BuildVersion.parse("1.0.0/10");
        BuildVersion c = BuildVersion.parse("1.0.1/1");
        assertThat(List.of(c, b, a).stream().sorted().toList()).containsExactly(a, b, c);
        assertThat(b).hasToString("1.0.0/10");
    }

    @Test
    void buildNumbersStartAtOneAndFollowTheHighWaterMark() {
        assertThat(BuildVersion.nextBuildNumber(0)).isEqualTo(1);
        assertThat(BuildVersion.nextBuildNumber(7)).isEqualTo(8);
        assertThatThrownBy(() -> new BuildVersion(new SemanticVersion(1, 0, 0), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
