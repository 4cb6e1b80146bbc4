package dev.stepline.protocol;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error that reaches the client as a modelled AWS error: its code (the exception shape name),
 * its HTTP status, its message and any extra body members the model gives the shape
 * (e.g. MWAA's {@code Reason} and {@code FieldList}, Step Functions' {@code resourceName}).
 * Raised from service code; serialised by the protocol that received the request. No stack
 * trace is captured: these are answers, not bugs.
 */
public final class AwsException extends RuntimeException {
    private final String code;
    private final int status;
    private final Map<String, Object> members;
    private final String typeNamespace;

    private AwsException(String code, int status, String message, Map<String, Object> members, String typeNamespace) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.code = requireNonNull(code, "code is null");
        this.status = status;
        this.members = Map.copyOf(members);
        this.typeNamespace = typeNamespace;
    }

    public static AwsException of(String code, int status, String message) {
        return new AwsException(code, status, message, Map.of(), null);
    }

    /** A copy with one more body member. */
    public AwsException with(String member, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(members);
        copy.put(member, value);
        return new AwsException(code, status, getMessage(), copy, typeNamespace);
    }

    /** A copy whose awsJson {@code __type} is {@code namespace#code} (SDKs strip the namespace). */
    public AwsException inNamespace(String namespace) {
        return new AwsException(code, status, getMessage(), members, namespace);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> members() {
        return members;
    }

    /** The {@code __type} value: the bare code, or {@code namespace#code}. */
    public String type() {
        return typeNamespace == null ? code : typeNamespace + "#" + code;
    }
}
