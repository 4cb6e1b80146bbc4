package dev.stepline.imagebuilder.document;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pure run-time resolution of dynamic values (spec §2.4): {@code key.$} references and
 * {@code {{ $.… }}} spans inside strings. Spans whose content does not start with {@code $.}
 * (AMI name templates such as {@code {{ imagebuilder:buildDate }}}) are left untouched.
 */
public final class Resolver {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Resolver() {}

    /**
     * A step's resolved inputs: keys without {@code .$}, references replaced by their values,
     * literal strings interpolated.
     *
     * @throws ResolutionException {@code Unable to resolve input '<key>': <path>} at the first
     *         reference or span that does not resolve
     */
    public static ObjectNode resolveInputs(StepInputs inputs, ResolutionContext context) {
        ObjectNode resolved = NODES.objectNode();
        for (StepInputs.Entry entry : inputs.entries()) {
            resolved.set(entry.key(), resolve(entry.value(), context, "input '" + entry.key() + "'"));
        }
        return resolved;
    }

    /**
     * One dynamic value: a reference's target, or a literal with its string spans interpolated.
     *
     * @param what how the failure message names the value, e.g. {@code input 'instanceId'}
     * @throws ResolutionException {@code Unable to resolve <what>: <path>}
     */
    public static JsonNode resolve(DynamicValue value, ResolutionContext context, String what) {
        return switch (value) {
            case DynamicValue.Reference ref -> context.resolve(ref.path()).map(JsonNode::deepCopy)
                    .orElseThrow(() -> unresolved(what, ref.path().text()));
            case DynamicValue.Literal literal -> interpolateTree(literal.value(), context, what);
        };
    }

    /**
     * Replaces every {@code {{ $.… }}} span in {@code text} with its value as a string (strings
     * as they are, other values as JSON).
     *
     * @throws ResolutionException when a span does not resolve
     */
    public static String interpolate(String text, ResolutionContext context, String what) {
        Matcher m = WorkflowDocumentParser.INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String expression = m.group(1);
            String replacement;
            if (JsonPathRef.looksLikeReference(expression)) {
                JsonPathRef ref;
                try {
                    ref = JsonPathRef.parse(expression);
                } catch (IllegalArgumentException e) {
                    throw unresolved(what, expression);
                }
                Optional<JsonNode> node = context.resolve(ref);
                replacement = asText(node.orElseThrow(() -> unresolved(what, expression)));
            } else {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A value as the text {@code {{ }}} and {@code stringEquals} use: strings bare, the rest as JSON. */
    public static String asText(JsonNode node) {
        return node.isString() ? node.stringValue() : node.toString();
    }

    private static JsonNode interpolateTree(JsonNode node, ResolutionContext context, String what) {
        if (node.isString()) {
            return NODES.stringNode(interpolate(node.stringValue(), context, what));
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (JsonNode item : node) {
                array.add(interpolateTree(item, context, what));
            }
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                object.set(e.getKey(), interpolateTree(e.getValue(), context, what));
            }
            return object;
        }
        return node.deepCopy();
    }

    private static ResolutionException unresolved(String what, String path) {
        return new ResolutionException("Unable to resolve " + what + ": " + path);
    }
}
