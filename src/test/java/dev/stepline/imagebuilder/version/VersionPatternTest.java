package dev.stepline.imagebuilder.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionPatternTest {
    private static final List<SemanticVersion> STORED = List.of(
            SemanticVersion.parse("2.2.4"), SemanticVersion.parse("1.7.8"), SemanticVersion.parse("1.6.8"));

    @ParameterizedTest
    @CsvSource({"x.x.x, 2.2.4", "1.x.x, 1.7.8", "1.6.x, 1.6.8", "1.6.8, 1.6.8", "2.x.x, 2.2.4"})
    void resolvesTheSpecExamples(String pattern, String expected) {
        assertThat(VersionPattern.parse(pattern).resolve(STORED)).contains(SemanticVersion.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.x.x", "1.8.x", "1.6.9"})
    void resolvesToNothingWhenNoneMatches(String pattern) {
        assertThat(VersionPattern.parse(pattern).resolve(STORED)).isEmpty();
    }

    @Test
    void picksTheHighestBuildOfTheHighestVersion() {
        List<BuildVersion> builds = List.of(BuildVersion.parse("1.0.0/1"), BuildVersion.parse("1.0.0/3"),
                BuildVersion.parse("1.0.1/1"), BuildVersion.parse("1.0.1/2"), BuildVersion.parse("2.0.0/1"));
        assertThat(VersionPattern.parse("1.x.x").resolveLatestBuild(builds, b -> b))
                .contains(BuildVersion.parse("1.0.1/2"));
        assertThat(VersionPattern.parse("1.0.0").resolveLatestBuild(builds, b -> b))
                .contains(BuildVersion.parse("1.0.0/3"));
        assertThat(VersionPattern.LATEST.resolveLatestBuild(builds, b -> b))
                .contains(BuildVersion.parse("2.0.0/1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.2.x", "1.x.8", "x.x.1", "x.1.1"})
    void aFixedNodeAfterAnXIsRejected(String value) {
        assertThatThrownBy(() -> VersionPattern.parse(value))
                .isInstanceOfSatisfying(ImageBuilderException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("The value supplied for parameter 'semanticVersion' is not valid. The version " + value
                        + " is not valid. Once a version node is 'x', every node to its right must also be 'x'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X.x.x", "1.*.*", "1.x", "latest"})
    void badSyntaxIsInvalidParameterValue(String value) {
        assertThatThrownBy(() -> VersionPattern.parse(value))
                .hasMessage("The value supplied for parameter 'semanticVersion' is not valid. semanticVersion must "
                        + "match pattern ^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$");
    }

    @Test
    void nodeAboveLimitIsInvalidVersionNumber() {
        assertThatThrownBy(() -> VersionPattern.parse("1073741824.x.x"))
                .isInstanceOfSatisfying(ImageBuilderException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_VERSION_NUMBER));
    }

    @Test
    void describesItself() {
        VersionPattern p = VersionPattern.parse("1.x.x");
        assertThat(p).hasToString("1.x.x");
        assertThat(p.isExact()).isFalse();
        assertThat(p.fixedNodes()).isEqualTo(1);
        assertThat(VersionPattern.parse("1.2.3").exactVersion()).contains(new SemanticVersion(1, 2, 3));
        assertThat(VersionPattern.LATEST).hasToString("x.x.x");
    }
}
