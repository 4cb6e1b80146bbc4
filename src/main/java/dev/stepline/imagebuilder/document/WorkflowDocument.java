package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import dev.stepline.imagebuilder.WorkflowType;

import java.util.List;
import java.util.Optional;

/**
 * A parsed and validated workflow document (spec §2): what CreateWorkflow accepts and the
 * runtime executes. Immutable.
 *
 * @param name          the informational {@code name}, when given (need not match the resource name)
 * @param description   the document's {@code description}, when given
 * @param schemaVersion always {@code 1.0}
 * @param parameters    0–25 parameters, names unique
 * @param steps         1–15 steps in run order, names unique
 * @param outputs       0–25 outputs, names unique
 */
public record WorkflowDocument(
        Optional<String> name,
        Optional<String> description,
        String schemaVersion,
        List<WorkflowParameter> parameters,
        List<WorkflowStep> steps,
        List<WorkflowOutput> outputs) {

    /** The only schema version there is. */
    public static final String SCHEMA_VERSION = "1.0";
    public static final int MAX_STEPS = 15;
    public static final int MAX_PARAMETERS = 25;
    public static final int MAX_OUTPUTS = 25;

    public WorkflowDocument {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(schemaVersion, "schemaVersion is null");
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
        outputs = List.copyOf(outputs);
    }

    /**
     * Parses and validates a workflow document with every check CreateWorkflow makes (spec §2.8, §3):
     * YAML/JSON syntax with duplicate keys rejected; {@code schemaVersion} 1.0; 1–15 steps, at
     * most 25 parameters and outputs; unique step, parameter and output names; no unknown keys;
     * step names matching the model pattern; known actions allowed for {@code type};
     * {@code onFailure}, {@code timeoutSeconds} and {@code rollbackEnabled} values; required
     * inputs and their static values; {@code DistributeContainerImage} not mixed with AMI
     * distribution actions; well-formed {@code if} trees; references that name declared
     * parameters, earlier steps and known system variables.
     *
     * @param data the document text as sent (YAML or JSON)
     * @param type the workflow type the document is created for
     * @throws InvalidDocumentException at the first problem found, in document order
     */
    public static WorkflowDocument parse(String data, WorkflowType type) {
        requireNonNull(data, "data is null");
        requireNonNull(type, "type is null");
        return new WorkflowDocumentParser(type).parse(Yaml.readMapping(data));
    }

    /** The parameter with this name. */
    public Optional<WorkflowParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** The step with this name. */
    public Optional<WorkflowStep> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }
}
