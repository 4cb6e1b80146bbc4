package dev.stepline.mwaa.dag;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Airflow 3 trigger rules a task may declare (spec §4.2). Default {@link #ALL_SUCCESS}.
 *
 * <p>Not accepted: {@code dummy} and {@code none_failed_or_skipped} (removed in Airflow 3) and
 * {@code all_done_setup_success} (setup/teardown tasks cannot be expressed in a definition).
 */
public enum TriggerRule {
    ALL_SUCCESS,
    ALL_FAILED,
    ALL_DONE,
    ALL_DONE_MIN_ONE_SUCCESS,
    ALL_SKIPPED,
    ONE_SUCCESS,
    ONE_FAILED,
    ONE_DONE,
    NONE_FAILED,
    NONE_FAILED_MIN_ONE_SUCCESS,
    NONE_SKIPPED,
    ALWAYS;

    /** The YAML / Airflow spelling, e.g. {@code all_done}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule spelled exactly {@code name} (case-sensitive, as in Airflow), if any. */
    public static Optional<TriggerRule> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }

    /** Python-set rendering of the accepted names (sorted) for error messages. */
    static String pythonSetRepr() {
        return Arrays.stream(values()).map(TriggerRule::wireName).sorted()
                .map(PyRepr::quote).collect(Collectors.joining(", ", "{", "}"));
    }
}
