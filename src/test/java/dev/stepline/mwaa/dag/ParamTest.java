package dev.stepline.mwaa.dag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class ParamTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private static Param param(String yaml) {
        return Param.of("d.params", "p", DagYaml.read("v: " + yaml + "\n").get("v"));
    }

    @Test
    void plainValuesAreUntyped() {
        Param p = param("{a: 1}");
        assertThat(p.declaration()).isEmpty();
        assertThat(p.value().get("a").intValue()).isEqualTo(1);
        assertThat(p.check(N.stringNode("anything"))).isEmpty();
    }

    @Test
    void typedParamsCheckOverrides() {
        Param p = param("{type: number, default: 100}");
        assertThat(p.check(N.numberNode(5))).isEmpty();
        assertThat(p.check(N.numberNode(2.5))).isEmpty();
        assertThat(p.check(N.stringNode("5"))).contains("'5' is not of type 'number'");
    }

    @Test
    void integerAcceptsWholeFloatsLikeJsonSchema() {
        Param p = param("{type: integer, default: 1}");
        assertThat(p.check(N.numberNode(3.0))).isEmpty();
        assertThat(p.check(N.numberNode(3.5))).contains("3.5 is not of type 'integer'");
    }

    @Test
    void typeListsAndEnums() {
        Param p = param("{type: [string, 'null'], default: null, enum: [a, b, null]}");
        assertThat(p.check(N.nullNode())).isEmpty();
        assertThat(p.check(N.stringNode("b"))).isEmpty();
        assertThat(p.check(N.stringNode("c"))).contains("'c' is not one of ['a', 'b', None]");
        assertThat(p.check(N.booleanNode(true))).contains("True is not of type ['string', 'null']");
    }

    @Test
    void valueIsACopy() {
        Param p = param("{type: object, default: {k: 1}}");
        JsonNode v = p.value();
        ((tools.jackson.databind.node.ObjectNode) v).put("k", 2);
        assertThat(p.value().get("k").intValue()).isEqualTo(1);
    }
}
