package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;

/**
 * A workflow or component document that CreateWorkflow / CreateComponent rejects: an
 * {@code InvalidParameterValueException} whose message is
 * {@code The value supplied for parameter 'data' is not valid. <detail>} (spec §2.8).
 */
public final class InvalidDocumentException extends ImageBuilderException {
    /** The request member that carries a document. */
    public static final String PARAMETER = "data";

    private final String detail;

    public InvalidDocumentException(String detail) {
        super(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE,
                invalidValueMessage(PARAMETER, requireNonNull(detail, "detail is null")));
        this.detail = detail;
    }

    /** The part of the message after the fixed prefix, e.g. {@code steps[0].name is required.} */
    public String detail() {
        return detail;
    }
}
