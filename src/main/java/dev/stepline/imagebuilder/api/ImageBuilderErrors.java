package dev.stepline.imagebuilder.api;

import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.ErrorPolicy;
import dev.stepline.protocol.validate.Violation;
import java.util.List;

/**
 * Image Builder's errors (spec §5.0, §6.3). Structural problems are all
 * {@code InvalidParameterValueException} worded
 * {@code The value supplied for parameter '<path>' is not valid. <detail>}; the service never
 * answers a generic {@code ValidationException} (spec §7 #13).
 */
public final class ImageBuilderErrors implements ErrorPolicy {
    public static AwsException invalidParameter(String parameter, String detail) {
        return AwsException.of("InvalidParameterValueException", 400,
                "The value supplied for parameter '" + parameter + "' is not valid." + (detail.isEmpty() ? "" : " " + detail));
    }

    public static AwsException invalidParameterCombination(String message) {
        return AwsException.of("InvalidParameterCombinationException", 400, message);
    }

    public static AwsException invalidRequest(String message) {
        return AwsException.of("InvalidRequestException", 400, message);
    }

    public static AwsException invalidVersionNumber(String message) {
        return AwsException.of("InvalidVersionNumberException", 400, message);
    }

    public static AwsException invalidPaginationToken() {
        return AwsException.of("InvalidPaginationTokenException", 400, "The provided pagination token is not valid.");
    }

    public static AwsException idempotentParameterMismatch(String clientToken) {
        return AwsException.of("IdempotentParameterMismatchException", 400,
                "The client token '" + clientToken + "' was used with different request parameters.");
    }

    public static AwsException alreadyExists(String message) {
        return AwsException.of("ResourceAlreadyExistsException", 400, message);
    }

    public static AwsException dependency(String arn) {
        return AwsException.of("ResourceDependencyException", 400,
                "Resource dependency error: The resource ARN '" + arn + "' has other resources depended on it.");
    }

    public static AwsException inUse(String message) {
        return AwsException.of("ResourceInUseException", 400, message);
    }

    public static AwsException notFound(String arn) {
        return AwsException.of("ResourceNotFoundException", 404, "The resource ARN '" + arn + "' was not found.");
    }

    public static AwsException notFoundId(String id) {
        return AwsException.of("ResourceNotFoundException", 404, "The resource ID '" + id + "' was not found.");
    }

    public static AwsException forbidden(String message) {
        return AwsException.of("ForbiddenException", 403, message);
    }

    public static AwsException dryRun() {
        return AwsException.of("DryRunOperationException", 412, "The request would have succeeded, but the dryRun flag is set.");
    }

    @Override
    public AwsException validation(List<Violation> violations) {
        Violation first = violations.get(0);
        return invalidParameter(first.path(), first.rule());
    }

    @Override
    public AwsException cannotParse(String detail) {
        return AwsException.of("InvalidParameterValueException", 400, detail);
    }

    @Override
    public AwsException unknownOperation(String operation) {
        return AwsException.of("UnknownOperationException", 404, "Unknown operation: " + operation);
    }

    @Override
    public AwsException internal() {
        return AwsException.of("ServiceException", 500, "An internal error occurred.");
    }
}
