package dev.stepline.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicCallTest {

    @Test
    void parsesEveryArgumentKind() {
        IntrinsicCall call = IntrinsicCall.parse(
                "States.Array('a\\'b', 1.50, -2, true, false, null, $.x, $$.Execution.Id, $var, States.UUID())");
        assertThat(call.function()).isEqualTo(IntrinsicFunction.ARRAY);
        assertThat(call.arguments()).hasSize(10);
        assertThat(call.arguments().get(0)).isEqualTo(new IntrinsicCall.StringArg("a'b", "a\\'b"));
        assertThat(call.arguments().get(1)).isEqualTo(new IntrinsicCall.NumberArg(new BigDecimal("1.50")));
        assertThat(call.arguments().get(2)).isEqualTo(new IntrinsicCall.NumberArg(new BigDecimal("-2")));
        assertThat(call.arguments().get(3)).isEqualTo(new IntrinsicCall.BooleanArg(true));
        assertThat(call.arguments().get(4)).isEqualTo(new IntrinsicCall.BooleanArg(false));
        assertThat(call.arguments().get(5)).isEqualTo(new IntrinsicCall.NullArg());
        assertThat(((IntrinsicCall.PathArg) call.arguments().get(6)).path().text()).isEqualTo("$.x");
        assertThat(((IntrinsicCall.PathArg) call.arguments().get(7)).path().root()).isEqualTo(PathRoot.CONTEXT);
        assertThat(((IntrinsicCall.PathArg) call.arguments().get(8)).path().variableName()).isEqualTo("var");
        assertThat(((IntrinsicCall.CallArg) call.arguments().get(9)).call().function()).isEqualTo(IntrinsicFunction.UUID);
    }

    @Test
    void formatKeepsTheRawTemplateAndCountsPlaceholders() {
        IntrinsicCall call = IntrinsicCall.parse("States.Format('Hello {} \\{\\} {}', $.first, $.last)");
        IntrinsicCall.StringArg template = (IntrinsicCall.StringArg) call.arguments().get(0);
        assertThat(template.value()).isEqualTo("Hello {} {} {}");
        assertThat(template.raw()).isEqualTo("Hello {} \\{\\} {}");
        assertThatThrownBy(() -> IntrinsicCall.parse("States.Format('{} {}', $.a)"))
                .hasMessageContaining("2 placeholder(s) but 1 value(s)");
    }

    @Test
    void pathArgumentsMayContainBracketsCommasAndParentheses() {
        IntrinsicCall call = IntrinsicCall.parse("States.ArrayGetItem($.a['x,y'][0], $.i)");
        assertThat(((IntrinsicCall.PathArg) call.arguments().get(0)).path().text()).isEqualTo("$.a['x,y'][0]");
        IntrinsicCall filter = IntrinsicCall.parse("States.ArrayLength($.items[?(@.a == 1)])");
        assertThat(((IntrinsicCall.PathArg) filter.arguments().get(0)).path().text()).isEqualTo("$.items[?(@.a == 1)]");
    }

    @Test
    void nestedCallsAndWhitespace() {
        IntrinsicCall call = IntrinsicCall.parse(
                "States.JsonToString( States.StringToJson( States.Format('{}', $.a) ) )");
        assertThat(call.function()).isEqualTo(IntrinsicFunction.JSON_TO_STRING);
        IntrinsicCall inner = ((IntrinsicCall.CallArg) call.arguments().get(0)).call();
        assertThat(inner.function()).isEqualTo(IntrinsicFunction.STRING_TO_JSON);
        assertThat(inner.text()).isEqualTo("States.StringToJson( States.Format('{}', $.a) )");
    }

    @Test
    void knowsAllEighteenFunctions() {
        assertThat(IntrinsicFunction.values()).hasSize(18);
        String[] calls = {
            "States.Format('x')", "States.StringToJson($.s)", "States.JsonToString($.o)", "States.Array()",
            "States.ArrayPartition($.a, 2)", "States.ArrayContains($.a, 1)", "States.ArrayRange(1, 9, 2)",
            "States.ArrayGetItem($.a, 0)", "States.ArrayLength($.a)", "States.ArrayUnique($.a)",
            "States.Base64Encode($.s)", "States.Base64Decode($.s)", "States.Hash($.s, 'SHA-256')",
            "States.JsonMerge($.a, $.b, false)", "States.MathRandom(1, 10)", "States.MathRandom(1, 10, 7)",
            "States.MathAdd(1, -1)", "States.StringSplit($.s, ',')", "States.UUID()"};
        for (String text : calls) {
            assertThat(IntrinsicCall.parse(text).text()).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Nope()", "States.UUID(1)", "States.ArrayRange(1, 2)", "States.MathRandom(1)", "States.MathRandom(1,2,3,4)",
        "States.Format()", "States.Format('{}')", "States.JsonMerge($.a, $.b, true)", "States.Hash($.s, 'SHA-999')",
        "States.UUID", "States.UUID() x", "States.Array('unterminated)", "States.Array(foo)", "States.Array(1,)",
        "States.ArrayLength($.a[)", "States.Array(1 2)"})
    void rejectsInvalidCalls(String text) {
        assertThatThrownBy(() -> IntrinsicCall.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nestingIsLimitedToTen() {
        String ten = "States.Array(".repeat(10) + ")".repeat(10);
        assertThat(IntrinsicCall.parse(ten).function()).isEqualTo(IntrinsicFunction.ARRAY);
        String eleven = "States.Array(".repeat(11) + ")".repeat(11);
        assertThatThrownBy(() -> IntrinsicCall.parse(eleven)).hasMessageContaining("nested at most 10");
    }

    @Test
    void stringReturningFunctions() {
        assertThat(IntrinsicFunction.FORMAT.returnsString()).isTrue();
        assertThat(IntrinsicFunction.UUID.returnsString()).isTrue();
        assertThat(IntrinsicFunction.ARRAY.returnsString()).isFalse();
        assertThat(IntrinsicFunction.MATH_ADD.returnsString()).isFalse();
    }
}
