package dev.stepline.imagebuilder.document;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.arn.ModelPatterns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;

/**
 * The validation behind {@link WorkflowDocument#parse}. One instance per document; not thread-safe.
 * Every message names the offending member by its path ({@code steps[2].if.and[0]}).
 */
final class WorkflowDocumentParser {
    private static final Set<String> TOP_LEVEL_KEYS =
            Set.of("name", "description", "schemaVersion", "parameters", "steps", "outputs");
    private static final Set<String> PARAMETER_KEYS = Set.of("name", "type", "default", "description");
    private static final Set<String> STEP_KEYS = Set.of(
            "name", "action", "description", "onFailure", "rollbackEnabled", "timeoutSeconds", "if", "inputs");
    private static final Set<String> OUTPUT_KEYS = Set.of("name", "value");
    private static final int MAX_DESCRIPTION = 1024;
    private static final int MAX_PARAMETER_NAME = 128;
    private static final int MAX_CONDITION_DEPTH = 4;
    private static final int MAX_BRANCHES = 10;
    /** {@code {{ … }}} spans inside strings; only those whose content starts with {@code $.} are references. */
    static final Pattern INTERPOLATION = Pattern.compile("\\{\\{\\s*(.*?)\\s*\\}\\}", Pattern.DOTALL);

    private final WorkflowType type;
    private final Set<String> parameterNames = new HashSet<>();
    private final List<String> stepNames = new ArrayList<>();

    WorkflowDocumentParser(WorkflowType type) {
        this.type = type;
    }

    WorkflowDocument parse(JsonNode root) {
        rejectUnknownKeys(root, TOP_LEVEL_KEYS, "the document");
        Optional<String> name = optionalText(root, "name", "name");
        Optional<String> description = optionalText(root, "description", "description");
        String schemaVersion = schemaVersion(root.get("schemaVersion"));
        List<WorkflowParameter> parameters = parameters(root.get("parameters"));
        List<WorkflowStep> steps = steps(root.get("steps"));
        List<WorkflowOutput> outputs = outputs(root.get("outputs"));
        return new WorkflowDocument(name, description, schemaVersion, parameters, steps, outputs);
    }

    // ---- top level -------------------------------------------------------------------------

    private static String schemaVersion(JsonNode node) {
        if (node == null || node.isNull()) {
            throw fail("schemaVersion is required.");
        }
        boolean ok = (node.isString() && node.stringValue().equals(WorkflowDocument.SCHEMA_VERSION))
                || (node.isFloatingPointNumber() && node.doubleValue() == 1.0);
        if (!ok) {
            throw fail("schemaVersion must be 1.0.");
        }
        return WorkflowDocument.SCHEMA_VERSION;
    }

