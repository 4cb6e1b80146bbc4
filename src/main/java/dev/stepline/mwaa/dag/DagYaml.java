package dev.stepline.mwaa.dag;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads definition YAML into a Jackson tree with PyYAML scalar semantics (see
 * {@link PyYamlFactory}), anchors/aliases expanded, and duplicate mapping keys rejected.
 *
 * <p>Two passes over the (at most 50 KB) text: snakeyaml-engine composes the node graph first to
 * check keys, then Jackson builds the tree. The key check cannot be left to Jackson's
 * {@code STRICT_DUPLICATE_DETECTION}: Jackson replays a merge ({@code <<: *anchor}) as inline
 * keys, so the standard override {@code {<<: *defaults, retries: 3}} would look like a duplicate.
 *
 * <ul>
 *   <li>Duplicate keys: PyYAML lets the later one win silently; we reject them (practically always
 *       an editing mistake that would hide a task or a setting).</li>
 *   <li>Merge keys: supported as the <em>first</em> key of a mapping with one mapping as value
 *       (later explicit keys override merged ones, as in YAML). A list of mappings, or a merge
 *       after explicit keys, is rejected rather than read with different precedence.</li>
 * </ul>
 */
final class DagYaml {
    private static final LoadSettings SETTINGS = PyYamlFactory.settings();
    private static final YAMLMapper MAPPER = YAMLMapper.builder(new PyYamlFactory()).build();
    private static final String MERGE = "<<";

    private DagYaml() {
    }

    /**
     * Parses one YAML document.
     *
     * @return the root node; a missing or null node for an empty document
     * @throws DefinitionException {@code Invalid YAML: ...} on a syntax error, duplicate key or
     *         unsupported merge
     */
    static JsonNode read(String yaml) {
        Optional<Node> root;
        try {
            root = new Compose(SETTINGS).composeString(yaml);
        } catch (YamlEngineException e) {
            throw new DefinitionException(DefinitionMessages.invalidYaml(describe(e)));
        }
        root.ifPresent(r -> checkKeys(r, Collections.newSetFromMap(new IdentityHashMap<>())));
        try {
            return MAPPER.readTree(yaml);
        } catch (JacksonException e) {
            throw new DefinitionException(DefinitionMessages.invalidYaml(describe(e)));
        }
    }

    private static void checkKeys(Node node, Set<Node> visited) {
        if (!visited.add(node)) {
            return; // an alias of a node already checked
        }
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> checkKeys(n, visited));
        } else if (node instanceof MappingNode map) {
            List<NodeTuple> entries = map.getValue();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                Node key = entries.get(i).getKeyNode();
                Node value = entries.get(i).getValueNode();
                if (key instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    if (text.equals(MERGE)) { // Jackson treats a quoted "<<" as a merge too
                        if (i != 0 || !(value instanceof MappingNode)) {
                            throw new DefinitionException(DefinitionMessages.invalidYaml(
                                    "a merge key ('<<') must be the first key of its mapping and name one mapping"
                                            + at(key.getStartMark())));
                        }
                    } else if (!seen.add(text)) {
                        throw new DefinitionException(DefinitionMessages.invalidYaml(
                                "duplicate key " + PyRepr.quote(text) + at(key.getStartMark())));
                    }
                }
                checkKeys(value, visited);
            }
        }
    }

    private static String describe(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked) {
            return marked.getProblem() + at(marked.getProblemMark());
        }
        return e.getMessage().strip().lines().findFirst().orElse("unreadable document");
    }

    private static String at(Optional<Mark> mark) {
        return mark.map(m -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")").orElse("");
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
