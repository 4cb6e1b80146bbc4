package dev.stepline.mwaa.api;

import dev.stepline.protocol.validate.Violation;
import java.util.List;
import java.util.Locale;

/**
 * {@code TriggerMode} values (spec §3.1, §8 item 1): the model leaves it a free string; we accept
 * {@code scheduled}, {@code manual_only} (alias {@code manual}) and {@code disabled} in any case,
 * store and echo the canonical lowercase value, and reject anything else.
 */
final class TriggerModes {
    static final String SCHEDULED = "scheduled";
    static final String MANUAL_ONLY = "manual_only";
    static final String DISABLED = "disabled";
    static final String RULE = "Member must satisfy enum value set: [" + SCHEDULED + ", " + MANUAL_ONLY + ", "
            + DISABLED + "]";

    private TriggerModes() {}

    /**
     * The canonical value of {@code value}, or null when it is null (the caller picks the default).
     *
     * @throws dev.stepline.protocol.AwsException {@code ValidationException} ({@code fieldValidationFailed},
     *         field {@code TriggerMode}) for anything else
     */
    static String canonical(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case SCHEDULED -> SCHEDULED;
            case MANUAL_ONLY, "manual" -> MANUAL_ONLY;
            case DISABLED -> DISABLED;
            default -> throw MwaaErrors.POLICY.validation(List.of(new Violation("TriggerMode", value, RULE)));
        };
    }
}
