package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * A DAG's {@code schedule} (spec §2.2, §3.7): none, {@code @once}, or a recurring cron schedule
 * (a 5-field Unix or 6-field EventBridge expression, or a preset such as {@code @daily}).
 *
 * <p>{@link #cronExpression()} is what {@code ScheduleConfiguration.CronExpression} reports:
 * the YAML string exactly as written, absent when unscheduled.
 */
public sealed interface Schedule {
    /** The schedule text as written in the YAML; empty for {@link Unscheduled}. */
    Optional<String> cronExpression();

    /** YAML {@code null}, a missing key, or the string {@code None} (any case): on-demand only. */
    record Unscheduled() implements Schedule {
        @Override
        public Optional<String> cronExpression() {
            return Optional.empty();
        }
    }

    /** {@code @once}: a single scheduled run per version at {@code max(now, start_date)}. */
    record Once(String expression) implements Schedule {
        public Once {
            requireNonNull(expression, "expression is null");
        }

        @Override
        public Optional<String> cronExpression() {
            return Optional.of(expression);
        }
    }

    /**
     * A recurring schedule. {@code expression} is the YAML text; {@code cron} its evaluator
     * (a preset is evaluated as its Airflow cron equivalent, e.g. {@code @daily} as {@code 0 0 * * *}).
     */
    record Recurring(String expression, CronExpression cron) implements Schedule {
        public Recurring {
            requireNonNull(expression, "expression is null");
            requireNonNull(cron, "cron is null");
        }

        @Override
        public Optional<String> cronExpression() {
            return Optional.of(expression);
        }

        /** The first fire time strictly after {@code after}, in its zone; see {@link CronExpression#next}. */
        public Optional<ZonedDateTime> next(ZonedDateTime after) {
            return cron.next(after);
        }
    }

    /** The unscheduled singleton. */
    Schedule NONE = new Unscheduled();

    /** Airflow presets and the cron they stand for. */
    Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@quarterly", "0 0 1 */3 *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    /**
     * Parses a schedule string (not null; callers map YAML null to {@link #NONE}).
     *
     * @throws DefinitionException for {@code @continuous}, {@code rate(...)}, unknown presets and
     *         invalid cron expressions
     */
    static Schedule parse(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("none")) {
            return NONE;
        }
        if (trimmed.equals("@once")) {
            return new Once(text);
        }
        if (trimmed.startsWith("@")) {
            String cron = PRESETS.get(trimmed);
            if (cron == null) {
                throw new DefinitionException(DefinitionMessages.invalidSchedule(text,
                        "unsupported preset; use @once, @hourly, @daily, @weekly, @monthly, @quarterly, "
                                + "@yearly or @annually"));
            }
            return new Recurring(text, CronExpression.parse(cron));
        }
        if (trimmed.startsWith("rate(") || trimmed.startsWith("cron(") || trimmed.startsWith("at(")) {
            throw new DefinitionException(DefinitionMessages.invalidSchedule(text,
                    "EventBridge rate(), cron() and at() wrappers are not supported; write the cron fields only"));
        }
        try {
            return new Recurring(text, CronExpression.parse(trimmed));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(DefinitionMessages.invalidSchedule(text, e.getMessage()));
        }
    }
}
