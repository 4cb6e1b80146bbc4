package dev.stepline.sfn.api;

import static java.util.Objects.requireNonNull;

/**
 * A Step Functions ARN, {@code arn:<partition>:states:<region>:<account>:<type>:<rest>}
 * (spec §2.2). Parsing checks the shape and the resource type the operation expects, raising
 * {@code InvalidArn} with AWS's wording; whether the resource exists is the caller's question.
 */
public record SfnArn(String partition, String region, String account, String type, String resource) {
    public SfnArn {
        requireNonNull(partition, "partition is null");
        requireNonNull(region, "region is null");
        requireNonNull(account, "account is null");
        requireNonNull(type, "type is null");
        requireNonNull(resource, "resource is null");
    }

    /** Parses {@code value} and requires one of {@code allowedTypes} (e.g. {@code activity}). */
    public static SfnArn parse(String value, String... allowedTypes) {
        if (!value.startsWith("arn:")) {
            throw SfnErrors.invalidArnPrefix(value);
        }
        String[] parts = value.split(":", 7);
        if (parts.length < 7 || !"states".equals(parts[2]) || parts[3].isEmpty() || !parts[4].matches("[0-9]{12}")
                || parts[6].isEmpty()) {
            throw SfnErrors.invalidArn(value);
        }
        for (String allowed : allowedTypes) {
            if (allowed.equals(parts[5])) {
                return new SfnArn(parts[1], parts[3], parts[4], parts[5], parts[6]);
            }
        }
        throw SfnErrors.invalidArnType(parts[5]);
    }

    public static String of(String region, String account, String type, String resource) {
        return "arn:aws:states:" + region + ":" + account + ":" + type + ":" + resource;
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":states:" + region + ":" + account + ":" + type + ":" + resource;
    }
}
