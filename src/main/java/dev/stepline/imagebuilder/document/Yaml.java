package dev.stepline.imagebuilder.document;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads YAML (and therefore JSON, a YAML subset in practice) documents into Jackson trees, with
 * duplicate keys rejected. A parse failure becomes an {@link InvalidDocumentException} whose
 * detail names the line and column.
 */
final class Yaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * JSON documents are read with the JSON parser first: YAML forbids tab indentation, which
     * JSON writers commonly produce. Flow-style YAML that is not JSON falls back to the YAML parser.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Yaml() {}

    /**
     * The document's root node.
     *
     * @throws InvalidDocumentException when the text does not parse, has a duplicate key, holds
     *         more than one document, or its root is not a mapping
     */
    static JsonNode readMapping(String data) {
        JsonNode root;
        if (data.stripLeading().startsWith("{")) {
            try {
                root = JSON.readTree(data);
                if (root != null && root.isObject()) {
                    return root;
                }
            } catch (JacksonException e) {
                if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate ")) {
                    throw new InvalidDocumentException(describe(e));
                }
                // not JSON: try it as flow-style YAML below
            }
        }
        try {
            root = MAPPER.readTree(data);
        } catch (JacksonException e) {
            throw new InvalidDocumentException(describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDocumentException("The document must be a YAML or JSON mapping.");
        }
        return root;
    }

    private static String describe(JacksonException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String first = original.lines().findFirst().orElse("").strip();
        TokenStreamLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        if (first.startsWith("Duplicate Object property ")) {
            return "Duplicate key " + first.substring("Duplicate Object property ".length()) + where + ".";
        }
        if (first.startsWith("Trailing token")) {
            return "The document must hold exactly one YAML document" + where + ".";
        }
        return "The document is not valid YAML or JSON: " + first + where + ".";
    }
}
