package dev.stepline.sfn.asl;

import java.util.Objects;

/**
 * One problem found in a definition, shaped like a ValidateStateMachineDefinition diagnostic.
 *
 * @param code     an AWS diagnostic code such as {@code SCHEMA_VALIDATION_FAILED} (see {@link Codes})
 * @param message  the human text, worded as AWS words it where that wording is known
 * @param location a JSON-pointer-like location such as {@code /States/A/Next}; null when AWS gives none
 * @param severity ERROR blocks creation; WARNING does not
 */
public record Diagnostic(String code, String message, String location, Severity severity) {

    /** Diagnostic severities, as on the wire. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /**
     * The diagnostic codes AWS documents for ValidateStateMachineDefinition
     * (service model, shape {@code ValidateStateMachineDefinitionDiagnostic}).
     */
    public static final class Codes {
        public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
        public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
        public static final String INVALID_RESOURCE = "INVALID_RESOURCE";
        public static final String MISSING_END_STATE = "MISSING_END_STATE";
        public static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
        public static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
        public static final String INVALID_LABEL_NAME = "INVALID_LABEL_NAME";
        public static final String DUPLICATE_LABEL_NAME = "DUPLICATE_LABEL_NAME";
        public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
        public static final String TOO_DEEPLY_NESTED = "TOO_DEEPLY_NESTED";
        /** A {@code {% %}} expression that does not parse (floci-io/floci#2745, measured on AWS). */
        public static final String INVALID_JSONATA_EXPRESSION = "INVALID_JSONATA_EXPRESSION";
        /** A JSONata expression reading the context item at the top level (floci-io/floci#2670). */
        public static final String UNSUPPORTED_JSONATA_EXPRESSION = "UNSUPPORTED_JSONATA_EXPRESSION";
        /** Warning: a value looks like a path or intrinsic but its key does not end in {@code .$}. */
        public static final String NO_DOLLAR = "NO_DOLLAR";
        /** Warning: a value looks like a path but its field has no {@code Path} form in use (e.g. {@code Cause}, {@code StringEquals}). */
        public static final String NO_PATH = "NO_PATH";
        /** Warning: a Pass state's {@code Result} contains a path, which is taken literally. */
        public static final String PASS_RESULT_IS_STATIC = "PASS_RESULT_IS_STATIC";

        private Codes() {
        }
    }

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /** An ERROR diagnostic. */
    public static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(code, message, location, Severity.ERROR);
    }

    /** A WARNING diagnostic. */
    public static Diagnostic warning(String code, String message, String location) {
        return new Diagnostic(code, message, location, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The form AWS embeds in an {@code InvalidDefinition} message: {@code CODE: message at location}.
     * A missing location renders as {@code null}, as AWS does
     * ({@code MISSING_END_STATE: Workflow has no terminal state at null}). An
     * {@code INVALID_JSON_DESCRIPTION} message already ends with its location (Jackson's
     * {@code \n at [Source: ...]}), so it is not repeated.
     */
    public String render() {
        if (code.equals(Codes.INVALID_JSON_DESCRIPTION)) {
            return code + ": " + message;
        }
        return code + ": " + message + " at " + location;
    }
}
