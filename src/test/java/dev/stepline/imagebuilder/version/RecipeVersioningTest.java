package dev.stepline.imagebuilder.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RecipeVersioningTest {
    private static final List<SemanticVersion> EXISTING = List.of(
            SemanticVersion.parse("1.0.0"), SemanticVersion.parse("1.0.1"), SemanticVersion.parse("1.2.5"),
            SemanticVersion.parse("3.1.0"));

    @ParameterizedTest
    @CsvSource({
        "1.0.x, 1.0.2",   // the spec's example
        "1.x.x, 1.3.0",
        "x.x.x, 4.0.0",
        "2.x.x, 2.0.0",   // no version under the prefix: 0
        "1.1.x, 1.1.0",
        "5.5.5, 5.5.5",   // exact stays as is
    })
    void assignsTheNextVersion(String requested, String expected) {
        assertThat(RecipeVersioning.assign(VersionPattern.parse(requested), EXISTING))
                .isEqualTo(SemanticVersion.parse(expected));
    }

    @Test
    void firstRecipeGetsZeroes() {
        assertThat(RecipeVersioning.assign(VersionPattern.LATEST, List.of())).hasToString("0.0.0");
    }

    @Test
    void overflowIsInvalidVersionNumber() {
        List<SemanticVersion> full = List.of(new SemanticVersion(1, 0, SemanticVersion.MAX_NODE));
        assertThatThrownBy(() -> RecipeVersioning.assign(VersionPattern.parse("1.0.x"), full))
                .isInstanceOfSatisfying(ImageBuilderException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ImageBuilderErrorCode.INVALID_VERSION_NUMBER));
    }
}
