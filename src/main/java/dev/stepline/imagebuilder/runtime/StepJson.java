package dev.stepline.imagebuilder.runtime;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The text of a step's {@code inputs} and {@code outputs} members. The service writes them the
 * way Python's {@code json.dumps} does, with a space after {@code :} and {@code ,} — e.g.
 * {@code {"instanceId": "i-1234567890abcdef0"}} (spec §3, observed CLI output).
 */
final class StepJson {
    private StepJson() {}

    static String format(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(JsonNodeText.quote(e.getKey())).append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    /** JSON string quoting through Jackson, so escapes match the rest of the wire. */
    private static final class JsonNodeText {
        static String quote(String s) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(s).toString();
        }
    }
}
