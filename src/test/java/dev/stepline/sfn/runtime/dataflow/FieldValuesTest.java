package dev.stepline.sfn.runtime.dataflow;

import static dev.stepline.sfn.runtime.dataflow.Fixtures.assertError;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.failState;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.mapState;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.FailState;
import dev.stepline.sfn.asl.MapState;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link StateValues#number}, {@link StateValues#decimal} and {@link StateValues#string}. */
class FieldValuesTest {

    @Test
    void fixedAndPathNumbers() throws StatesError {
        MapState fixed = mapState("\"MaxConcurrency\": 5");
        assertThat(StateValues.number(fixed.maxConcurrency(), scope("{}"), "MaxConcurrency")).isEqualTo(5);
        MapState byPath = mapState("\"MaxConcurrencyPath\": \"$.MaxConcurrencyValue\"");
        assertThat(StateValues.number(byPath.maxConcurrency(), scope("{\"MaxConcurrencyValue\": 3}"), "MaxConcurrency"))
                .isEqualTo(3);
        MapState byVariable = mapState("\"MaxConcurrencyPath\": \"$limit\"");
        assertThat(StateValues.number(byVariable.maxConcurrency(), scope("{}", Map.of("limit", "0")), "MaxConcurrency"))
                .isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|{}",
        "\"3\"|3",
        "1.5|1.5",
        "null|null",
        "[1]|[1]"})
    void pathNumbersThatAreNotIntegers(String value, String shown) {
        MapState state = mapState("\"MaxConcurrencyPath\": \"$.MaxConcurrencyValue\"");
        assertError(() -> StateValues.number(state.maxConcurrency(), scope("{\"MaxConcurrencyValue\": " + value + "}"),
                "MaxConcurrency"), StatesError.RUNTIME, "The MaxConcurrencyPath field refers to value \"" + shown
                + "\" which is not a valid integer: $.MaxConcurrencyValue");
    }

    @Test
    void negativePathNumbers() {
        MapState state = mapState("\"ToleratedFailureCountPath\": \"$.ToleratedFailureCount\"");
        assertError(() -> StateValues.number(state.toleratedFailureCount(), scope("{\"ToleratedFailureCount\": -1}"),
                "ToleratedFailureCount"), StatesError.RUNTIME, "ToleratedFailureCount cannot be negative.");
    }

    @Test
    void missingPathNumbers() {
        MapState state = mapState("\"MaxConcurrencyPath\": \"$.nope\"");
        assertError(() -> StateValues.number(state.maxConcurrency(), scope("{}"), "MaxConcurrency"), StatesError.RUNTIME,
                "Invalid path '$.nope' : No results for path: $['nope']");
    }

    @Test
    void decimalsForPercentages() throws StatesError {
        MapState state = mapState("\"ToleratedFailurePercentagePath\": \"$.p\"");
        assertThat(StateValues.decimal(state.toleratedFailurePercentage(), scope("{\"p\": 12.5}"),
                "ToleratedFailurePercentage")).isEqualByComparingTo(new BigDecimal("12.5"));
        assertError(() -> StateValues.decimal(state.toleratedFailurePercentage(), scope("{\"p\": \"x\"}"),
                "ToleratedFailurePercentage"), StatesError.RUNTIME,
                "The ToleratedFailurePercentagePath field refers to value \"x\" which is not a valid number: $.p");
        assertThat(StateValues.decimal(mapState("\"ToleratedFailurePercentage\": 40").toleratedFailurePercentage(),
                scope("{}"), "ToleratedFailurePercentage")).isEqualByComparingTo("40");
    }

    @Test
    void fixedStrings() throws StatesError {
        FailState fail = failState("\"Error\": \"MyError\", \"Cause\": \"it broke\"");
        assertThat(StateValues.string(fail.error(), scope("{}"), "Error")).isEqualTo("MyError");
        assertThat(StateValues.string(fail.cause(), scope("{}"), "Cause")).isEqualTo("it broke");
    }

    @Test
    void pathStrings() throws StatesError {
        FailState fail = failState("\"ErrorPath\": \"$.Error\", \"CausePath\": \"$$.Execution.Name\"");
        Scope scope = scope("{\"Error\": \"CustomError\"}");
        assertThat(StateValues.string(fail.error(), scope, "Error")).isEqualTo("CustomError");
        assertThat(StateValues.string(fail.cause(), scope, "Cause")).isEqualTo("run-1");
    }

    @Test
    void nonStringPathValuesBecomeTheirJsonText() throws StatesError {
        FailState fail = failState("\"ErrorPath\": \"$.code\", \"CausePath\": \"$.detail\"");
        Scope scope = scope("{\"code\": 42, \"detail\": {\"b\": 1.0, \"a\": [1]}}");
        assertThat(StateValues.string(fail.error(), scope, "Error")).isEqualTo("42");
        assertThat(StateValues.string(fail.cause(), scope, "Cause")).isEqualTo("{\"b\":1.0,\"a\":[1]}");
    }

    @Test
    void intrinsicStrings() throws StatesError {
        FailState fail = failState("\"ErrorPath\": \"States.Format('{}Error', $.kind)\", "
                + "\"CausePath\": \"States.JsonToString($.detail)\"");
        Scope scope = scope("{\"kind\": \"Payment\", \"detail\": {\"amount\": 10.50}}");
        assertThat(StateValues.string(fail.error(), scope, "Error")).isEqualTo("PaymentError");
        assertThat(StateValues.string(fail.cause(), scope, "Cause")).isEqualTo("{\"amount\":10.50}");
    }

    @Test
    void missingErrorPath() {
        FailState fail = failState("\"ErrorPath\": \"$.ErrorX\", \"CausePath\": \"$.Cause\"");
        Scope scope = scope("{\"Error\": \"E\", \"Cause\": \"C\"}");
        assertError(() -> StateValues.string(fail.error(), scope, "Error"), StatesError.RUNTIME,
                "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input "
                        + "'{\"Error\":\"E\",\"Cause\":\"C\"}'");
    }

    @Test
    void missingPathInsideAnErrorPathIntrinsic() {
        FailState fail = failState("\"ErrorPath\": \"States.Format('{}', $.nope)\"");
        assertError(() -> StateValues.string(fail.error(), scope("{}"), "Error"), StatesError.RUNTIME,
                "The JSONPath '$.nope' specified for the field 'ErrorPath' could not be found in the input '{}'");
    }
}
