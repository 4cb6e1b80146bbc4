package dev.stepline.mwaa.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Pins the YAML reading decisions: PyYAML (YAML 1.1) scalar resolution, as dag-factory on the
 * real service sees the file, plus anchors, merge keys and duplicate-key rejection.
 */
class DagYamlTest {

    private static JsonNode value(String scalar) {
        return DagYaml.read("v: " + scalar + "\n").get("v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"})
    void yaml11TrueWords(String word) {
        assertThat(value(word).isBoolean()).isTrue();
        assertThat(value(word).booleanValue()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"})
    void yaml11FalseWords(String word) {
        assertThat(value(word).isBoolean()).isTrue();
        assertThat(value(word).booleanValue()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "'no'", "\"on\"", "'True'", "y", "n", "Y", "tRue", "yES"})
    void quotedOrNonPyYamlSpellingsStayStrings(String scalar) {
        assertThat(value(scalar).isString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"~", "null", "Null", "NULL", ""})
    void nulls(String scalar) {
        assertThat(value(scalar).isNull()).isTrue();
    }

    @Test
    void integersWithYaml11Forms() {
        assertThat(value("42").intValue()).isEqualTo(42);
        assertThat(value("1_000").intValue()).isEqualTo(1000);
        assertThat(value("0x1F").intValue()).isEqualTo(31);
        assertThat(value("-7").intValue()).isEqualTo(-7);
    }

    @Test
    void floatsNeedADotAsInPyYaml() {
        assertThat(value("1.5").doubleValue()).isEqualTo(1.5);
        assertThat(value("1.0e+3").doubleValue()).isEqualTo(1000.0);
        assertThat(value("1e3").isString()).isTrue();
        assertThat(value(".inf").doubleValue()).isInfinite();
    }

    @Test
    void datesAndSexagesimalStayStrings() {
        assertThat(value("2025-01-01").asString()).isEqualTo("2025-01-01");
        assertThat(value("1:30").asString()).isEqualTo("1:30");
    }

    @Test
    void aliasesAreExpandedAndMergeKeysMerged() {
        JsonNode root = DagYaml.read("""
                base: &base {retries: 2, owner: me}
                copy: *base
                merged:
                  <<: *base
                  retries: 3
                """);
        assertThat(root.get("copy").get("retries").intValue()).isEqualTo(2);
        assertThat(root.get("merged").get("retries").intValue()).isEqualTo(3);
        assertThat(root.get("merged").get("owner").asString()).isEqualTo("me");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> DagYaml.read("a: 1\na: 2\n"))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("Invalid YAML: duplicate key 'a' (line 2, column 1)");
    }

    @Test
    void mergeOverridesWinWhateverTheirPosition() {
        JsonNode root = DagYaml.read("""
                base: &base {retries: 2, owner: me}
                merged:
                  <<: *base
                  owner: you
                """);
        assertThat(root.get("merged").get("owner").asString()).isEqualTo("you");
        assertThat(root.get("merged").get("retries").intValue()).isEqualTo(2);
    }

    @Test
    void mergeAfterExplicitKeysOrOfAListIsRejected() {
        assertThatThrownBy(() -> DagYaml.read("b: &b {x: 1}\nm:\n  y: 2\n  <<: *b\n"))
                .hasMessage("Invalid YAML: a merge key ('<<') must be the first key of its mapping and name one mapping"
                        + " (line 4, column 3)");
        assertThatThrownBy(() -> DagYaml.read("b: &b {x: 1}\nm:\n  <<: [*b]\n"))
                .hasMessageContaining("merge key");
    }

    @Test
    void duplicateKeysInsideNestedMappingsAreRejected() {
        assertThatThrownBy(() -> DagYaml.read("d:\n  tasks:\n    a: {}\n    a: {}\n"))
                .hasMessage("Invalid YAML: duplicate key 'a' (line 4, column 5)");
    }

    @Test
    void quotedMergeKeyFollowsTheSameRule() {
        assertThatThrownBy(() -> DagYaml.read("m:\n  x: 1\n  '<<': 2\n")).hasMessageContaining("merge key");
    }

    @Test
    void syntaxErrorsAreDefinitionErrorsWithAPosition() {
        assertThatThrownBy(() -> DagYaml.read("a: [1\n"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith("Invalid YAML: ")
                .hasMessageContaining("line");
    }
}
