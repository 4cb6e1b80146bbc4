package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A parsed AWSTOE component document, as CreateComponent accepts it (spec §5.2): a
 * {@code schemaVersion} of 1.0 and {@code phases}, each a named list of steps. Only the structure
 * is modelled; step {@code inputs}, {@code if} and {@code loop} are checked for shape, not run.
 *
 * @param name          the informational {@code name}, when given
 * @param description   the document's {@code description}, when given
 * @param schemaVersion always {@code 1.0}
 * @param parameters    declared parameters, names unique
 * @param phases        the phases in document order, names unique
 */
public record ComponentDocument(
        Optional<String> name,
        Optional<String> description,
        String schemaVersion,
        List<Parameter> parameters,
        List<Phase> phases) {

    /** Phases Image Builder runs in the test stage. */
    public static final Set<String> TEST_PHASES = Set.of("test", "container-host-test");
    /** At least one of these must be present. */
    public static final Set<String> REQUIRED_ONE_OF = Set.of("build", "validate", "test");

    public ComponentDocument {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(schemaVersion, "schemaVersion is null");
        parameters = List.copyOf(parameters);
        phases = List.copyOf(phases);
    }

    /**
     * A component parameter, written in the document as {@code - <name>: {type, default, description}}.
     *
     * @param type the declared type; AWSTOE supports only {@code string}
     */
    public record Parameter(String name, String type, Optional<String> defaultValue, Optional<String> description) {
        public Parameter {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(defaultValue, "defaultValue is null");
            requireNonNull(description, "description is null");
        }
    }

    /** A phase: {@code build}, {@code validate}, {@code test}, {@code container-host-test} or a custom name. */
    public record Phase(String name, List<Step> steps) {
        public Phase {
            requireNonNull(name, "name is null");
            steps = List.copyOf(steps);
        }
    }

    /**
     * A step of a phase.
     *
     * @param onFailure      {@code Abort} (default), {@code Continue} or {@code Ignore}
     * @param timeoutSeconds the step timeout when given; {@code -1} means no timeout
     * @param maxAttempts    the number of tries when given, at least 1
     */
    public record Step(String name, String action, String onFailure, OptionalInt timeoutSeconds,
            OptionalInt maxAttempts) {
        public Step {
            requireNonNull(name, "name is null");
            requireNonNull(action, "action is null");
            requireNonNull(onFailure, "onFailure is null");
            requireNonNull(timeoutSeconds, "timeoutSeconds is null");
            requireNonNull(maxAttempts, "maxAttempts is null");
        }
    }

    /**
     * Parses and validates a component document.
     *
     * @throws InvalidDocumentException ({@code InvalidParameterValueException}, parameter
     *         {@code data}) at the first problem: syntax or duplicate keys, unknown top-level keys,
     *         {@code schemaVersion} missing or not 1.0, {@code phases} missing or empty, phase
     *         names missing or repeated, none of build/validate/test present, steps missing or
     *         empty, step names missing or repeated within a phase, a missing {@code action}, a bad
     *         {@code onFailure}, {@code timeoutSeconds} or {@code maxAttempts}, malformed parameters
     */
    public static ComponentDocument parse(String data) {
        requireNonNull(data, "data is null");
        return ComponentDocumentParser.parse(Yaml.readMapping(data));
    }

    /** {@code TEST} when every phase is a test phase, otherwise {@code BUILD}. */
    public ComponentType type() {
        return phases.stream().allMatch(p -> TEST_PHASES.contains(p.name())) ? ComponentType.TEST : ComponentType.BUILD;
    }

    /** The declared parameter names, for checking a recipe's component parameters. */
    public Set<String> parameterNames() {
        return Set.copyOf(parameters.stream().map(Parameter::name).toList());
    }

    /** The phase with this name. */
    public Optional<Phase> phase(String phaseName) {
        return phases.stream().filter(p -> p.name().equals(phaseName)).findFirst();
    }
}
