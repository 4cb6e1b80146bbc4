package dev.stepline.sfn.runtime.dataflow;

import static dev.stepline.sfn.runtime.dataflow.Fixtures.assertError;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.rule;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.ChoiceRule;
import dev.stepline.sfn.asl.JsonataExpression;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link StateValues#matches}: JSONPath Choice rules (spec §6.8). */
class ChoiceTest {
    private static final String INPUT = """
            {"s": "beta", "n": 10, "zero": 0, "d": 10.0, "neg": -2.5, "t": true, "f": false, "nil": null,
             "ts": "2024-06-01T10:00:00Z", "tsOffset": "2024-06-01T12:00:00+02:00", "tsFrac": "2024-06-01T10:00:00.500Z",
             "badTs": "2024-06-01 10:00:00Z", "lowerTs": "2024-06-01t10:00:00z", "noZone": "2024-06-01T10:00:00",
             "file": "log-2024.txt", "star": "a*b", "slash": "a\\\\b", "emoji": "\\uD83D\\uDE00", "private": "\\uE000",
             "other": {"s": "beta", "n": 10.00, "t": true, "ts": "2024-06-01T10:00:00.000Z", "lo": "alpha"},
             "arr": [1, 2], "obj": {}}
            """;

    private static boolean matches(String ruleJson) throws StatesError {
        return StateValues.matches(rule(ruleJson), scope(INPUT, Map.of("limit", "10", "who", "\"beta\"")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.s\", \"StringEquals\": \"beta\"}|true",
        "{\"Variable\": \"$.s\", \"StringEquals\": \"Beta\"}|false",
        "{\"Variable\": \"$.s\", \"StringLessThan\": \"gamma\"}|true",
        "{\"Variable\": \"$.s\", \"StringLessThan\": \"beta\"}|false",
        "{\"Variable\": \"$.s\", \"StringLessThanEquals\": \"beta\"}|true",
        "{\"Variable\": \"$.s\", \"StringGreaterThan\": \"alpha\"}|true",
        "{\"Variable\": \"$.s\", \"StringGreaterThanEquals\": \"betb\"}|false",
        "{\"Variable\": \"$.n\", \"StringEquals\": \"10\"}|false",
        "{\"Variable\": \"$.emoji\", \"StringGreaterThan\": \"\\uE000\"}|true",
        "{\"Variable\": \"$.s\", \"StringEqualsPath\": \"$.other.s\"}|true",
        "{\"Variable\": \"$.s\", \"StringEqualsPath\": \"$who\"}|true",
        "{\"Variable\": \"$.s\", \"StringGreaterThanPath\": \"$.other.lo\"}|true",
        "{\"Variable\": \"$.s\", \"StringLessThanEqualsPath\": \"$.other.lo\"}|false",
        "{\"Variable\": \"$.s\", \"StringGreaterThanEqualsPath\": \"$.n\"}|false"})
    void stringComparators(String rule, boolean expected) throws StatesError {
        assertThat(matches(rule)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.file\", \"StringMatches\": \"log-*.txt\"}|true",
        "{\"Variable\": \"$.file\", \"StringMatches\": \"*\"}|true",
        "{\"Variable\": \"$.file\", \"StringMatches\": \"log-*\"}|true",
        "{\"Variable\": \"$.file\", \"StringMatches\": \"*.txt\"}|true",
        "{\"Variable\": \"$.file\", \"StringMatches\": \"*2024*\"}|true",
        "{\"Variable\": \"$.file\", \"StringMatches\": \"log-*.csv\"}|false",
        "{\"Variable\": \"$.file\", \"StringMatches\": \"log-2024.txt\"}|true",
        "{\"Variable\": \"$.file\", \"StringMatches\": \"log\"}|false",
        "{\"Variable\": \"$.star\", \"StringMatches\": \"a\\\\*b\"}|true",
        "{\"Variable\": \"$.file\", \"StringMatches\": \"log\\\\*\"}|false",
        "{\"Variable\": \"$.slash\", \"StringMatches\": \"a\\\\\\\\b\"}|true",
        "{\"Variable\": \"$.slash\", \"StringMatches\": \"a*b\"}|true",
        "{\"Variable\": \"$.n\", \"StringMatches\": \"*\"}|false"})
    void stringMatchesWithWildcardsAndEscapes(String rule, boolean expected) throws StatesError {
        assertThat(matches(rule)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.n\", \"NumericEquals\": 10}|true",
        "{\"Variable\": \"$.d\", \"NumericEquals\": 10}|true",
        "{\"Variable\": \"$.zero\", \"NumericEquals\": 0.0}|true",
        "{\"Variable\": \"$.n\", \"NumericLessThan\": 10.5}|true",
        "{\"Variable\": \"$.n\", \"NumericLessThan\": 10}|false",
        "{\"Variable\": \"$.neg\", \"NumericLessThanEquals\": -2.5}|true",
        "{\"Variable\": \"$.n\", \"NumericGreaterThan\": 9.99}|true",
        "{\"Variable\": \"$.n\", \"NumericGreaterThanEquals\": 11}|false",
        "{\"Variable\": \"$.s\", \"NumericEquals\": 10}|false",
        "{\"Variable\": \"$.nil\", \"NumericLessThan\": 10}|false",
        "{\"Variable\": \"$.n\", \"NumericEqualsPath\": \"$.other.n\"}|true",
        "{\"Variable\": \"$.n\", \"NumericEqualsPath\": \"$limit\"}|true",
        "{\"Variable\": \"$.neg\", \"NumericLessThanPath\": \"$.n\"}|true",
        "{\"Variable\": \"$.n\", \"NumericGreaterThanPath\": \"$.neg\"}|true",
        "{\"Variable\": \"$.n\", \"NumericLessThanEqualsPath\": \"$.d\"}|true",
        "{\"Variable\": \"$.n\", \"NumericGreaterThanEqualsPath\": \"$.s\"}|false"})
    void numericComparatorsCompareByValue(String rule, boolean expected) throws StatesError {
        assertThat(matches(rule)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.t\", \"BooleanEquals\": true}|true",
        "{\"Variable\": \"$.f\", \"BooleanEquals\": true}|false",
        "{\"Variable\": \"$.s\", \"BooleanEquals\": true}|false",
        "{\"Variable\": \"$.t\", \"BooleanEqualsPath\": \"$.other.t\"}|true",
        "{\"Variable\": \"$.f\", \"BooleanEqualsPath\": \"$.other.t\"}|false"})
    void booleanComparators(String rule, boolean expected) throws StatesError {
        assertThat(matches(rule)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.ts\", \"TimestampEquals\": \"2024-06-01T10:00:00Z\"}|true",
        "{\"Variable\": \"$.tsOffset\", \"TimestampEquals\": \"2024-06-01T10:00:00Z\"}|true",
        "{\"Variable\": \"$.ts\", \"TimestampLessThan\": \"2024-06-01T10:00:00.001Z\"}|true",
        "{\"Variable\": \"$.tsFrac\", \"TimestampGreaterThan\": \"2024-06-01T10:00:00Z\"}|true",
        "{\"Variable\": \"$.ts\", \"TimestampLessThanEquals\": \"2024-06-01T10:00:00+00:00\"}|true",
        "{\"Variable\": \"$.ts\", \"TimestampGreaterThanEquals\": \"2025-01-01T00:00:00Z\"}|false",
        "{\"Variable\": \"$.badTs\", \"TimestampLessThan\": \"2025-01-01T00:00:00Z\"}|false",
        "{\"Variable\": \"$.lowerTs\", \"TimestampLessThan\": \"2025-01-01T00:00:00Z\"}|false",
        "{\"Variable\": \"$.noZone\", \"TimestampLessThan\": \"2025-01-01T00:00:00Z\"}|false",
        "{\"Variable\": \"$.n\", \"TimestampLessThan\": \"2025-01-01T00:00:00Z\"}|false",
        "{\"Variable\": \"$.ts\", \"TimestampEqualsPath\": \"$.other.ts\"}|true",
        "{\"Variable\": \"$.ts\", \"TimestampLessThanPath\": \"$.tsFrac\"}|true",
        "{\"Variable\": \"$.ts\", \"TimestampGreaterThanPath\": \"$.tsFrac\"}|false",
        "{\"Variable\": \"$.ts\", \"TimestampLessThanEqualsPath\": \"$.badTs\"}|false",
        "{\"Variable\": \"$.tsFrac\", \"TimestampGreaterThanEqualsPath\": \"$.tsOffset\"}|true"})
    void timestampComparators(String rule, boolean expected) throws StatesError {
        assertThat(matches(rule)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.nil\", \"IsNull\": true}|true",
        "{\"Variable\": \"$.n\", \"IsNull\": true}|false",
        "{\"Variable\": \"$.n\", \"IsNull\": false}|true",
        "{\"Variable\": \"$.s\", \"IsPresent\": true}|true",
        "{\"Variable\": \"$.nil\", \"IsPresent\": true}|true",
        "{\"Variable\": \"$.absent\", \"IsPresent\": true}|false",
        "{\"Variable\": \"$.absent\", \"IsPresent\": false}|true",
        "{\"Variable\": \"$.other.absent.deeper\", \"IsPresent\": false}|true",
        "{\"Variable\": \"$.arr[5]\", \"IsPresent\": true}|false",
        "{\"Variable\": \"$.arr[1]\", \"IsPresent\": true}|true",
        "{\"Variable\": \"$undefinedVar\", \"IsPresent\": true}|false",
        "{\"Variable\": \"$.d\", \"IsNumeric\": true}|true",
        "{\"Variable\": \"$.s\", \"IsNumeric\": true}|false",
        "{\"Variable\": \"$.s\", \"IsString\": true}|true",
        "{\"Variable\": \"$.nil\", \"IsString\": false}|true",
        "{\"Variable\": \"$.f\", \"IsBoolean\": true}|true",
        "{\"Variable\": \"$.obj\", \"IsBoolean\": true}|false",
        "{\"Variable\": \"$.ts\", \"IsTimestamp\": true}|true",
        "{\"Variable\": \"$.tsOffset\", \"IsTimestamp\": true}|true",
        "{\"Variable\": \"$.badTs\", \"IsTimestamp\": true}|false",
        "{\"Variable\": \"$.noZone\", \"IsTimestamp\": false}|true"})
    void typeTests(String rule, boolean expected) throws StatesError {
        assertThat(matches(rule)).isEqualTo(expected);
    }

    @Test
    void booleanCombinators() throws StatesError {
        assertThat(matches("""
                {"And": [{"Variable": "$.n", "NumericGreaterThan": 1}, {"Not": {"Variable": "$.s", "StringEquals": "x"}}]}
                """)).isTrue();
        assertThat(matches("""
                {"And": [{"Variable": "$.n", "NumericGreaterThan": 1}, {"Variable": "$.s", "StringEquals": "x"}]}
                """)).isFalse();
        assertThat(matches("""
                {"Or": [{"Variable": "$.s", "StringEquals": "x"}, {"Variable": "$.t", "BooleanEquals": true}]}
                """)).isTrue();
        assertThat(matches("""
                {"Or": [{"Variable": "$.s", "StringEquals": "x"}, {"Not": {"Variable": "$.t", "BooleanEquals": true}}]}
                """)).isFalse();
    }

    @Test
    void orStopsAtTheFirstMatchSoLaterMissingVariablesDoNotFail() throws StatesError {
        assertThat(matches("""
                {"Or": [{"Variable": "$.t", "BooleanEquals": true}, {"Variable": "$.absent", "BooleanEquals": true}]}
                """)).isTrue();
    }

    @Test
    void contextObjectVariables() throws StatesError {
        assertThat(matches("{\"Variable\": \"$$.State.RetryCount\", \"NumericEquals\": 0}")).isTrue();
        assertThat(matches("{\"Variable\": \"$$.Execution.Name\", \"StringMatches\": \"run-*\"}")).isTrue();
    }

    @Test
    void missingVariableIsARuntimeError() {
        assertError(() -> matches("{\"Variable\": \"$.absent\", \"StringEquals\": \"x\"}"), StatesError.RUNTIME,
                "Invalid path '$.absent': The choice state's condition path references an invalid value.");
        assertError(() -> matches("{\"Variable\": \"$.absent\", \"IsNull\": true}"), StatesError.RUNTIME,
                "Invalid path '$.absent': The choice state's condition path references an invalid value.");
        assertError(() -> matches("{\"Variable\": \"$.n\", \"NumericEqualsPath\": \"$.absent\"}"), StatesError.RUNTIME,
                "Invalid path '$.absent': The choice state's condition path references an invalid value.");
        StatesError e = assertError(() -> matches("{\"Variable\": \"$nope\", \"NumericEquals\": 1}"),
                StatesError.RUNTIME, null);
        assertThat(e.cause()).contains("'nope'").contains("not defined");
    }

    @Test
    void jsonataConditionsNeedAJsonataScope() {
        ChoiceRule rule = new ChoiceRule.JsonataCondition(JsonataExpression.of("{% true %}"), null);
        assertError(() -> StateValues.matches(rule, scope("{}")), StatesError.RUNTIME, "A JSONata expression cannot be evaluated in a JSONPath field.");
    }

    @Test
    void codePointOrderDiffersFromUtf16Order() {
        // U+1F600 is encoded with surrogates (0xD83D...), which sort below U+E000 as UTF-16 units.
        assertThat("\uD83D\uDE00".compareTo("\uE000")).isNegative();
        assertThat(Choices.compareCodePoints("\uD83D\uDE00", "\uE000")).isPositive();
        assertThat(Choices.compareCodePoints("ab", "abc")).isNegative();
        assertThat(Choices.compareCodePoints("abc", "abc")).isZero();
    }
}
