package dev.stepline.sfn.asl;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code variableReferences} of DescribeStateMachine and DescribeStateMachineForExecution (spec §6.5):
 * for every state, nested ones included, the workflow variables its fields read, in order of first
 * appearance. JSONPath mode: {@code $name} in paths and intrinsic arguments; JSONata mode: the free
 * variables of every {@code {% %}} expression ({@link JsonataExpression#variables()}). States that read no
 * variable are left out.
 */
public final class VariableReferences {
    /** {@code $name} not preceded by {@code $} or a name character ({@code $$.x} and {@code $.x} are not variables). */
    private static final Pattern VARIABLE = Pattern.compile("(?<![$\\w])\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final JsonMapper PARSER = JsonMapper.builder().build();
    private static final Set<String> NESTED = Set.of("Branches", "ItemProcessor", "Iterator");

    private VariableReferences() {
    }

    /** The references of a definition already known to be valid JSON. */
    public static Map<String, List<String>> of(JsonNode definition) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        states(definition.path("States"), out);
        return out;
    }

    /**
     * The references of a definition text, or null when no state reads a variable (the member is then
     * omitted) or the text is not JSON.
     */
    public static Map<String, List<String>> ofText(String definition) {
        try {
            Map<String, List<String>> references = of(PARSER.readTree(definition));
            return references.isEmpty() ? null : references;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void states(JsonNode states, Map<String, List<String>> out) {
        if (!states.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            JsonNode state = entry.getValue();
            Set<String> names = new LinkedHashSet<>();
            for (Map.Entry<String, JsonNode> field : state.properties()) {
                String key = field.getKey();
                if (NESTED.contains(key)) {
                    JsonNode nested = field.getValue();
                    if (nested.isArray()) {
                        nested.forEach(branch -> states(branch.path("States"), out));
                    } else {
                        states(nested.path("States"), out);
                    }
                } else if (!key.equals("ResultPath")) {
                    scan(key, field.getValue(), names);
                }
            }
            if (!names.isEmpty()) {
                out.put(entry.getKey(), List.copyOf(names));
            }
        }
    }

    private static void scan(String key, JsonNode value, Set<String> names) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                scan(member.getKey(), member.getValue(), names);
            }
        } else if (value.isArray()) {
            value.forEach(element -> scan(key, element, names));
        } else if (value.isString()) {
            String text = value.stringValue();
            if (JsonataExpression.isExpression(text)) {
                names.addAll(JsonataExpression.of(text).variables());
            } else if (key.endsWith(".$") || key.endsWith("Path") || key.equals("Variable")) {
                Matcher matcher = VARIABLE.matcher(text);
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
    }
}
