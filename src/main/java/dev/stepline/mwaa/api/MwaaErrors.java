package dev.stepline.mwaa.api;

import dev.stepline.mwaa.dag.DefinitionException;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.ErrorPolicy;
import dev.stepline.protocol.validate.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MWAA Serverless errors (spec §6.3): a Smithy service, so {@code ValidationException} carries
 * {@code Reason} and a {@code FieldList} of {@code {Name, Message}}, and not-found/conflict
 * errors carry {@code ResourceId} and {@code ResourceType}.
 */
public final class MwaaErrors implements ErrorPolicy {
    /** The policy as a value, for handlers that report a model-style violation themselves. */
    static final MwaaErrors POLICY = new MwaaErrors();

    public static AwsException validation(String reason, String message, List<Map<String, String>> fields) {
        AwsException e = AwsException.of("ValidationException", 400, message).with("Reason", reason);
        return fields.isEmpty() ? e : e.with("FieldList", fields);
    }

    public static AwsException invalidField(String field, String message) {
        return validation("other", message, List.of(entry(field, message)));
    }

    /** One {@code fieldValidationFailed} violation, worded like the protocol layer's own. */
    public static AwsException fieldViolation(String path, Object value, String rule) {
        return POLICY.validation(List.of(new Violation(path, value, rule)));
    }

    public static AwsException notFound(String resourceType, String resourceId, String message) {
        return AwsException.of("ResourceNotFoundException", 404, message)
                .with("ResourceId", resourceId).with("ResourceType", resourceType);
    }

    public static AwsException conflict(String resourceType, String resourceId, String message) {
        return AwsException.of("ConflictException", 409, message)
                .with("ResourceId", resourceId).with("ResourceType", resourceType);
    }

    public static AwsException quotaExceeded(String resourceType, String resourceId, String quotaCode, String message) {
        return AwsException.of("ServiceQuotaExceededException", 402, message)
                .with("ResourceId", resourceId).with("ResourceType", resourceType)
                .with("ServiceCode", "airflow-serverless").with("QuotaCode", quotaCode);
    }

    public static AwsException invalidNextToken() {
        return validation("other", "Invalid NextToken", List.of(entry("NextToken", "Invalid NextToken")));
    }

    /** A {@code ValidationExceptionField}, members in model order ({@code Name}, then {@code Message}). */
    private static Map<String, String> entry(String name, String message) {
        Map<String, String> field = new LinkedHashMap<>();
        field.put("Name", name);
        field.put("Message", message);
        return field;
    }

    @Override
    public AwsException translate(RuntimeException e) {
        return e instanceof DefinitionException d
                ? validation(d.reason(), d.getMessage(), List.of(entry(d.field(), d.getMessage())))
                : null;
    }

    @Override
    public AwsException validation(List<Violation> violations) {
        List<Map<String, String>> fields = violations.stream()
                .map(v -> entry(v.path(), v.rule()))
                .toList();
        return validation("fieldValidationFailed", ErrorPolicy.coralMessage(violations), fields);
    }

    @Override
    public AwsException cannotParse(String detail) {
        return validation("cannotParse", detail, List.of());
    }

    @Override
    public AwsException unknownOperation(String operation) {
        return AwsException.of("UnknownOperationException", 400, "Unknown operation " + operation);
    }

    @Override
    public AwsException internal() {
        return AwsException.of("InternalServerException", 500, "An internal error occurred.");
    }
}
