package dev.stepline.mwaa.api;

import dev.stepline.mwaa.api.WorkflowShapes.EncryptionConfiguration;
import java.util.Map;

/**
 * Checks the model cannot express as member constraints (spec §5.1 step 1, §5.13), and one it
 * can but the shared validator reads differently: the model's {@code .+} / {@code .*} patterns
 * do not match line breaks (Smithy patterns are ECMAScript regexes, where {@code .} excludes
 * them), while the protocol validator compiles patterns with DOTALL.
 */
final class RequestChecks {
    /** The only engine version of this API (Smithy intEnum {@code ONE = 1}). */
    static final int ENGINE_VERSION = 1;
    private static final String RESERVED_TAG_PREFIX = "aws:";

    private RequestChecks() {}

    /** {@code EngineVersion} absent or 1; the version to store. */
    static int engineVersion(Integer requested, int otherwise) {
        if (requested == null) {
            return otherwise;
        }
        if (requested != ENGINE_VERSION) {
            throw MwaaErrors.invalidField("EngineVersion",
                    "Unsupported EngineVersion " + requested + "; the supported engine version is " + ENGINE_VERSION + ".");
        }
        return requested;
    }

    /** The configuration to keep: {@code AWS_MANAGED_KEY} when absent; a customer key needs {@code KmsKeyId}. */
    static EncryptionConfiguration encryption(EncryptionConfiguration requested) {
        if (requested == null) {
            return new EncryptionConfiguration("AWS_MANAGED_KEY", null);
        }
        if ("CUSTOMER_MANAGED_KEY".equals(requested.type()) && (requested.kmsKeyId() == null || requested.kmsKeyId().isEmpty())) {
            throw MwaaErrors.invalidField("EncryptionConfiguration.KmsKeyId",
                    "KmsKeyId is required when EncryptionConfiguration.Type is CUSTOMER_MANAGED_KEY.");
        }
        return requested;
    }

    /** {@code DescriptionString} is {@code .+}: one line. */
    static void description(String description) {
        if (description != null && hasLineBreak(description)) {
            throw MwaaErrors.fieldViolation("Description", description,
                    "Member must satisfy regular expression pattern: .+");
        }
    }

    /** Tag keys and values are one line ({@code .*}); keys starting with {@code aws:} are reserved. */
    static void tags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (hasLineBreak(tag.getKey()) || (tag.getValue() != null && hasLineBreak(tag.getValue()))) {
                throw MwaaErrors.fieldViolation("Tags." + tag.getKey(), hasLineBreak(tag.getKey()) ? tag.getKey() : tag.getValue(),
                        "Member must satisfy regular expression pattern: .*");
            }
            if (tag.getKey().regionMatches(true, 0, RESERVED_TAG_PREFIX, 0, RESERVED_TAG_PREFIX.length())) {
                throw MwaaErrors.invalidField("Tags",
                        "Tag keys starting with 'aws:' are reserved for system use: " + tag.getKey());
            }
        }
    }

    private static boolean hasLineBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
