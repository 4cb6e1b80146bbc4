package dev.stepline.sfn.runtime.dataflow;

import static dev.stepline.sfn.runtime.dataflow.Fixtures.assertError;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.json;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.parameters;
import static dev.stepline.sfn.runtime.dataflow.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.asl.JsonataExpression;
import dev.stepline.sfn.asl.PassState;
import dev.stepline.sfn.asl.Payload;
import dev.stepline.sfn.asl.PayloadTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link DataFlow#template}: Parameters/ItemSelector/ResultSelector/Assign (spec §6.3 step 3). */
class TemplateTest {

    private static String eval(String template, Scope scope) throws StatesError {
        return Json.compact(DataFlow.template(parameters(template), scope));
    }

    @Test
    void buildsObjectsInTemplateOrderWithPathsLiteralsAndNesting() throws StatesError {
        String out = eval("""
                {"z": "literal", "first.$": "$.vals[0]", "last3.$": "$.vals[3:]", "flagged": true,
                 "nested": {"n": 1.50, "ctx.$": "$$.Execution.Name", "list": [1, {"v.$": "$.vals[1]"}, "x"]},
                 "m.$": "$.meta"}
                """, scope("{\"meta\": {\"b\": 2, \"a\": 1.0}, \"vals\": [0, 10, 20, 30, 40, 50]}"));
        assertThat(out).isEqualTo("{\"z\":\"literal\",\"first\":0,\"last3\":[30,40,50],\"flagged\":true,"
                + "\"nested\":{\"n\":1.50,\"ctx\":\"run-1\",\"list\":[1,{\"v\":10},\"x\"]},\"m\":{\"b\":2,\"a\":1.0}}");
    }

    @Test
    void stringsThatLookLikePathsStayLiteralWithoutTheDollarSuffix() throws StatesError {
        assertThat(eval("{\"p\": \"$.a\", \"c\": \"$$.Execution.Id\", \"f\": \"States.UUID()\"}", scope("{\"a\": 1}")))
                .isEqualTo("{\"p\":\"$.a\",\"c\":\"$$.Execution.Id\",\"f\":\"States.UUID()\"}");
    }

    @Test
    void variablesAndIntrinsicsAsValues() throws StatesError {
        Scope scope = scope("{\"name\": \"Ada\"}", Map.of("greeting", "\"Hello\"", "count", "3"));
        assertThat(eval("{\"msg.$\": \"States.Format('{}, {}!', $greeting, $.name)\", \"n.$\": \"$count\"}", scope))
                .isEqualTo("{\"msg\":\"Hello, Ada!\",\"n\":3}");
    }

    @Test
    void missingDefinitePathNamesTheFieldAndShowsTheInput() {
        assertError(() -> eval("{\"value.$\": \"$.x\"}", scope("{\"a\": 1, \"b\": [1.0]}")), StatesError.RUNTIME,
                "The JSONPath '$.x' specified for the field 'value.$' could not be found in the input "
                        + "'{\"a\":1,\"b\":[1.0]}'");
        assertError(() -> eval("{\"outer\": {\"deep.$\": \"$.a.b.c\"}}", scope("{\"a\": {}}")), StatesError.RUNTIME,
                "The JSONPath '$.a.b.c' specified for the field 'deep.$' could not be found in the input "
                        + "'{\"a\":{}}'");
    }

    @Test
    void missingPathInsideAnIntrinsicArgumentUsesTheSameText() {
        assertError(() -> eval("{\"len.$\": \"States.ArrayLength($.nope)\"}", scope("{}")), StatesError.RUNTIME,
                "The JSONPath '$.nope' specified for the field 'len.$' could not be found in the input '{}'");
    }

    @Test
    void indefinitePathsMatchingNothingGiveEmptyArrays() throws StatesError {
        assertThat(eval("{\"ids.$\": \"$.items[*].id\", \"f.$\": \"$.items[?(@.x == 1)]\"}", scope("{\"items\": []}")))
                .isEqualTo("{\"ids\":[],\"f\":[]}");
    }

    @Test
    void outputIsIndependentOfTemplateAndInput() throws StatesError {
        Payload payload = parameters("{\"lit\": {\"k\": [1]}, \"sel.$\": \"$.obj\"}");
        Scope scope = scope("{\"obj\": {\"v\": 1}}");
        ObjectNode out = (ObjectNode) DataFlow.template(payload, scope);
        ((ArrayNode) out.get("lit").get("k")).add(2);
        ((ObjectNode) out.get("sel")).put("v", 2);
        assertThat(Json.compact(payload.raw())).isEqualTo("{\"lit\":{\"k\":[1]},\"sel.$\":\"$.obj\"}");
        assertThat(scope.input().get("obj").get("v").intValue()).isEqualTo(1);
        assertThat(Json.compact(DataFlow.template(payload, scope))).isEqualTo("{\"lit\":{\"k\":[1]},\"sel\":{\"v\":1}}");
    }

    @Test
    void allLiteralTemplatesAreCopied() throws StatesError {
        Payload payload = parameters("{\"a\": [1, 2.0], \"b\": {\"c\": null}}");
        JsonNode out = DataFlow.template(payload, scope("{}"));
        assertThat(Json.compact(out)).isEqualTo("{\"a\":[1,2.0],\"b\":{\"c\":null}}");
        assertThat(out).isNotSameAs(payload.raw());
    }

    @Test
    void passResultIsTakenLiterallyByTheParser() {
        PassState pass = Fixtures.pass("{\"Type\": \"Pass\", \"Result\": {\"x.$\": \"$.y\"}, \"End\": true}");
        assertThat(Json.compact(pass.result())).isEqualTo("{\"x.$\":\"$.y\"}");
    }

    @Test
    void jsonataValuesNeedAJsonataScope() {
        Payload payload = new Payload(json("\"{% 1 %}\""),
                new PayloadTemplate.JsonataValue(JsonataExpression.of("{% 1 %}")));
        assertError(() -> DataFlow.template(payload, scope("{}")), StatesError.RUNTIME, "A JSONata expression cannot be evaluated in a JSONPath field.");
    }
}
