package dev.stepline.sfn.runtime.dataflow;

import static dev.stepline.sfn.runtime.dataflow.Fixtures.assertError;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.IntrinsicCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@link Intrinsics}: the 18 intrinsic functions (spec §6.7) and their limits (spec §7). */
class IntrinsicsTest {
    private static final String INPUT = """
            {"name": "Ada", "n": 3, "f": 2.5, "arr": [1, 2, 3, 4, 5], "obj": {"a": 1, "b": {"c": 2}},
             "other": {"b": 9, "d": 4}, "json": "{\\"x\\":[1,2.0]}", "text": "Data to hash", "flag": false,
             "ts": "2024-06-01T10:00:00Z", "dupes": [1, "1", 1.0, {"k": 1}, {"k": 1}, [1], [1], null, null]}
            """;

    private static JsonNode call(String call) throws StatesError {
        return Intrinsics.call(IntrinsicCall.parse(call), scope(INPUT, Map.of("v", "[\"x\", \"y\"]")));
    }

    private static String text(String call) throws StatesError {
        return Json.compact(call(call));
    }

    private static void fails(String call, String causeStart) {
        StatesError e = assertError(() -> call(call), StatesError.INTRINSIC_FAILURE, null);
        assertThat(e.cause()).startsWith(causeStart);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.Format('Hello, {}!', $.name)|\"Hello, Ada!\"",
        "States.Format('{} {} {} {} {}', $.n, $.f, $.flag, $.obj, null)|\"3 2.5 false {\\\"a\\\":1,\\\"b\\\":{\\\"c\\\":2}} null\"",
        "States.Format('literal \\{\\} and {}', 'x')|\"literal {} and x\"",
        "States.Format('it\\'s {}', $v[0])|\"it's x\"",
        "States.Format('no placeholders')|\"no placeholders\""})
    void format(String call, String expected) throws StatesError {
        assertThat(text(call)).isEqualTo(expected);
    }

    @Test
    void formatWithATemplateFromAPathChecksCountsAtRunTime() {
        fails("States.Format($.name, 1)", "Invalid arguments in States.Format: the template has 0 placeholder(s) but 1");
        fails("States.Format($.n)", "Invalid arguments in States.Format: the template must be a string");
    }

    @Test
    void stringToJsonAndBack() throws StatesError {
        assertThat(text("States.StringToJson($.json)")).isEqualTo("{\"x\":[1,2.0]}");
        assertThat(text("States.StringToJson('3.30')")).isEqualTo("3.30");
        assertThat(call("States.JsonToString($.obj)").stringValue()).isEqualTo("{\"a\":1,\"b\":{\"c\":2}}");
        assertThat(call("States.JsonToString($.f)").stringValue()).isEqualTo("2.5");
        assertThat(text("States.StringToJson(States.JsonToString($.dupes))")).isEqualTo(Json.compact(
                Json.parse(INPUT).get("dupes")));
        fails("States.StringToJson('{not json')", "Invalid arguments in States.StringToJson");
        fails("States.StringToJson($.n)", "Invalid arguments in States.StringToJson: the argument must be a string");
    }

    @Test
    void array() throws StatesError {
        assertThat(text("States.Array()")).isEqualTo("[]");
        assertThat(text("States.Array($.n, 'two', 3.0, true, null, $.obj.b, States.Array(1))"))
                .isEqualTo("[3,\"two\",3.0,true,null,{\"c\":2},[1]]");
    }

    @Test
    void arrayPartition() throws StatesError {
        assertThat(text("States.ArrayPartition($.arr, 2)")).isEqualTo("[[1,2],[3,4],[5]]");
        assertThat(text("States.ArrayPartition($.arr, 5)")).isEqualTo("[[1,2,3,4,5]]");
        assertThat(text("States.ArrayPartition(States.Array(), 3)")).isEqualTo("[]");
        fails("States.ArrayPartition($.arr, 0)", "Invalid arguments in States.ArrayPartition: the chunk size must be");
        fails("States.ArrayPartition($.arr, 1.5)", "Invalid arguments in States.ArrayPartition: the chunk size must be");
        fails("States.ArrayPartition($.obj, 1)", "Invalid arguments in States.ArrayPartition: argument 1 must be an array");
    }

    @Test
    void arrayContainsComparesDeeplyAndNumbersByValue() throws StatesError {
        assertThat(call("States.ArrayContains($.arr, 3)").booleanValue()).isTrue();
        assertThat(call("States.ArrayContains($.arr, 3.0)").booleanValue()).isTrue();
        assertThat(call("States.ArrayContains($.arr, '3')").booleanValue()).isFalse();
        assertThat(call("States.ArrayContains($.dupes, $.obj.b)").booleanValue()).isFalse();
        assertThat(call("States.ArrayContains($.dupes, States.StringToJson('{\"k\":1}'))").booleanValue()).isTrue();
        assertThat(call("States.ArrayContains($.dupes, null)").booleanValue()).isTrue();
        fails("States.ArrayContains($.name, 1)", "Invalid arguments in States.ArrayContains: argument 1 must be an array");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.ArrayRange(1, 9, 2)|[1,3,5,7,9]",
        "States.ArrayRange(1, 10, 2)|[1,3,5,7,9]",
        "States.ArrayRange(10, 0, -5)|[10,5,0]",
        "States.ArrayRange(0, 0, 1)|[0]",
        "States.ArrayRange(5, 1, 1)|[]",
        "States.ArrayRange(1, 1000, 1)|LEN1000"})
    void arrayRange(String call, String expected) throws StatesError {
        JsonNode out = call(call);
        if (expected.startsWith("LEN")) {
            assertThat(out.size()).isEqualTo(1000);
        } else {
            assertThat(Json.compact(out)).isEqualTo(expected);
        }
    }

    @Test
    void arrayRangeLimits() {
        fails("States.ArrayRange(0, 1000, 1)", "Invalid arguments in States.ArrayRange: the range would have more than 1000");
        fails("States.ArrayRange(1, 5, 0)", "Invalid arguments in States.ArrayRange: the step must not be 0");
        fails("States.ArrayRange(1.5, 5, 1)", "Invalid arguments in States.ArrayRange: the start must be an integer");
    }

    @Test
    void arrayGetItem() throws StatesError {
        assertThat(call("States.ArrayGetItem($.arr, 0)").intValue()).isEqualTo(1);
        assertThat(text("States.ArrayGetItem($.dupes, 3)")).isEqualTo("{\"k\":1}");
        assertThat(call("States.ArrayGetItem($v, 1)").stringValue()).isEqualTo("y");
    }

    @Test
    void arrayGetItemOutOfBounds() {
        fails("States.ArrayGetItem($.arr, 5)",
                "Invalid arguments in States.ArrayGetItem: index 5 is out of bounds for an array of length 5");
        fails("States.ArrayGetItem($.arr, -1)", "Invalid arguments in States.ArrayGetItem: index -1 is out of bounds");
    }

    @Test
    void arrayLengthAndUnique() throws StatesError {
        assertThat(call("States.ArrayLength($.arr)").intValue()).isEqualTo(5);
        assertThat(call("States.ArrayLength(States.Array())").intValue()).isZero();
        assertThat(text("States.ArrayUnique($.dupes)")).isEqualTo("[1,\"1\",{\"k\":1},[1],null]");
        assertThat(text("States.ArrayUnique(States.Array(3, 1, 3, 2, 1))")).isEqualTo("[3,1,2]");
        fails("States.ArrayLength($.obj)", "Invalid arguments in States.ArrayLength: argument 1 must be an array, but was object");
    }

    @Test
    void base64() throws StatesError {
        assertThat(call("States.Base64Encode('Data to encode')").stringValue()).isEqualTo("RGF0YSB0byBlbmNvZGU=");
        assertThat(call("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')").stringValue()).isEqualTo("Data to encode");
        assertThat(call("States.Base64Decode(States.Base64Encode('grüße ✓'))").stringValue()).isEqualTo("grüße ✓");
        fails("States.Base64Decode('***')", "Invalid arguments in States.Base64Decode: the argument is not valid Base64");
    }

    @Test
    void base64AndHashInputsAreLimitedTo10000Characters() throws StatesError {
        Scope ok = scope("{\"s\": \"" + "a".repeat(10_000) + "\"}");
        Scope tooLong = scope("{\"s\": \"" + "a".repeat(10_001) + "\"}");
        for (String fn : new String[] {"States.Base64Encode($.s)", "States.Hash($.s, 'MD5')"}) {
            assertThat(Intrinsics.call(IntrinsicCall.parse(fn), ok).isString()).isTrue();
            StatesError e = assertError(() -> Intrinsics.call(IntrinsicCall.parse(fn), tooLong),
                    StatesError.INTRINSIC_FAILURE, null);
            assertThat(e.cause()).endsWith("the input string is longer than 10000 characters");
        }
        String encoded = "a".repeat(10_001);
        assertError(() -> Intrinsics.call(IntrinsicCall.parse("States.Base64Decode($.s)"),
                scope("{\"s\": \"" + encoded + "\"}")), StatesError.INTRINSIC_FAILURE, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"})
    void hashIsLowerCaseHexOfTheUtf8Bytes(String algorithm) throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                .digest("Data to hash".getBytes(StandardCharsets.UTF_8)));
        assertThat(call("States.Hash($.text, '" + algorithm + "')").stringValue()).isEqualTo(expected);
    }

    @Test
    void hashKnownValuesAndErrors() throws StatesError {
        assertThat(call("States.Hash('abc', 'SHA-256')").stringValue())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(call("States.Hash('abc', 'MD5')").stringValue()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(call("States.Hash('abc', 'SHA-512')").stringValue()).hasSize(128);
        assertThat(call("States.Hash('abc', 'SHA-384')").stringValue()).hasSize(96);
        assertThat(call("States.Hash($.obj, 'MD5')").stringValue())
                .isEqualTo(call("States.Hash('{\"a\":1,\"b\":{\"c\":2}}', 'MD5')").stringValue());
        fails("States.Hash('abc', $.name)", "Invalid arguments in States.Hash: the algorithm 'Ada' is not supported");
    }

    @Test
    void jsonMergeIsShallowAndSecondWins() throws StatesError {
        assertThat(text("States.JsonMerge($.obj, $.other, false)")).isEqualTo("{\"a\":1,\"b\":9,\"d\":4}");
        fails("States.JsonMerge($.obj, $.other, $.obj.a)", "Invalid arguments in States.JsonMerge: the third argument must be a boolean");
        fails("States.JsonMerge($.obj, $.arr, false)", "Invalid arguments in States.JsonMerge: argument 2 must be an object");
        fails("States.JsonMerge($.obj, $.other, States.ArrayContains($.arr, 1))",
                "Invalid arguments in States.JsonMerge: only a shallow merge is supported");
    }

    @Test
    void mathRandomStaysInRangeAndIsRepeatableWithASeed() throws StatesError {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int value = call("States.MathRandom(1, 3)").intValue();
            assertThat(value).isBetween(1, 3);
            seen.add(value);
        }
        assertThat(seen).containsExactlyInAnyOrder(1, 2, 3);
        JsonNode seeded = call("States.MathRandom(1, 999, 42)");
        assertThat(seeded.isInt()).isTrue();
        assertThat(call("States.MathRandom(1, 999, 42)")).isEqualTo(seeded);
        assertThat(call("States.MathRandom(4.6, 4.6)").intValue()).isEqualTo(5);
        fails("States.MathRandom(10, 1)", "Invalid arguments in States.MathRandom: the start 10 is greater than the end 1");
        fails("States.MathRandom($.name, 1)", "Invalid arguments in States.MathRandom: the start argument must be a number");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.MathAdd(1, 2)|3",
        "States.MathAdd($.n, -5)|-2",
        "States.MathAdd(1.5, 0)|2",
        "States.MathAdd(-1.5, 0)|-1",
        "States.MathAdd(2.4, $.f)|5",
        "States.MathAdd(2147483647, 1)|2147483648"})
    void mathAddRoundsLikeJava(String call, String expected) throws StatesError {
        assertThat(text(call)).isEqualTo(expected);
    }

    @Test
    void mathAddRejectsNonNumbersAndOutOfRangeValues() {
        fails("States.MathAdd('1', 2)", "Invalid arguments in States.MathAdd: the first argument must be a number");
        fails("States.MathAdd(2147483648, 2)", "Invalid arguments in States.MathAdd: the first argument 2147483648 is outside");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.StringSplit('1,2,3', ',')|[\"1\",\"2\",\"3\"]",
        "States.StringSplit('a.b-c', '.-')|[\"a\",\"b\",\"c\"]",
        "States.StringSplit(',,a,,b,', ',')|[\"a\",\"b\"]",
        "States.StringSplit('abc', ',')|[\"abc\"]",
        "States.StringSplit('', ',')|[]"})
    void stringSplit(String call, String expected) throws StatesError {
        assertThat(text(call)).isEqualTo(expected);
    }

    @Test
    void uuidIsAFreshVersion4Uuid() throws StatesError {
        String first = call("States.UUID()").stringValue();
        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(call("States.UUID()").stringValue()).isNotEqualTo(first);
    }

    @Test
    void nestedCallsAndContextOrVariableArguments() throws StatesError {
        assertThat(call("States.Format('{}.{}', States.ArrayGetItem(States.StringSplit($$.StateMachine.Id, ':'), 6), "
                + "States.ArrayGetItem($v, 1))").stringValue()).isEqualTo("sm.y");
        assertThat(call("States.ArrayLength(States.ArrayPartition(States.ArrayRange(1, 100, 1), 7))").intValue())
                .isEqualTo(15);
    }

    @Test
    void missingPathArgumentOutsideATemplateIsARuntimeError() {
        assertError(() -> call("States.ArrayLength($.nope)"), StatesError.RUNTIME,
                "Invalid path '$.nope' : No results for path: $['nope']");
    }
}
