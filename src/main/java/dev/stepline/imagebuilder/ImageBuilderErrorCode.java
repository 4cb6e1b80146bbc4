package dev.stepline.imagebuilder;

/**
 * The Image Builder error codes the emulator returns, each with the HTTP status the real service
 * uses (spec §6.3). The {@link #code()} is what goes, bare, into {@code x-amzn-ErrorType}.
 */
public enum ImageBuilderErrorCode {
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombinationException", 400),
    INVALID_REQUEST("InvalidRequestException", 400),
    INVALID_VERSION_NUMBER("InvalidVersionNumberException", 400),
    INVALID_PAGINATION_TOKEN("InvalidPaginationTokenException", 400),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatchException", 400),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 400),
    RESOURCE_DEPENDENCY("ResourceDependencyException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    CLIENT("ClientException", 400),
    INVALID_PARAMETER("InvalidParameterException", 400),
    SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 402),
    FORBIDDEN("ForbiddenException", 403),
    ACCESS_DENIED("AccessDeniedException", 403),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    DRY_RUN_OPERATION("DryRunOperationException", 412),
    CALL_RATE_LIMIT_EXCEEDED("CallRateLimitExceededException", 429),
    SERVICE("ServiceException", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503);

    private final String code;
    private final int httpStatus;

    ImageBuilderErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The AWS error code, e.g. {@code InvalidParameterValueException}. */
    public String code() {
        return code;
    }

    /** The HTTP status the service answers with. */
    public int httpStatus() {
        return httpStatus;
    }
}
