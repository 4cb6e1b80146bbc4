package dev.stepline.mwaa.dag;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads definition YAML into a Jackson tree with PyYAML scalar semantics (see
 * {@link PyYamlFactory}) and duplicate mapping keys rejected.
 *
 * <p>PyYAML itself lets a later duplicate key win silently; rejecting duplicates is a deliberate
 * local choice (they are practically always editing mistakes and would otherwise hide a task).
 */
final class DagYaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder(new PyYamlFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private DagYaml() {
    }

    /**
     * Parses one YAML document.
     *
     * @return the root node; a {@code MissingNode}/null node for an empty document
     * @throws DefinitionException with {@code Invalid YAML: ...} on a syntax error or duplicate key
     */
    static JsonNode read(String yaml) {
        try {
            return MAPPER.readTree(yaml);
        } catch (JacksonException e) {
            throw new DefinitionException(DefinitionMessages.invalidYaml(describe(e)));
        }
    }

    private static String describe(JacksonException e) {
        String text = e.getOriginalMessage();
        String first = text == null ? "unreadable document" : text.strip().lines().findFirst().orElse("");
        TokenStreamLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            return first + " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
        }
        return first;
    }
}
