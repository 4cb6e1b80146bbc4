package dev.stepline.imagebuilder;

import static java.util.Objects.requireNonNull;

/**
 * A modelled Image Builder error: an {@link ImageBuilderErrorCode} and the exact message to send
 * in the body's {@code message} member. Thrown by the pure building blocks (documents, versions,
 * ARNs) and mapped 1:1 to the wire by the API layer. Carries no stack trace, since it is an
 * expected client outcome, never a bug.
 */
public class ImageBuilderException extends RuntimeException {
    private final ImageBuilderErrorCode errorCode;

    public ImageBuilderException(ImageBuilderErrorCode errorCode, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ImageBuilderErrorCode errorCode() {
        return errorCode;
    }

    /**
     * The message format the real service uses for a structurally invalid member:
     * {@code The value supplied for parameter '<parameter>' is not valid. <detail>}.
     */
    public static String invalidValueMessage(String parameter, String detail) {
        return "The value supplied for parameter '" + parameter + "' is not valid. " + detail;
    }

    /** An {@code InvalidParameterValueException} for {@code parameter} with the given detail. */
    public static ImageBuilderException invalidParameterValue(String parameter, String detail) {
        return new ImageBuilderException(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE,
                invalidValueMessage(parameter, detail));
    }

    /** An {@code InvalidParameterCombinationException} for {@code parameter} with the given detail. */
    public static ImageBuilderException invalidParameterCombination(String parameter, String detail) {
        return new ImageBuilderException(ImageBuilderErrorCode.INVALID_PARAMETER_COMBINATION,
                invalidValueMessage(parameter, detail));
    }
}
