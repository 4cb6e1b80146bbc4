package dev.stepline.imagebuilder.document;

import static dev.stepline.imagebuilder.document.WorkflowDocumentParser.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The validation behind {@link ComponentDocument#parse}. */
final class ComponentDocumentParser {
    private static final Set<String> TOP_LEVEL_KEYS =
            Set.of("name", "description", "schemaVersion", "parameters", "constants", "phases");
    private static final Set<String> PHASE_KEYS = Set.of("name", "steps");
    private static final Set<String> STEP_KEYS =
            Set.of("name", "action", "inputs", "onFailure", "timeoutSeconds", "maxAttempts", "if", "loop");
    private static final Set<String> PARAMETER_KEYS = Set.of("type", "default", "description");
    private static final Set<String> ON_FAILURE = Set.of("Abort", "Continue", "Ignore");

    private ComponentDocumentParser() {}

    static ComponentDocument parse(JsonNode root) {
        for (String key : root.propertyNames()) {
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw fail("Unknown key '" + key + "' in the document.");
            }
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw fail("schemaVersion is required.");
        }
        if (!((version.isString() && version.stringValue().equals("1.0"))
                || (version.isFloatingPointNumber() && version.doubleValue() == 1.0))) {
            throw fail("schemaVersion must be 1.0.");
        }
        List<ComponentDocument.Parameter> parameters = parameters(root.get("parameters"));
        JsonNode constants = root.get("constants");
        if (constants != null && !constants.isNull() && !constants.isArray()) {
            throw fail("constants must be a list.");
        }
        return new ComponentDocument(text(root, "name", "name"), text(root, "description", "description"), "1.0",
                parameters, phases(root.get("phases")));
    }

    private static List<ComponentDocument.Parameter> parameters(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail("parameters must be a list.");
        }
        Set<String> names = new HashSet<>();
        List<ComponentDocument.Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "parameters[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isObject() || entry.size() != 1) {
                throw fail(path + " must be a mapping with exactly one parameter name.");
            }
            Map.Entry<String, JsonNode> only = entry.properties().iterator().next();
            String name = only.getKey();
            JsonNode body = only.getValue();
            if (!names.add(name)) {
                throw fail("Duplicate parameter name '" + name + "'.");
            }
            String bodyPath = path + "." + name;
            if (!body.isObject()) {
                throw fail(bodyPath + " must be a mapping.");
            }
            for (String key : body.propertyNames()) {
                if (!PARAMETER_KEYS.contains(key)) {
                    throw fail("Unknown key '" + key + "' in " + bodyPath + ".");
                }
            }
            JsonNode type = body.get("type");
            if (type == null || !type.isString() || !type.stringValue().equals("string")) {
                throw fail(bodyPath + ".type must be string.");
            }
            parameters.add(new ComponentDocument.Parameter(name, "string", text(body, "default", bodyPath + ".default"),
                    text(body, "description", bodyPath + ".description")));
        }
        return parameters;
    }

    private static List<ComponentDocument.Phase> phases(JsonNode node) {
        if (node == null || node.isNull()) {
            throw fail("phases is required.");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw fail("phases must be a non-empty list.");
        }
        Set<String> names = new HashSet<>();
        List<ComponentDocument.Phase> phases = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "phases[" + i + "]";
            JsonNode phase = node.get(i);
            if (!phase.isObject()) {
                throw fail(path + " must be a mapping.");
            }
            for (String key : phase.propertyNames()) {
                if (!PHASE_KEYS.contains(key)) {
                    throw fail("Unknown key '" + key + "' in " + path + ".");
                }
            }
            String name = text(phase, "name", path + ".name").orElseThrow(() -> fail(path + ".name is required."));
            if (!names.add(name)) {
                throw fail("Duplicate phase name '" + name + "'.");
            }
            phases.add(new ComponentDocument.Phase(name, steps(phase.get("steps"), path + ".steps")));
        }
        if (names.stream().noneMatch(ComponentDocument.REQUIRED_ONE_OF::contains)) {
            throw fail("phases must include at least one of the phases build, validate or test.");
        }
        return phases;
    }

    private static List<ComponentDocument.Step> steps(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw fail(path + " is required.");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw fail(path + " must be a non-empty list.");
        }
        Set<String> names = new HashSet<>();
        List<ComponentDocument.Step> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String stepPath = path + "[" + i + "]";
            JsonNode step = node.get(i);
            if (!step.isObject()) {
                throw fail(stepPath + " must be a mapping.");
            }
            for (String key : step.propertyNames()) {
                if (!STEP_KEYS.contains(key)) {
                    throw fail("Unknown key '" + key + "' in " + stepPath + ".");
                }
            }
            String name = text(step, "name", stepPath + ".name")
                    .filter(s -> !s.isEmpty())
                    .orElseThrow(() -> fail(stepPath + ".name is required."));
            if (!names.add(name)) {
                throw fail("Duplicate step name '" + name + "' in " + path + ".");
            }
            String action = text(step, "action", stepPath + ".action")
                    .filter(s -> !s.isEmpty())
                    .orElseThrow(() -> fail(stepPath + ".action is required."));
            String onFailure = text(step, "onFailure", stepPath + ".onFailure").orElse("Abort");
            if (!ON_FAILURE.contains(onFailure)) {
                throw fail(stepPath + ".onFailure must be one of [Abort, Continue, Ignore].");
            }
            OptionalInt timeout = integer(step.get("timeoutSeconds"), stepPath + ".timeoutSeconds", true);
            OptionalInt attempts = integer(step.get("maxAttempts"), stepPath + ".maxAttempts", false);
            JsonNode inputs = step.get("inputs");
            if (inputs != null && !(inputs.isObject() || inputs.isArray() || inputs.isString())) {
                throw fail(stepPath + ".inputs must be a mapping or a list.");
            }
            steps.add(new ComponentDocument.Step(name, action, onFailure, timeout, attempts));
        }
        return steps;
    }

    private static OptionalInt integer(JsonNode node, String path, boolean allowMinusOne) {
        if (node == null) {
            return OptionalInt.empty();
        }
        boolean ok = node.isIntegralNumber() && node.canConvertToInt()
                && (node.intValue() >= 1 || (allowMinusOne && node.intValue() == -1));
        if (!ok) {
            throw fail(path + (allowMinusOne ? " must be a positive integer or -1." : " must be a positive integer."));
        }
        return OptionalInt.of(node.intValue());
    }

    private static Optional<String> text(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw fail(path + " must be a string.");
        }
        return Optional.of(value.asString());
    }
}
