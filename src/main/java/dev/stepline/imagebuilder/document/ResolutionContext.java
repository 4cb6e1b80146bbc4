package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The variables a running workflow can reference (spec §2.4): typed {@code parameters}, the
 * {@code stepOutputs} of steps that already ran (by step name), the {@code workflowOutputs} of
 * workflows that already finished for the image, and the {@code imagebuilder} system variables.
 * The maps are copied on construction; callers must not mutate nodes they get back.
 */
public record ResolutionContext(
        Map<String, JsonNode> parameters,
        Map<String, JsonNode> stepOutputs,
        Map<String, JsonNode> workflowOutputs,
        Map<String, JsonNode> imagebuilder) {

    public ResolutionContext {
        parameters = Map.copyOf(parameters);
        stepOutputs = Map.copyOf(stepOutputs);
        workflowOutputs = Map.copyOf(workflowOutputs);
        imagebuilder = Map.copyOf(imagebuilder);
    }

    /** An empty context. */
    public static ResolutionContext empty() {
        return new ResolutionContext(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** A copy with the outputs of one more step. */
    public ResolutionContext withStepOutputs(String stepName, JsonNode outputs) {
        requireNonNull(stepName, "stepName is null");
        requireNonNull(outputs, "outputs is null");
        Map<String, JsonNode> next = new java.util.HashMap<>(stepOutputs);
        next.put(stepName, outputs);
        return new ResolutionContext(parameters, next, workflowOutputs, imagebuilder);
    }

    /**
     * The value a reference points at; empty when any part of the path is missing (a step that
     * was skipped, an index out of range, a field on a non-object).
     */
    public Optional<JsonNode> resolve(JsonPathRef ref) {
        JsonNode node = switch (ref.root()) {
            case PARAMETERS -> parameters.get(ref.name());
            case STEP_OUTPUTS -> stepOutputs.get(ref.name());
            case WORKFLOW_OUTPUTS -> workflowOutputs.get(ref.name());
            case IMAGEBUILDER -> imagebuilderVariable(ref.name());
        };
        for (JsonPathRef.Segment segment : ref.segments()) {
            if (node == null) {
                return Optional.empty();
            }
            node = switch (segment) {
                case JsonPathRef.Field field -> node.isObject() ? node.get(field.name()) : null;
                case JsonPathRef.Index index -> node.isArray() ? node.get(index.index()) : null;
            };
        }
        return Optional.ofNullable(node);
    }

    private JsonNode imagebuilderVariable(String name) {
        JsonNode exact = imagebuilder.get(name);
        if (exact != null) {
            return exact;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, JsonNode> e : imagebuilder.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The context as one JSON object with the four roots, for diagnostics. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        put(root.putObject("parameters"), parameters);
        put(root.putObject("stepOutputs"), stepOutputs);
        put(root.putObject("workflowOutputs"), workflowOutputs);
        put(root.putObject("imagebuilder"), imagebuilder);
        return root;
    }

    private static void put(ObjectNode target, Map<String, JsonNode> values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = values.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            target.set(e.getKey(), e.getValue().deepCopy());
        }
    }
}
