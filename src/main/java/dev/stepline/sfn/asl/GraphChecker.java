package dev.stepline.sfn.asl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The graph pass, run on a definition that passed the schema pass: duplicate state names and Map labels
 * across the whole document, then per workflow (top level first, then nested ones in document order)
 * missing transition targets, unreachable states and the absence of a terminal state. Transitions are
 * scoped: a state can only reach states of its own workflow.
 */
final class GraphChecker {
    private final Diagnostics diagnostics;

    GraphChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(JsonNode root) {
        findDuplicates(root, "", new HashSet<>(), new HashMap<>());
        checkWorkflow(root, "");
    }

    private void findDuplicates(JsonNode workflow, String prefix, Set<String> names, Map<String, String> labels) {
        for (Map.Entry<String, JsonNode> entry : workflow.get("States").properties()) {
            String location = prefix + "/States/" + entry.getKey();
            if (!names.add(entry.getKey())) {
                diagnostics.error(Diagnostic.Codes.DUPLICATE_STATE_NAME, Messages.duplicateStateName(entry.getKey()),
                        location);
            }
            JsonNode state = entry.getValue();
            JsonNode label = state.get("Label");
            if (label != null && label.isString() && labels.putIfAbsent(label.stringValue(), location) != null) {
                diagnostics.error(Diagnostic.Codes.DUPLICATE_LABEL_NAME, Messages.duplicateLabel(label.stringValue()),
                        location + "/Label");
            }
            forEachNested(state, location, (nested, nestedPrefix) -> findDuplicates(nested, nestedPrefix, names, labels));
        }
    }

    private void checkWorkflow(JsonNode workflow, String prefix) {
        JsonNode states = workflow.get("States");
        String startAt = workflow.get("StartAt").stringValue();
        if (!states.has(startAt)) {
            diagnostics.error(Diagnostic.Codes.MISSING_TRANSITION_TARGET, Messages.missingNextTarget(startAt),
                    prefix + "/StartAt");
        }
        Map<String, List<String>> edges = new HashMap<>();
        boolean hasTerminal = false;
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            String location = prefix + "/States/" + entry.getKey();
            JsonNode state = entry.getValue();
            List<String> targets = new ArrayList<>();
            target(state, "Next", location, states, targets);
            target(state, "Default", location, states, targets);
            JsonNode choices = state.get("Choices");
            if (choices != null) {
                for (int i = 0; i < choices.size(); i++) {
                    target(choices.get(i), "Next", location + "/Choices/" + i, states, targets);
                }
            }
            JsonNode catchers = state.get("Catch");
            if (catchers != null) {
                for (int i = 0; i < catchers.size(); i++) {
                    target(catchers.get(i), "Next", location + "/Catch/" + i, states, targets);
                }
            }
            edges.put(entry.getKey(), targets);
            String type = state.get("Type").stringValue();
            JsonNode end = state.get("End");
            if (type.equals("Succeed") || type.equals("Fail") || (end != null && end.asBoolean(false))) {
                hasTerminal = true;
            }
        }
        Set<String> reached = new HashSet<>();
        if (states.has(startAt)) {
            Deque<String> queue = new ArrayDeque<>(List.of(startAt));
            while (!queue.isEmpty()) {
                String name = queue.poll();
                if (reached.add(name)) {
                    queue.addAll(edges.getOrDefault(name, List.of()));
                }
            }
            for (String name : states.propertyNames()) {
                if (!reached.contains(name)) {
                    diagnostics.error(Diagnostic.Codes.MISSING_TRANSITION_TARGET, Messages.unreachable(name),
                            prefix + "/States/" + name);
                }
            }
        }
        if (!hasTerminal) {
            diagnostics.error(Diagnostic.Codes.MISSING_END_STATE, Messages.NO_TERMINAL_STATE, null);
        }
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            forEachNested(entry.getValue(), prefix + "/States/" + entry.getKey(), this::checkWorkflow);
        }
    }

    private void target(JsonNode holder, String field, String location, JsonNode states, List<String> targets) {
        JsonNode value = holder.get(field);
        if (value == null || !value.isString()) {
            return;
        }
        if (states.has(value.stringValue())) {
            targets.add(value.stringValue());
        } else {
            diagnostics.error(Diagnostic.Codes.MISSING_TRANSITION_TARGET, Messages.missingNextTarget(value.stringValue()),
                    location + "/" + field);
        }
    }

    private interface NestedVisitor {
        void visit(JsonNode workflow, String prefix);
    }

    private static void forEachNested(JsonNode state, String location, NestedVisitor visitor) {
        JsonNode branches = state.get("Branches");
        if (branches != null && branches.isArray()) {
            for (int i = 0; i < branches.size(); i++) {
                visitor.visit(branches.get(i), location + "/Branches/" + i);
            }
        }
        for (String field : List.of("ItemProcessor", "Iterator")) {
            JsonNode processor = state.get(field);
            if (processor != null && processor.isObject()) {
                visitor.visit(processor, location + "/" + field);
            }
        }
    }
}
