package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 error answer: code, HTTP status, message and the extra elements S3 puts between
 * {@code <Message>} and {@code <RequestId>} (e.g. {@code <Key>}, {@code <BucketName>}), in order.
 * Like {@link dev.stepline.protocol.AwsException} it captures no stack trace; it has its own type
 * because S3 error documents are ordered XML, not a JSON member map.
 */
final class S3Error extends RuntimeException {
    private final String code;
    private final int status;
    private final Map<String, String> extras;
    private final Map<String, String> headers;

    private S3Error(String code, int status, String message, Map<String, String> extras, Map<String, String> headers) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.code = requireNonNull(code, "code is null");
        this.status = status;
        this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static S3Error of(String code, int status, String message) {
        return new S3Error(code, status, message, Map.of(), Map.of());
    }

    /** A copy with one more response header (e.g. {@code x-amz-delete-marker}); a null value is left out. */
    S3Error withHeader(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new S3Error(code, status, getMessage(), extras, copy);
    }

    Map<String, String> headers() {
        return headers;
    }

    /** A copy with one more element after the message; a null value is left out. */
    S3Error with(String element, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(extras);
        copy.put(element, value);
        return new S3Error(code, status, getMessage(), copy, headers);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    Map<String, String> extras() {
        return extras;
    }

    // The errors this store raises, worded as S3 words them.

    static S3Error noSuchBucket(String bucket) {
        return of("NoSuchBucket", 404, "The specified bucket does not exist").with("BucketName", bucket);
    }

    static S3Error noSuchKey(String key) {
        return of("NoSuchKey", 404, "The specified key does not exist.").with("Key", key);
    }

    static S3Error noSuchVersion(String key, String versionId) {
        return of("NoSuchVersion", 404, "The specified version does not exist.").with("Key", key).with("VersionId", versionId);
    }

    static S3Error accessDenied() {
        return of("AccessDenied", 403, "Access Denied");
    }

    static S3Error invalidArgument(String message, String name, String value) {
        return of("InvalidArgument", 400, message).with("ArgumentName", name).with("ArgumentValue", value);
    }

    static S3Error malformedXml() {
        return of("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    static S3Error notImplemented() {
        return of("NotImplemented", 501, "A header you provided implies functionality that is not implemented");
    }

    static S3Error methodNotAllowed(String method, String resourceType) {
        return of("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
                .with("Method", method).with("ResourceType", resourceType);
    }

    static S3Error preconditionFailed(String condition) {
        return of("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold")
                .with("Condition", condition);
    }

    static S3Error internal() {
        return of("InternalError", 500, "We encountered an internal error. Please try again.");
    }
}
