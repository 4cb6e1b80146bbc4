package dev.stepline.sfn.api;

import dev.stepline.sfn.asl.TaskResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * TestState's {@code mock.fieldValidationMode} (model: MockResponseValidationMode): a mocked Task result is
 * checked against the response shape of the integration it stands for. STRICT (the default) checks the present
 * fields and requires the required ones; PRESENT only checks the present fields; NONE checks nothing. Fields the
 * shape does not name are accepted ([aws-snap]: {@code {"random": "json"}} passes STRICT for
 * {@code events:putEvents}).
 *
 * <p>Stepline knows the response shapes of a documented subset of integrations only (the ones AWS was observed
 * validating, written from their service models); mocks for any other resource are taken as given, as with NONE.
 * Messages are AWS's ({@code Mock result schema validation error: …}, [aws-snap]).
 */
final class MockResultSchemas {
    private MockResultSchemas() {}

    /** A response shape. */
    sealed interface Shape {}

    record Str(int minLength) implements Shape {}

    record Num(Long min, Long max) implements Shape {}

    record Enum(Set<String> values) implements Shape {}

    record Arr(Shape member) implements Shape {}

    record Struct(Map<String, Shape> members, Set<String> required) implements Shape {}

    record Any() implements Shape {}

    private static final Shape STRING = new Str(0);
    private static final Shape NUMBER = new Num(null, null);
    /** Timestamps are expected as strings ([aws-snap]: a number or boolean StartDate "must be a string"). */
    private static final Shape TIMESTAMP = STRING;
    private static final Shape CONSUMED_CAPACITY = struct(Map.of("TableName", STRING, "CapacityUnits", NUMBER,
            "ReadCapacityUnits", NUMBER, "WriteCapacityUnits", NUMBER));

    /** Response shapes by integration ({@code lambda:invoke}, {@code aws-sdk:s3:getObject}, …). */
    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("states:startExecution", new Struct(ordered("ExecutionArn", STRING, "StartDate", TIMESTAMP),
                    Set.of("ExecutionArn", "StartDate"))),
            Map.entry("lambda:invoke", struct(Map.of("StatusCode", NUMBER, "FunctionError", STRING, "LogResult", STRING,
                    "ExecutedVersion", STRING, "Payload", new Any()))),
            Map.entry("events:putEvents", struct(Map.of("FailedEntryCount", NUMBER, "Entries", new Arr(struct(Map.of(
                    "EventId", STRING, "ErrorCode", STRING, "ErrorMessage", STRING)))))),
            Map.entry("dynamodb:getItem", struct(Map.of("Item", new Any(), "ConsumedCapacity", CONSUMED_CAPACITY))),
            Map.entry("dynamodb:putItem", struct(Map.of("Attributes", new Any(), "ConsumedCapacity", CONSUMED_CAPACITY))),
            Map.entry("dynamodb:updateItem", struct(Map.of("Attributes", new Any(), "ConsumedCapacity", CONSUMED_CAPACITY))),
            Map.entry("dynamodb:deleteItem", struct(Map.of("Attributes", new Any(), "ConsumedCapacity", CONSUMED_CAPACITY))),
            Map.entry("aws-sdk:s3:getObject", struct(Map.of("ContentLength", NUMBER, "ContentType", STRING, "ETag", STRING,
                    "StorageClass", new Enum(Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
                            "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
                            "EXPRESS_ONEZONE", "FSX_OPENZFS"))))),
            Map.entry("aws-sdk:kms:encrypt", struct(Map.of("CiphertextBlob", new Str(1), "KeyId", new Str(1),
                    "EncryptionAlgorithm", new Enum(Set.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1",
                            "RSAES_OAEP_SHA_256", "SM2PKE"))))),
            Map.entry("aws-sdk:lambda:getFunction", struct(Map.of("Configuration", struct(Map.of("FunctionName", STRING,
                    "FunctionArn", STRING, "MemorySize", new Num(128L, 10240L), "Timeout", new Num(1L, null)))))),
            Map.entry("sqs:sendMessage", struct(Map.of("MessageId", STRING, "SequenceNumber", STRING))));

    /**
     * The first violation of {@code result} against the integration's response shape, as AWS words it, or empty.
     *
     * @param mode STRICT, PRESENT or NONE (null means STRICT)
     */
    static Optional<String> violation(TaskResource resource, JsonNode result, String mode) {
        if ("NONE".equals(mode) || resource.integration() == null) {
            return Optional.empty();
        }
        Shape shape = SHAPES.get(resource.integration());
        if (shape == null || !result.isObject()) {
            return Optional.empty();
        }
        String problem = check(shape, result, null, !"PRESENT".equals(mode));
        return Optional.ofNullable(problem).map(p -> "Mock result schema validation error: " + p);
    }

    private static String check(Shape shape, JsonNode value, String field, boolean strict) {
        return switch (shape) {
            case Any ignored -> null;
            case Str str -> !value.isString() ? "Field '" + field + "' must be a string"
                    : value.asString().length() < str.minLength() ? "Field '" + field + "' is smaller than the minimum length"
                    : null;
            case Num num -> !value.isNumber() ? "Field '" + field + "' must be a number"
                    : num.min() != null && value.longValue() < num.min() ? "Field '" + field + "' is less than the minimum value"
                    : num.max() != null && value.longValue() > num.max() ? "Field '" + field + "' exceeds the maximum value"
                    : null;
            case Enum values -> !value.isString() ? "Field '" + field + "' must be a string"
                    : !values.values().contains(value.asString()) ? "Field '" + field + "' is not an expected value" : null;
            case Arr array -> {
                if (!value.isArray()) {
                    yield "Field '" + field + "' must be an array";
                }
                for (JsonNode element : value) {
                    String problem = check(array.member(), element, field, strict);
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            case Struct struct -> {
                if (!value.isObject()) {
                    yield "Field '" + field + "' must be an object"; // [unverified] wording
                }
                if (strict) {
                    for (String required : struct.members().keySet()) {
                        if (struct.required().contains(required) && !value.has(required)) {
                            yield "Required field '" + required + "' is missing";
                        }
                    }
                }
                for (Map.Entry<String, Shape> member : struct.members().entrySet()) {
                    JsonNode child = value.get(member.getKey());
                    if (child != null && !child.isNull()) {
                        String problem = check(member.getValue(), child, member.getKey(), strict);
                        if (problem != null) {
                            yield problem;
                        }
                    }
                }
                yield null;
            }
        };
    }

    private static Struct struct(Map<String, Shape> members) {
        return new Struct(members, Set.of());
    }

    private static Map<String, Shape> ordered(Object... pairs) {
        Map<String, Shape> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Shape) pairs[i + 1]);
        }
        return map;
    }
}
