package dev.stepline.sfn.runtime.dataflow;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON policy of the Step Functions runtime: numbers keep their lexical form ({@code 1}
 * stays an integer, {@code 1.0} and {@code 3.30} stay as written), object members keep their
 * order, output is compact (spec §6.3 "JSON value identity").
 */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private Json() {
    }

    /** Parses a JSON text (any JSON value). */
    public static JsonNode parse(String text) throws JacksonException {
        return MAPPER.readTree(text);
    }

    /** The compact serialisation AWS shows in histories and outputs. */
    public static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Size in UTF-8 bytes, the unit of the 256 KiB payload limit. */
    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }
}
