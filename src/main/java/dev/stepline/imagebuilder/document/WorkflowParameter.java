package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One entry of a workflow document's {@code parameters} (spec §2.2).
 *
 * @param name         unique within the document, 1–128 characters
 * @param type         the declared type
 * @param defaultValue the default as wire strings (GetWorkflow's {@code defaultValue}); empty when
 *                     the document declares none, in which case the parameter is required at run time
 * @param description  0–1024 characters, when given
 */
public record WorkflowParameter(String name, ParameterType type, Optional<List<String>> defaultValue,
        Optional<String> description) {
    public WorkflowParameter {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        defaultValue = requireNonNull(defaultValue, "defaultValue is null").map(List::copyOf);
    }

    /** True when a value must be supplied at run time. */
    public boolean required() {
        return defaultValue.isEmpty();
    }
}
