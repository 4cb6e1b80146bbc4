package dev.stepline.sfn.asl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Turns payload templates into {@link Payload}s, reporting invalid paths, intrinsics and keys. */
final class TemplateReader {
    private final Diagnostics diagnostics;

    TemplateReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Reads the template in {@code field} of {@code node}.
     *
     * @param requireObject when true the template must be a JSON object (JSONPath {@code Parameters} etc.)
     * @return the payload, or null when the field is absent or invalid (reported)
     */
    Payload read(JsonNode node, String field, String location, QueryLanguage language, boolean requireObject) {
        JsonNode raw = node.get(field);
        if (raw == null) {
            return null;
        }
        String fieldLocation = Diagnostics.at(location, field);
        if (requireObject && !raw.isObject()
                && !(language == QueryLanguage.JSONATA && raw.isString() && JsonataExpression.isExpression(raw.stringValue()))) {
            diagnostics.schema(Messages.wrongType(field, "an object"), fieldLocation);
            return null;
        }
        int before = diagnostics.errorCount();
        PayloadTemplate template = language == QueryLanguage.JSONATA
                ? jsonata(raw, fieldLocation)
                : jsonPath(raw, fieldLocation);
        return diagnostics.errorCount() == before ? new Payload(raw, template) : null;
    }

    private PayloadTemplate jsonPath(JsonNode raw, String location) {
        if (raw.isObject()) {
            List<PayloadTemplate.ObjectTemplate.Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : raw.properties()) {
                String key = member.getKey();
                JsonNode value = member.getValue();
                if (key.endsWith(".$") && key.length() > 2) {
                    PayloadTemplate dynamic = dynamicValue(key, value, location);
                    if (dynamic != null) {
                        entries.add(new PayloadTemplate.ObjectTemplate.Entry(
                                key.substring(0, key.length() - 2), key, dynamic));
                    }
                } else {
                    if (value.isString() && looksDynamic(value.stringValue())) {
                        diagnostics.warning(Diagnostic.Codes.NO_DOLLAR, Messages.noDollar(key), location);
                    }
                    entries.add(new PayloadTemplate.ObjectTemplate.Entry(key, key, jsonPath(value, location)));
                }
            }
            return allLiteral(entries) ? new PayloadTemplate.Literal(raw) : new PayloadTemplate.ObjectTemplate(entries);
        }
        if (raw.isArray()) {
            List<PayloadTemplate> elements = new ArrayList<>();
            for (JsonNode element : raw) {
                elements.add(jsonPath(element, location));
            }
            return elements.stream().allMatch(e -> e instanceof PayloadTemplate.Literal)
                    ? new PayloadTemplate.Literal(raw) : new PayloadTemplate.ArrayTemplate(elements);
        }
        return new PayloadTemplate.Literal(raw);
    }

    private PayloadTemplate dynamicValue(String key, JsonNode value, String location) {
        if (value.isString()) {
            String text = value.stringValue();
            if (IntrinsicCall.looksLikeCall(text)) {
                try {
                    return new PayloadTemplate.IntrinsicValue(IntrinsicCall.parse(text));
                } catch (IllegalArgumentException e) {
                    // reported below
                }
            } else {
                JsonPathExpression path = JsonPathExpression.tryParse(text);
                if (path != null) {
                    return new PayloadTemplate.PathValue(path);
                }
            }
        }
        diagnostics.schema(Messages.invalidPathOrIntrinsic(key), location);
        return null;
    }

    private PayloadTemplate jsonata(JsonNode raw, String location) {
        if (raw.isObject()) {
            List<PayloadTemplate.ObjectTemplate.Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : raw.properties()) {
                String key = member.getKey();
                if (key.endsWith(".$")) {
                    diagnostics.schema(Messages.wrongQueryLanguage(QueryLanguage.JSONATA, key), location);
                    continue;
                }
                entries.add(new PayloadTemplate.ObjectTemplate.Entry(key, key,
                        jsonata(member.getValue(), Diagnostics.at(location, key))));
            }
            return allLiteral(entries) ? new PayloadTemplate.Literal(raw) : new PayloadTemplate.ObjectTemplate(entries);
        }
        if (raw.isArray()) {
            List<PayloadTemplate> elements = new ArrayList<>();
            int index = 0;
            for (JsonNode element : raw) {
                elements.add(jsonata(element, Diagnostics.at(location, String.valueOf(index++))));
            }
            return elements.stream().allMatch(e -> e instanceof PayloadTemplate.Literal)
                    ? new PayloadTemplate.Literal(raw) : new PayloadTemplate.ArrayTemplate(elements);
        }
        if (raw.isString() && JsonataExpression.isExpression(raw.stringValue())) {
            JsonataExpression expression = diagnostics.jsonata(raw.stringValue(), location);
            return expression == null ? new PayloadTemplate.Literal(raw) : new PayloadTemplate.JsonataValue(expression);
        }
        return new PayloadTemplate.Literal(raw);
    }

    private static boolean allLiteral(List<PayloadTemplate.ObjectTemplate.Entry> entries) {
        return entries.stream().allMatch(e -> e.value() instanceof PayloadTemplate.Literal);
    }

    /** True when a literal string looks like it was meant to be evaluated (AWS's NO_DOLLAR warning). */
    static boolean looksDynamic(String text) {
        return text.startsWith("$.") || text.startsWith("$$.") || text.startsWith("$[")
                || (IntrinsicCall.looksLikeCall(text) && text.endsWith(")"));
    }

    /** True when a literal string looks like a JSONPath (AWS's NO_PATH warning). */
    static boolean looksLikePath(String text) {
        return text.startsWith("$.") || text.startsWith("$$.") || text.startsWith("$[");
    }

    /** True when any object key inside {@code node} ends with {@code .$}. */
    static boolean containsDynamicKey(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (member.getKey().endsWith(".$") || containsDynamicKey(member.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsDynamicKey(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
