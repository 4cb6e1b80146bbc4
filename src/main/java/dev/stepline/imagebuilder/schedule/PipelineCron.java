package dev.stepline.imagebuilder.schedule;

import static java.util.Objects.requireNonNull;

import dev.stepline.imagebuilder.ImageBuilderErrorCode;
import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.mwaa.dag.CronExpression;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A pipeline's {@code schedule.scheduleExpression} and {@code schedule.timezone}, evaluated on the
 * engine clock at minute resolution.
 *
 * <p>Image Builder documents one syntax: {@code cron(<min> <hour> <day> <month> <day-of-week> <year>)}
 * with the EventBridge wildcards ({@code , - * ? / L W #}; exactly one day field is {@code ?};
 * day-of-week 1–7 or SUN–SAT). The AWS CLI's own example also uses the five-field form
 * {@code cron(0 0 * * SUN)}, which is accepted with Unix semantics. {@code rate(...)} is not an
 * Image Builder schedule (its documentation names only cron) and is refused. The time zone is an
 * IANA name, UTC when absent.
 *
 * <p>A bad expression or zone is {@code InvalidRequestException} (the error CreateImagePipeline
 * and UpdateImagePipeline model) worded as Image Builder's parameter errors:
 * {@code The value supplied for parameter 'schedule.scheduleExpression' is not valid. <why>}.
 */
public record PipelineCron(CronExpression cron, ZoneId zone) {
    public static final String EXPRESSION_PARAMETER = "schedule.scheduleExpression";
    public static final String TIMEZONE_PARAMETER = "schedule.timezone";

    public PipelineCron {
        requireNonNull(cron, "cron is null");
        requireNonNull(zone, "zone is null");
    }

    /** Parses an expression and an optional time zone; throws {@code InvalidRequestException}. */
    public static PipelineCron parse(String expression, String timezone) {
        requireNonNull(expression, "expression is null");
        String trimmed = expression.trim();
        if (!trimmed.startsWith("cron(") || !trimmed.endsWith(")")) {
            throw invalid(EXPRESSION_PARAMETER, "The schedule expression '" + expression
                    + "' must be a cron expression: cron(<minute> <hour> <day> <month> <day-of-week> <year>).");
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(trimmed.substring("cron(".length(), trimmed.length() - 1));
        } catch (IllegalArgumentException e) {
            throw invalid(EXPRESSION_PARAMETER, "The cron expression '" + expression + "' is not valid: "
                    + e.getMessage() + ".");
        }
        ZoneId zone;
        try {
            zone = timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw invalid(TIMEZONE_PARAMETER, "The timezone '" + timezone + "' is not a valid IANA time zone.");
        }
        return new PipelineCron(cron, zone);
    }

    /** The first fire time strictly after {@code afterMs} (epoch millis), if the expression fires again. */
    public Optional<Long> next(long afterMs) {
        return cron.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(afterMs), zone))
                .map(t -> t.toInstant().toEpochMilli());
    }

    private static ImageBuilderException invalid(String parameter, String detail) {
        return new ImageBuilderException(ImageBuilderErrorCode.INVALID_REQUEST,
                ImageBuilderException.invalidValueMessage(parameter, detail));
    }
}
