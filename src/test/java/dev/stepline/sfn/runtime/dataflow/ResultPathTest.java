package dev.stepline.sfn.runtime.dataflow;

import static dev.stepline.sfn.runtime.dataflow.Fixtures.assertError;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.ReferencePath;
import dev.stepline.sfn.asl.PassState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link DataFlow#placeResult}: ResultPath (spec §6.3 step 7). */
class ResultPathTest {
    private static final String INPUT = "{\"a\": 1, \"b\": {\"c\": 2.0}, \"list\": [1, {\"x\": 1}], \"s\": \"text\"}";

    private static String place(String path, String input, String result) throws StatesError {
        return Json.compact(DataFlow.placeResult(ReferencePath.parse(path), json(input), json(result)));
    }

    @Test
    void nullPathDiscardsTheResult() throws StatesError {
        JsonNode input = json(INPUT);
        JsonNode out = DataFlow.placeResult(null, input, json("{\"r\": 1}"));
        assertThat(out).isEqualTo(input);
        assertThat(out).isNotSameAs(input);
    }

    @Test
    void rootPathReplacesTheInput() throws StatesError {
        assertThat(place("$", INPUT, "[1, 2.50]")).isEqualTo("[1,2.50]");
        assertThat(place("$", INPUT, "\"str\"")).isEqualTo("\"str\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$.r|{\"a\":1,\"b\":{\"c\":2.0},\"list\":[1,{\"x\":1}],\"s\":\"text\",\"r\":{\"v\":1.0}}",
        "$.a|{\"a\":{\"v\":1.0},\"b\":{\"c\":2.0},\"list\":[1,{\"x\":1}],\"s\":\"text\"}",
        "$.b.c|{\"a\":1,\"b\":{\"c\":{\"v\":1.0}},\"list\":[1,{\"x\":1}],\"s\":\"text\"}",
        "$.new.deeper.leaf|{\"a\":1,\"b\":{\"c\":2.0},\"list\":[1,{\"x\":1}],\"s\":\"text\",\"new\":{\"deeper\":{\"leaf\":{\"v\":1.0}}}}",
        "$['b']['d']|{\"a\":1,\"b\":{\"c\":2.0,\"d\":{\"v\":1.0}},\"list\":[1,{\"x\":1}],\"s\":\"text\"}",
        "$.list[0]|{\"a\":1,\"b\":{\"c\":2.0},\"list\":[{\"v\":1.0},{\"x\":1}],\"s\":\"text\"}",
        "$.list[1].y|{\"a\":1,\"b\":{\"c\":2.0},\"list\":[1,{\"x\":1,\"y\":{\"v\":1.0}}],\"s\":\"text\"}"})
    void placesTheResultCreatingIntermediateObjectsAndKeepingOrder(String path, String expected) throws StatesError {
        assertThat(place(path, INPUT, "{\"v\": 1.0}")).isEqualTo(expected);
    }

    @Test
    void theInputAndResultAreNotMutated() throws StatesError {
        JsonNode input = json(INPUT);
        JsonNode result = json("{\"v\": 1}");
        JsonNode out = DataFlow.placeResult(ReferencePath.parse("$.b.r"), input, result);
        ((ObjectNode) out.get("b").get("r")).put("v", 2);
        assertThat(Json.compact(input)).isEqualTo(Json.compact(json(INPUT)));
        assertThat(result.get("v").intValue()).isEqualTo(1);
    }

    @Test
    void cannotPlaceIntoANonObject() {
        assertError(() -> place("$.r", "\"just a string\"", "1"), StatesError.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath $.r to input \"just a string\"");
        assertError(() -> place("$.s.inner", INPUT, "1"), StatesError.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath $.s.inner to input " + Json.compact(json(INPUT)));
        assertError(() -> place("$.a.b", "{\"a\": null}", "1"), StatesError.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath $.a.b to input {\"a\":null}");
    }

    @Test
    void arrayStepsMustExist() {
        assertError(() -> place("$.list[5]", INPUT, "1"), StatesError.RESULT_PATH_MATCH_FAILURE, null);
        assertError(() -> place("$.missing[0]", INPUT, "1"), StatesError.RESULT_PATH_MATCH_FAILURE, null);
        assertError(() -> place("$.b[0]", INPUT, "1"), StatesError.RESULT_PATH_MATCH_FAILURE, null);
    }

    @Test
    void worksWithParsedStateResultPaths() throws StatesError {
        PassState pass = Fixtures.pass("{\"Type\": \"Pass\", \"Result\": 7, \"ResultPath\": \"$.out\", \"End\": true}");
        assertThat(Json.compact(DataFlow.placeResult(pass.resultPath(), json("{}"), pass.result())))
                .isEqualTo("{\"out\":7}");
    }
}
