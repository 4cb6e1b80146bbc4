package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.ErrorPolicy;
import dev.stepline.protocol.validate.Violation;
import java.util.List;

/**
 * Image Builder's errors (spec §5.0, §6.3). Structural problems are all
 * {@code InvalidParameterValueException} worded
 * {@code The value supplied for parameter '<path>' is not valid. <detail>}; the service never
 * answers a generic {@code ValidationException} (spec §7 #13). Codes and statuses come from
 * {@link ImageBuilderErrorCode}; the document, version and ARN packages raise
 * {@link ImageBuilderException}, translated here.
 */
public final class ImageBuilderErrors implements ErrorPolicy {
    public static AwsException of(ImageBuilderErrorCode code, String message) {
        return AwsException.of(code.code(), code.httpStatus(), message);
    }

    @Override
    public AwsException translate(RuntimeException e) {
        return e instanceof ImageBuilderException ib ? of(ib.errorCode(), ib.getMessage()) : null;
    }

    public static AwsException invalidParameter(String parameter, String detail) {
        return of(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE,
                "The value supplied for parameter '" + parameter + "' is not valid." + (detail.isEmpty() ? "" : " " + detail));
    }

    public static AwsException invalidParameterCombination(String message) {
        return of(ImageBuilderErrorCode.INVALID_PARAMETER_COMBINATION, message);
    }

    public static AwsException invalidRequest(String message) {
        return of(ImageBuilderErrorCode.INVALID_REQUEST, message);
    }

    public static AwsException invalidVersionNumber(String message) {
        return of(ImageBuilderErrorCode.INVALID_VERSION_NUMBER, message);
    }

    public static AwsException invalidPaginationToken() {
        return of(ImageBuilderErrorCode.INVALID_PAGINATION_TOKEN, "The provided pagination token is not valid.");
    }

    public static AwsException idempotentParameterMismatch(String clientToken) {
        return of(ImageBuilderErrorCode.IDEMPOTENT_PARAMETER_MISMATCH,
                "The client token '" + clientToken + "' was used with different request parameters.");
    }

    public static AwsException alreadyExists(String message) {
        return of(ImageBuilderErrorCode.RESOURCE_ALREADY_EXISTS, message);
    }

    public static AwsException dependency(String arn) {
        return of(ImageBuilderErrorCode.RESOURCE_DEPENDENCY,
                "Resource dependency error: The resource ARN '" + arn + "' has other resources depended on it.");
    }

    public static AwsException inUse(String message) {
        return of(ImageBuilderErrorCode.RESOURCE_IN_USE, message);
    }

    public static AwsException notFound(String arn) {
        return of(ImageBuilderErrorCode.RESOURCE_NOT_FOUND, "The resource ARN '" + arn + "' was not found.");
    }

    public static AwsException notFoundId(String id) {
        return of(ImageBuilderErrorCode.RESOURCE_NOT_FOUND, "The resource ID '" + id + "' was not found.");
    }

    public static AwsException forbidden(String message) {
        return of(ImageBuilderErrorCode.FORBIDDEN, message);
    }

    public static AwsException dryRun() {
        return of(ImageBuilderErrorCode.DRY_RUN_OPERATION, "The request would have succeeded, but the dryRun flag is set.");
    }

    @Override
    public AwsException validation(List<Violation> violations) {
        Violation first = violations.get(0);
        return invalidParameter(first.path(), first.rule());
    }

    @Override
    public AwsException cannotParse(String detail) {
        return of(ImageBuilderErrorCode.INVALID_PARAMETER_VALUE, detail);
    }

    @Override
    public AwsException unknownOperation(String operation) {
        return AwsException.of("UnknownOperationException", 404, "Unknown operation: " + operation);
    }

    @Override
    public AwsException internal() {
        return of(ImageBuilderErrorCode.SERVICE, "An internal error occurred.");
    }
}
