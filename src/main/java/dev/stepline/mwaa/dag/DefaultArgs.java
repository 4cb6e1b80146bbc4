package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * A DAG's validated {@code default_args} (spec §2.2): the values that feed every task, plus the
 * raw mapping for keys the service keeps but does not use.
 *
 * @param raw the mapping as written (empty object when absent)
 */
public record DefaultArgs(
        OptionalInt retries,
        Optional<Duration> retryDelay,
        Optional<Duration> executionTimeout,
        Optional<TriggerRule> triggerRule,
        Optional<Instant> startDate,
        Optional<Instant> endDate,
        JsonNode raw) {
    /** Keys {@code default_args} may contain (the union of the docs' and converter's allowlists). */
    public static final List<String> ALLOWED_KEYS = List.of(
            "owner", "email", "retries", "retry_delay", "priority_weight", "end_date", "execution_timeout",
            "trigger_rule", "start_date", "wait_for_downstream", "depends_on_past", "email_on_failure",
            "email_on_retry");

    public DefaultArgs {
        requireNonNull(retries, "retries is null");
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(executionTimeout, "executionTimeout is null");
        requireNonNull(triggerRule, "triggerRule is null");
        requireNonNull(startDate, "startDate is null");
        requireNonNull(endDate, "endDate is null");
        raw = requireNonNull(raw, "raw is null").deepCopy();
    }

    /** The mapping as written (a copy). */
    @Override
    public JsonNode raw() {
        return raw.deepCopy();
    }
}
