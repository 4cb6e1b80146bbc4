package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

/**
 * A workflow definition was rejected by CreateWorkflow / UpdateWorkflow validation.
 *
 * <p>The service layer answers it with {@code ValidationException}, {@code Reason} {@link #REASON},
 * top-level {@code Message} = {@link #getMessage()}, and one {@code FieldList} entry
 * {@code {Name: field(), Message: getMessage()}} (spec §6.3, §8 item 24). The message is the
 * exact text the real service (or Airflow / dag-factory behind it) produces where that is
 * known, and a recommended text otherwise; see {@code DefinitionMessages}.
 */
public final class DefinitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code ValidationException.Reason} for every definition problem. */
    public static final String REASON = "other";
    /** The request member a definition problem is reported against. */
    public static final String DEFINITION_FIELD = "DefinitionS3Location";

    private final String field;

    public DefinitionException(String message) {
        this(message, DEFINITION_FIELD);
    }

    public DefinitionException(String message, String field) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.field = requireNonNull(field, "field is null");
    }

    /** The {@code FieldList[].Name} to report: normally {@value #DEFINITION_FIELD}. */
    public String field() {
        return field;
    }

    /** The {@code ValidationException.Reason}: always {@value #REASON}. */
    public String reason() {
        return REASON;
    }
}