    private List<WorkflowParameter> parameters(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail("parameters must be a list.");
        }
        if (node.size() > WorkflowDocument.MAX_PARAMETERS) {
            throw fail("parameters must contain at most " + WorkflowDocument.MAX_PARAMETERS + " entries.");
        }
        List<WorkflowParameter> parameters = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            parameters.add(parameter(node.get(i), "parameters[" + i + "]"));
        }
        return parameters;
    }

    private WorkflowParameter parameter(JsonNode node, String path) {
        requireMapping(node, path);
        rejectUnknownKeys(node, PARAMETER_KEYS, path);
        String name = requiredText(node, "name", path + ".name");
        if (name.isEmpty() || name.length() > MAX_PARAMETER_NAME || ModelPatterns.containsNul(name)) {
            throw fail(path + ".name must be between 1 and " + MAX_PARAMETER_NAME + " characters.");
        }
        if (!parameterNames.add(name)) {
            throw fail("Duplicate parameter name '" + name + "'.");
        }
        String typeName = requiredText(node, "type", path + ".type");
        ParameterType parameterType = ParameterType.fromWire(typeName).orElseThrow(() ->
                fail(path + ".type must be one of [string, integer, boolean, stringList]."));
        Optional<List<String>> defaultValue = Optional.empty();
        JsonNode def = node.get("default");
        if (def != null && !def.isNull()) {
            List<String> values = parameterType.defaultToStrings(def).orElseThrow(() ->
                    fail(path + ".default must be a value of type " + parameterType.wireName() + "."));
            if (values.stream().anyMatch(v -> v.length() > ParameterType.MAX_VALUE_LENGTH)) {
                throw fail(path + ".default values must be at most " + ParameterType.MAX_VALUE_LENGTH
                        + " characters.");
            }
            defaultValue = Optional.of(values);
        }
        Optional<String> description = optionalText(node, "description", path + ".description");
        if (description.isPresent() && description.get().length() > MAX_DESCRIPTION) {
            throw fail(path + ".description must be at most " + MAX_DESCRIPTION + " characters.");
        }
        return new WorkflowParameter(name, parameterType, defaultValue, description);
    }

    private List<WorkflowStep> steps(JsonNode node) {
        if (node == null || node.isNull()) {
            throw fail("steps is required.");
        }
        if (!node.isArray()) {
            throw fail("steps must be a list.");
        }
        if (node.isEmpty() || node.size() > WorkflowDocument.MAX_STEPS) {
            throw fail("steps must contain between 1 and " + WorkflowDocument.MAX_STEPS + " entries.");
        }
        List<WorkflowStep> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            WorkflowStep step = step(node.get(i), "steps[" + i + "]");
            steps.add(step);
            stepNames.add(step.name());
        }
        boolean containerDistribution = steps.stream()
                .anyMatch(s -> s.action() == StepAction.DISTRIBUTE_CONTAINER_IMAGE);
        boolean amiDistribution = steps.stream()
                .anyMatch(s -> StepAction.AMI_DISTRIBUTION_ACTIONS.contains(s.action()));
        if (containerDistribution && amiDistribution) {
            throw fail("DistributeContainerImage cannot be combined with DistributeImage, ModifyImageAttributes "
                    + "or ApplyImageConfigurations in one workflow.");
        }
        return steps;
    }

    private List<WorkflowOutput> outputs(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail("outputs must be a list.");
        }
        if (node.size() > WorkflowDocument.MAX_OUTPUTS) {
            throw fail("outputs must contain at most " + WorkflowDocument.MAX_OUTPUTS + " entries.");
        }
        Set<String> names = new HashSet<>();
        List<WorkflowOutput> outputs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "outputs[" + i + "]";
            JsonNode output = node.get(i);
            requireMapping(output, path);
            rejectUnknownKeys(output, OUTPUT_KEYS, path);
            String name = requiredText(output, "name", path + ".name");
            if (name.isEmpty()) {
                throw fail(path + ".name must not be empty.");
            }
            if (!names.add(name)) {
                throw fail("Duplicate output name '" + name + "'.");
            }
            JsonNode value = output.get("value");
            if (value == null || value.isNull()) {
                throw fail(path + ".value is required.");
            }
            // outputs are evaluated when the workflow completes, so any step of the document may be named
            outputs.add(new WorkflowOutput(name, dynamic(value, path + ".value", stepNames.size())));
        }
        return outputs;
    }

    // ---- steps -----------------------------------------------------------------------------

    private WorkflowStep step(JsonNode node, String path) {
        requireMapping(node, path);
        rejectUnknownKeys(node, STEP_KEYS, path);
        String name = requiredText(node, "name", path + ".name");
        if (!ModelPatterns.WORKFLOW_STEP_NAME.matcher(name).matches()) {
            throw fail(path + ".name must match pattern " + ModelPatterns.WORKFLOW_STEP_NAME.pattern());
        }
        if (stepNames.contains(name)) {
            throw fail("Duplicate step name '" + name + "'.");
        }
        String actionName = requiredText(node, "action", path + ".action");
        StepAction action = StepAction.fromWire(actionName).orElseThrow(() ->
                fail(path + ".action '" + actionName + "' is not a supported step action."));
        if (!action.allowedIn(type)) {
            throw fail(path + ".action '" + actionName + "' is not allowed in a " + type.wireName() + " workflow.");
        }
        Optional<String> description = optionalText(node, "description", path + ".description");
        if (description.isPresent() && (description.get().isEmpty() || description.get().length() > MAX_DESCRIPTION)) {
            throw fail(path + ".description must be between 1 and " + MAX_DESCRIPTION + " characters.");
        }
        OnFailure onFailure = OnFailure.ABORT;
        if (node.has("onFailure")) {
            JsonNode value = node.get("onFailure");
            onFailure = (value.isString() ? OnFailure.fromWire(value.stringValue()) : Optional.<OnFailure>empty())
                    .orElseThrow(() -> fail(path + ".onFailure must be one of [Abort, Continue]."));
        }
        OptionalInt timeout = timeout(node.get("timeoutSeconds"), action, path + ".timeoutSeconds");
        DynamicValue rollback = rollbackEnabled(node.get("rollbackEnabled"), path + ".rollbackEnabled");
        Optional<Condition> condition = node.has("if")
                ? Optional.of(ifTree(node.get("if"), path + ".if"))
                : Optional.empty();
        StepInputs inputs = inputs(node.get("inputs"), action, path + ".inputs");
        return new WorkflowStep(name, action, description, onFailure, condition, inputs, timeout, rollback);
    }

    private static OptionalInt timeout(JsonNode node, StepAction action, String path) {
        if (node == null) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()
                || node.intValue() < 1 || node.intValue() > action.maxTimeoutSeconds()) {
            throw fail(path + " must be an integer between 1 and " + action.maxTimeoutSeconds() + " for action "
                    + action.wireName() + ".");
        }
        return OptionalInt.of(node.intValue());
    }

    private DynamicValue rollbackEnabled(JsonNode node, String path) {
        if (node == null) {
            return new DynamicValue.Literal(BooleanNode.TRUE);
        }
        if (node.isBoolean()) {
            return new DynamicValue.Literal(node);
        }
        if (node.isString() && JsonPathRef.looksLikeReference(node.stringValue())) {
            return new DynamicValue.Reference(reference(node.stringValue(), path, stepNames.size()));
        }
        throw fail(path + " must be a boolean or a JSONPath reference.");
    }

    private StepInputs inputs(JsonNode node, StepAction action, String path) {
        if (node == null || node.isNull()) {
            if (!action.requiredInputs().isEmpty()) {
                throw fail(path + " is required for action " + action.wireName() + ".");
            }
            return StepInputs.EMPTY;
        }
        requireMapping(node, path);
        List<StepInputs.Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String documentKey = property.getKey();
            boolean isReference = documentKey.endsWith(".$");
            String key = isReference ? documentKey.substring(0, documentKey.length() - 2) : documentKey;
            if (key.isEmpty()) {
                throw fail(path + " has an empty input name.");
            }
            if (!keys.add(key)) {
                throw fail(path + " has both '" + key + "' and '" + key + ".$'.");
            }
            String entryPath = path + "." + documentKey;
            JsonNode value = property.getValue();
            if (isReference) {
                if (!value.isString() || !JsonPathRef.looksLikeReference(value.stringValue())) {
                    throw fail(entryPath + " must be a JSONPath string starting with '$.'.");
                }
                entries.add(new StepInputs.Entry(key,
                        new DynamicValue.Reference(reference(value.stringValue(), entryPath, stepNames.size()))));
            } else {
                checkInterpolations(value, entryPath, stepNames.size());
                entries.add(new StepInputs.Entry(key, new DynamicValue.Literal(value)));
            }
        }
        for (String required : action.requiredInputs()) {
            if (!keys.contains(required)) {
                throw fail(path + " is missing the input '" + required + "' that action " + action.wireName()
                        + " requires.");
            }
        }
        checkStaticInputs(action, node, path);
        return new StepInputs(entries, node.toString());
    }

    private static void checkStaticInputs(StepAction action, JsonNode inputs, String path) {
        if (action != StepAction.LAUNCH_INSTANCE) {
            return;
        }
        JsonNode waitFor = inputs.get("waitFor");
        if (waitFor != null && !(waitFor.isString() && waitFor.stringValue().equals("ssmAgent"))) {
            throw fail(path + ".waitFor must be 'ssmAgent'.");
        }
        JsonNode healthCheck = inputs.get("healthCheck");
        if (healthCheck != null && !(healthCheck.isString()
                && (healthCheck.stringValue().equals("RUNNING")
                        || healthCheck.stringValue().equals("STATUS_CHECK_PASSED")))) {
            throw fail(path + ".healthCheck must be one of [RUNNING, STATUS_CHECK_PASSED].");
        }
    }

    // ---- if --------------------------------------------------------------------------------

    private Condition ifTree(JsonNode node, String path) {
        JsonNode top = node;
        if (node != null && node.isArray()) {
            // the docs sometimes write a one-element list; accept it as the single top node
            if (node.size() != 1) {
                throw fail(path + " must have exactly one top-level condition.");
            }
            top = node.get(0);
        }
        return condition(top, path, 1);
    }

    private Condition condition(JsonNode node, String path, int depth) {
        if (depth > MAX_CONDITION_DEPTH) {
            throw fail(path + " nests conditions deeper than " + MAX_CONDITION_DEPTH + " levels.");
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw fail(path + " must be a mapping with one condition.");
        }
        if (node.size() == 1) {
            String key = node.propertyNames().iterator().next();
            JsonNode child = node.get(key);
            switch (key) {
                case "and", "or" -> {
                    if (!child.isArray() || child.isEmpty() || child.size() > MAX_BRANCHES) {
                        throw fail(path + "." + key + " must be a list of 1 to " + MAX_BRANCHES + " conditions.");
                    }
                    List<Condition> children = new ArrayList<>();
                    for (int i = 0; i < child.size(); i++) {
                        children.add(condition(child.get(i), path + "." + key + "[" + i + "]", depth + 1));
                    }
                    return key.equals("and") ? new Condition.And(children) : new Condition.Or(children);
                }
                case "not" -> {
                    JsonNode inner = child;
                    if (child.isArray()) {
                        if (child.size() != 1) {
                            throw fail(path + ".not must hold exactly one condition.");
                        }
                        inner = child.get(0);
                    }
                    return new Condition.Not(condition(inner, path + ".not", depth + 1));
                }
                default -> {
                    // a comparison without 'value', or an unknown key: reported below
                }
            }
        }
        return comparison(node, path);
    }

    private Condition comparison(JsonNode node, String path) {
        ComparisonOperator operator = null;
        for (String key : node.propertyNames()) {
            if (key.equals("value")) {
                continue;
            }
            Optional<ComparisonOperator> op = ComparisonOperator.fromKey(key);
            if (op.isEmpty()) {
                throw fail(path + " has an unknown condition '" + key + "'.");
            }
            if (operator != null) {
                throw fail(path + " must have exactly one comparison operator.");
            }
            operator = op.get();
        }
        if (operator == null) {
            throw fail(path + " must have a comparison operator.");
        }
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) {
            throw fail(path + " is missing 'value'.");
        }
        JsonNode expected = node.get(operator.key());
        checkOperand(operator, expected, path + "." + operator.key());
        if (!value.isValueNode()) {
            throw fail(path + ".value must be a scalar or a JSONPath reference.");
        }
        if (!(value.isString() && JsonPathRef.looksLikeReference(value.stringValue()))) {
            checkOperand(operator, value, path + ".value");
        }
        return new Condition.Comparison(operator, expected, dynamic(value, path + ".value", stepNames.size()));
    }

    private static void checkOperand(ComparisonOperator operator, JsonNode node, String path) {
        boolean ok = switch (operator) {
            case BOOLEAN_EQUALS -> Conditions.asBoolean(node).isPresent();
            case STRING_EQUALS -> node.isValueNode() && !node.isNull();
            default -> Conditions.asNumber(node).isPresent();
        };
        if (!ok) {
            String kind = operator == ComparisonOperator.BOOLEAN_EQUALS ? "a boolean"
                    : operator == ComparisonOperator.STRING_EQUALS ? "a string" : "a number";
            throw fail(path + " must be " + kind + ".");
        }
    }

    // ---- references ------------------------------------------------------------------------

    /**
     * A value that is a reference when it is a string starting with {@code $.}, else a literal
     * (whose {@code {{ }}} spans are checked).
     */
    private DynamicValue dynamic(JsonNode value, String path, int visibleSteps) {
        if (value.isString() && JsonPathRef.looksLikeReference(value.stringValue())) {
            return new DynamicValue.Reference(reference(value.stringValue(), path, visibleSteps));
        }
        checkInterpolations(value, path, visibleSteps);
        return new DynamicValue.Literal(value);
    }

    private void checkInterpolations(JsonNode value, String path, int visibleSteps) {
        if (value.isString()) {
            Matcher m = INTERPOLATION.matcher(value.stringValue());
            while (m.find()) {
                if (JsonPathRef.looksLikeReference(m.group(1))) {
                    reference(m.group(1), path, visibleSteps);
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                checkInterpolations(value.get(i), path + "[" + i + "]", visibleSteps);
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                checkInterpolations(e.getValue(), path + "." + e.getKey(), visibleSteps);
            }
        }
    }

    /**
     * Parses a reference and checks its target: a declared parameter, one of the first
     * {@code visibleSteps} steps, or a known system variable.
     */
    private JsonPathRef reference(String text, String path, int visibleSteps) {
        JsonPathRef ref;
        try {
            ref = JsonPathRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(path + " is not a valid reference '" + text + "'. " + e.getMessage());
        }
        switch (ref.root()) {
            case PARAMETERS -> {
                if (!parameterNames.contains(ref.name())) {
                    throw fail(path + " references the undeclared parameter '" + ref.name() + "'.");
                }
            }
            case STEP_OUTPUTS -> {
                if (!stepNames.subList(0, visibleSteps).contains(ref.name())) {
                    throw fail(path + " references the step '" + ref.name() + "', which is not an earlier step.");
                }
            }
            case IMAGEBUILDER -> {
                if (ImageBuilderVariables.canonical(ref.name()).isEmpty()) {
                    throw fail(path + " references the unknown variable '$.imagebuilder." + ref.name() + "'.");
                }
            }
            case WORKFLOW_OUTPUTS -> {
                // produced by other workflows of the same image; known only at run time
            }
        }
        return ref;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static void requireMapping(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw fail(path + " must be a mapping.");
        }
    }

    private static void rejectUnknownKeys(JsonNode node, Set<String> known, String where) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw fail("Unknown key '" + key + "' in " + where + ".");
            }
        }
    }

    private static String requiredText(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw fail(path + " is required.");
        }
        if (!value.isValueNode()) {
            throw fail(path + " must be a string.");
        }
        return value.asString();
    }

    private static Optional<String> optionalText(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw fail(path + " must be a string.");
        }
        return Optional.of(value.asString());
    }

    static InvalidDocumentException fail(String detail) {
        return new InvalidDocumentException(detail);
    }
}
