package dev.stepline.sfn.runtime.dataflow;

import static dev.stepline.sfn.runtime.dataflow.Fixtures.assertError;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.json;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.JsonPathExpression;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link DataFlow#select}: InputPath/OutputPath/ItemsPath semantics (spec §6.3 steps 2 and 8). */
class SelectTest {
    private static final String INPUT = """
            {"b": 1.0, "a": 1, "price": 3.30, "big": 12345678901234567890, "nested": {"z": 2, "y": [1, 2.50]},
             "items": [{"id": 1, "tag": "x"}, {"id": 2}, {"id": 3, "tag": "y"}], "nothing": null}
            """;

    private static JsonNode select(String path, Scope scope) throws StatesError {
        return DataFlow.select(JsonPathExpression.parse(path), scope, "InputPath");
    }

    @Test
    void rootSelectsEverythingKeepingKeyOrderAndNumberForms() throws StatesError {
        JsonNode out = select("$", scope(INPUT));
        assertThat(Json.compact(out)).isEqualTo(
                "{\"b\":1.0,\"a\":1,\"price\":3.30,\"big\":12345678901234567890,\"nested\":{\"z\":2,\"y\":[1,2.50]},"
                        + "\"items\":[{\"id\":1,\"tag\":\"x\"},{\"id\":2},{\"id\":3,\"tag\":\"y\"}],\"nothing\":null}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$.a|1",
        "$.b|1.0",
        "$.price|3.30",
        "$.big|12345678901234567890",
        "$.nested|{\"z\":2,\"y\":[1,2.50]}",
        "$.nested.y[1]|2.50",
        "$['nested']['z']|2",
        "$.nothing|null",
        "$.items[0].tag|\"x\""})
    void definitePathsSelectOneNode(String path, String expected) throws StatesError {
        assertThat(Json.compact(select(path, scope(INPUT)))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$.items[*].id|[1,2,3]",
        "$.items[?(@.tag)].id|[1,3]",
        "$..tag|[\"x\",\"y\"]",
        "$.items[1:].id|[2,3]",
        "$.items[*].missing|[]",
        "$.items[?(@.id > 5)]|[]",
        "$..nope|[]"})
    void indefinitePathsReturnArraysEvenWhenNothingMatches(String path, String expected) throws StatesError {
        assertThat(Json.compact(select(path, scope(INPUT)))).isEqualTo(expected);
    }

    @Test
    void nullPathSelectsAnEmptyObject() throws StatesError {
        assertThat(DataFlow.select(null, scope(INPUT), "InputPath")).isEqualTo(json("{}"));
    }

    @Test
    void missingDefinitePathIsARuntimeErrorWithJaywaysText() {
        assertError(() -> select("$.NoSuchInputPath", scope(INPUT)), StatesError.RUNTIME,
                "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
        assertError(() -> select("$.no.such.result.path", scope(INPUT)), StatesError.RUNTIME,
                "Invalid path '$.no.such.result.path' : Missing property in path $['no']");
    }

    @Test
    void contextObjectPaths() throws StatesError {
        Scope scope = scope(INPUT);
        assertThat(select("$$.Execution.Name", scope).stringValue()).isEqualTo("run-1");
        assertThat(select("$$", scope)).isEqualTo(scope.context());
        assertThat(select("$$.Execution.Input.a", scope).intValue()).isEqualTo(1);
        assertError(() -> select("$$.Task.Token", scope), StatesError.RUNTIME,
                "Invalid path '$$.Task.Token' : Missing property in path $['Task']");
    }

    @Test
    void variablePaths() throws StatesError {
        Scope scope = scope(INPUT, Map.of("order", "{\"items\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}]}", "n", "42"));
        assertThat(select("$n", scope).intValue()).isEqualTo(42);
        assertThat(select("$order.items[1].sku", scope).stringValue()).isEqualTo("B");
        assertThat(Json.compact(select("$order.items[*].sku", scope))).isEqualTo("[\"A\",\"B\"]");
        StatesError e = assertError(() -> select("$missing.x", scope), StatesError.RUNTIME, null);
        assertThat(e.cause()).contains("'missing'").contains("not defined");
    }

    @Test
    void selectionIsACopy() throws StatesError {
        Scope scope = scope(INPUT);
        ((ObjectNode) select("$.nested", scope)).put("z", 99);
        ((ObjectNode) select("$", scope)).removeAll();
        assertThat(scope.input().get("nested").get("z").intValue()).isEqualTo(2);
        assertThat(scope.input().size()).isEqualTo(7);
    }

    @Test
    void nonObjectInputsCanBeSelectedWhole() throws StatesError {
        assertThat(select("$", scope("\"text\"")).stringValue()).isEqualTo("text");
        assertThat(select("$[1]", scope("[10, 20]")).intValue()).isEqualTo(20);
        assertThat(Json.compact(select("$.length()", scope("[10, 20, 30]")))).isEqualTo("3");
    }

    @Test
    void pathsThroughNonObjectsUseJaywaysTextWithTheClassNamesAwsShows() {
        assertError(() -> select("$.a.x", scope(INPUT)), StatesError.RUNTIME,
                "Invalid path '$.a.x' : Expected to find an object with property ['x'] in path $['a'] but found "
                        + "'com.fasterxml.jackson.databind.node.IntNode'. This is not a json object according to the "
                        + "JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.");
        StatesError e = assertError(() -> select("$.items[*].tag.sum()", scope(INPUT)), StatesError.RUNTIME, null);
        assertThat(e.cause()).startsWith("Invalid path '$.items[*].tag.sum()' : ");
    }
}
