package dev.stepline.sfn.asl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link AslParser#parse} when a definition has at least one ERROR diagnostic.
 * The diagnostics are in the order AWS would report them (schema problems in document order,
 * then transition targets, then reachability, then terminal states).
 */
public final class AslValidationException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public AslValidationException(List<Diagnostic> diagnostics) {
        super(invalidDefinitionMessage(diagnostics));
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("diagnostics must not be empty");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every diagnostic found, errors and warnings; never empty. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Only the ERROR diagnostics; never empty. */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /**
     * The message of CreateStateMachine/UpdateStateMachine's {@code InvalidDefinition} error:
     * {@code Invalid State Machine Definition: '<CODE>: <detail> at <location>'}. Several errors are
     * joined with {@code ", "} inside the quotes, as AWS does, e.g.
     * {@code 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next,
     * MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'}
     * (observed, localstack/localstack#11978).
     */
    public String invalidDefinitionMessage() {
        return invalidDefinitionMessage(diagnostics);
    }

    static String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
        String joined = diagnostics.stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::render)
                .collect(Collectors.joining(", "));
        return "Invalid State Machine Definition: '" + joined + "'";
    }
}
