package dev.stepline.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferencePathTest {

    @Test
    void rootIsInputWithNoSteps() {
        ReferencePath path = ReferencePath.parse("$");
        assertThat(path.root()).isEqualTo(PathRoot.INPUT);
        assertThat(path.steps()).isEmpty();
        assertThat(path.isRoot()).isTrue();
    }

    @Test
    void dotFieldsAndIndexes() {
        ReferencePath path = ReferencePath.parse("$.a.b[0].c");
        assertThat(path.steps()).containsExactly(new ReferencePath.Field("a"), new ReferencePath.Field("b"),
                new ReferencePath.Index(0), new ReferencePath.Field("c"));
        assertThat(path.toBracketNotation()).isEqualTo("$['a']['b'][0]['c']");
    }

    @Test
    void quotedFieldsMayHoldAnyCharacter() {
        ReferencePath path = ReferencePath.parse("$['x y'][\"z.w\"]['it\\'s']");
        assertThat(path.steps()).containsExactly(new ReferencePath.Field("x y"), new ReferencePath.Field("z.w"),
                new ReferencePath.Field("it's"));
        assertThat(path.toBracketNotation()).isEqualTo("$['x y']['z.w']['it\\'s']");
    }

    @Test
    void contextPaths() {
        ReferencePath path = ReferencePath.parse("$$.Execution.Id");
        assertThat(path.root()).isEqualTo(PathRoot.CONTEXT);
        assertThat(path.steps()).containsExactly(new ReferencePath.Field("Execution"), new ReferencePath.Field("Id"));
        assertThat(ReferencePath.parse("$$").steps()).isEmpty();
    }

    @Test
    void variablePaths() {
        ReferencePath path = ReferencePath.parse("$order.items[2]");
        assertThat(path.root()).isEqualTo(PathRoot.VARIABLE);
        assertThat(path.variableName()).isEqualTo("order");
        assertThat(path.steps()).containsExactly(new ReferencePath.Field("items"), new ReferencePath.Index(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "$..a", "$.a..b", "$.*", "$[*]", "$.a[*]", "$[?(@.a)]", "$[1:2]", "$[-1]",
        "$.", "$['a'", "$[0", "$.a b", "$[0,1]", "$.a[]"})
    void rejectsAnythingThatIsNotAReferencePath(String text) {
        assertThatThrownBy(() -> ReferencePath.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReferencePath.tryParse(text)).isNull();
    }

    @Test
    void keepsTheTextAsWritten() {
        assertThat(ReferencePath.parse("$.a['b']").text()).isEqualTo("$.a['b']");
        assertThat(ReferencePath.parse("$.a['b']")).hasToString("$.a['b']");
    }

    @Test
    void generalJsonPathsAcceptWhatJaywayAccepts() {
        JsonPathExpression wildcard = JsonPathExpression.parse("$.items[*].id");
        assertThat(wildcard.definite()).isFalse();
        assertThat(wildcard.root()).isEqualTo(PathRoot.INPUT);
        JsonPathExpression context = JsonPathExpression.parse("$$.Map.Item.Value");
        assertThat(context.root()).isEqualTo(PathRoot.CONTEXT);
        assertThat(context.relativePath()).isEqualTo("$.Map.Item.Value");
        assertThat(context.definite()).isTrue();
        JsonPathExpression variable = JsonPathExpression.parse("$x.y");
        assertThat(variable.root()).isEqualTo(PathRoot.VARIABLE);
        assertThat(variable.variableName()).isEqualTo("x");
        assertThat(variable.relativePath()).isEqualTo("$.y");
        assertThat(JsonPathExpression.parse("$..name").definite()).isFalse();
        assertThat(JsonPathExpression.parse("$[?(@.price < 10)]").definite()).isFalse();
    }

    @Test
    void generalJsonPathsRejectGarbage() {
        for (String bad : List.of("a.b", "$.a[", "$[?(", "$.a.", "")) {
            assertThat(JsonPathExpression.tryParse(bad)).as(bad).isNull();
        }
    }
}
