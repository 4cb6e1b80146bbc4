package dev.stepline.imagebuilder.document;

import dev.stepline.imagebuilder.ImageBuilderException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Binds the {@code parameters} of a {@code WorkflowConfiguration} (CreateImage,
 * CreateImagePipeline) to a workflow document (spec §4.2): every supplied name must be declared,
 * values must fit the declared type, and declared parameters without a default must be supplied.
 * The result is the typed {@code $.parameters} map a run resolves against.
 */
public final class ParameterBinding {
    private ParameterBinding() {}

    /**
     * Checks supplied values and returns the typed parameters, defaults filled in.
     *
     * @param document  the workflow's document
     * @param supplied  name → values as sent (each {@code WorkflowParameter.value} list), in request order
     * @param parameter the member path for messages, e.g. {@code workflows[1].parameters}
     * @throws ImageBuilderException {@code InvalidParameterValueException} with one of the details
     *         {@code The following parameters are not defined in the workflow: a, b},
     *         {@code The following required parameters are missing: a, b} or
     *         {@code Invalid value for parameter '<name>': <problem>}
     */
    public static Map<String, JsonNode> bind(WorkflowDocument document, Map<String, List<String>> supplied,
            String parameter) {
        TreeSet<String> undeclared = new TreeSet<>();
        for (String name : supplied.keySet()) {
            if (document.parameter(name).isEmpty()) {
                undeclared.add(name);
            }
        }
        if (!undeclared.isEmpty()) {
            throw ImageBuilderException.invalidParameterValue(parameter,
                    "The following parameters are not defined in the workflow: " + String.join(", ", undeclared));
        }
        TreeSet<String> missing = new TreeSet<>();
        Map<String, JsonNode> bound = new LinkedHashMap<>();
        for (WorkflowParameter declared : document.parameters()) {
            List<String> values = supplied.get(declared.name());
            if (values == null) {
                Optional<List<String>> fallback = declared.defaultValue();
                if (fallback.isEmpty()) {
                    missing.add(declared.name());
                    continue;
                }
                values = fallback.get();
            } else {
                Optional<String> problem = declared.type().checkValues(values);
                if (problem.isPresent()) {
                    throw ImageBuilderException.invalidParameterValue(parameter,
                            "Invalid value for parameter '" + declared.name() + "': " + problem.get());
                }
            }
            bound.put(declared.name(), declared.type().toJson(values));
        }
        if (!missing.isEmpty()) {
            throw ImageBuilderException.invalidParameterValue(parameter,
                    "The following required parameters are missing: " + String.join(", ", missing));
        }
        return bound;
    }
}
