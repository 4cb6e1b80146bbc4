package dev.stepline.mwaa.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {

    private static ZonedDateTime utc(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("UTC"));
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // Unix 5-field (croniter semantics)
        "30 2 * * *        | 2025-06-01T02:30 | 2025-06-02T02:30",
        "30 2 * * *        | 2025-06-01T02:29 | 2025-06-01T02:30",
        "*/15 * * * *      | 2025-06-01T10:07 | 2025-06-01T10:15",
        "0 9-17/4 * * *    | 2025-06-01T10:00 | 2025-06-01T13:00",
        "0 0 * * 0         | 2025-06-02T00:00 | 2025-06-08T00:00",
        "0 0 * * 7         | 2025-06-02T00:00 | 2025-06-08T00:00",
        "0 0 * * MON-FRI   | 2025-06-06T12:00 | 2025-06-09T00:00",
        "0 0 1 JAN,jul *   | 2025-06-01T00:00 | 2025-07-01T00:00",
        "0 0 L * *         | 2025-02-10T00:00 | 2025-02-28T00:00",
        "0 0 13 * 5        | 2025-06-01T00:00 | 2025-06-06T00:00",
        "0 0 * * 1#2       | 2025-06-01T00:00 | 2025-06-09T00:00",
        "0 0 * * 5L        | 2025-06-01T00:00 | 2025-06-27T00:00",
        "0 0 29 2 *        | 2025-01-01T00:00 | 2028-02-29T00:00",
        "5/20 * * * *      | 2025-06-01T00:06 | 2025-06-01T00:25",
        // EventBridge 6-field
        "0 0 * * ? *       | 2025-06-01T00:00 | 2025-06-02T00:00",
        "0 12 ? * 2 *      | 2025-06-01T00:00 | 2025-06-02T12:00",
        "0 12 ? * MON-FRI * | 2025-06-07T00:00 | 2025-06-09T12:00",
        "0 8 L * ? *       | 2025-04-01T00:00 | 2025-04-30T08:00",
        "0 8 LW * ? *      | 2025-05-01T00:00 | 2025-05-30T08:00",
        "0 8 15W * ? *     | 2025-06-01T00:00 | 2025-06-16T08:00",
        "0 8 1W * ? *      | 2025-11-01T00:00 | 2025-11-03T08:00",
        "0 10 ? * 6L *     | 2025-06-01T00:00 | 2025-06-27T10:00",
        "0 10 ? * 2#1 *    | 2025-06-03T00:00 | 2025-07-07T10:00",
        "0 0 1 1 ? 2027    | 2025-06-01T00:00 | 2027-01-01T00:00",
    })
    void nextFireTime(String expression, String after, String expected) {
        assertThat(CronExpression.parse(expression.trim()).next(utc(after))).contains(utc(expected));
    }

    @Test
    void unixDayFieldsAreOredWhenBothRestricted() {
        CronExpression c = CronExpression.parse("0 0 13 * 5");
        assertThat(c.matches(LocalDateTime.parse("2025-06-13T00:00"))).isTrue(); // Friday the 13th
        assertThat(c.matches(LocalDateTime.parse("2025-06-06T00:00"))).isTrue(); // a Friday
        assertThat(c.matches(LocalDateTime.parse("2025-07-13T00:00"))).isTrue(); // a Sunday, the 13th
        assertThat(c.matches(LocalDateTime.parse("2025-06-07T00:00"))).isFalse();
    }

    @Test
    void dialectFollowsFieldCount() {
        assertThat(CronExpression.parse("0 0 * * *").dialect()).isEqualTo(CronExpression.Dialect.UNIX);
        assertThat(CronExpression.parse("0 0 * * ? *").dialect()).isEqualTo(CronExpression.Dialect.EVENTBRIDGE);
    }

    @Test
    void neverFiringExpressionsReturnEmpty() {
        assertThat(CronExpression.parse("0 0 30 2 *").next(utc("2025-01-01T00:00"))).isEmpty();
        assertThat(CronExpression.parse("0 0 1 1 ? 2020").next(utc("2025-01-01T00:00"))).isEmpty();
    }

    @Test
    void evaluatesInTheGivenZoneAndSkipsDstGaps() {
        ZoneId ams = ZoneId.of("Europe/Amsterdam");
        CronExpression c = CronExpression.parse("30 2 * * *");
        // 2025-03-30 02:30 does not exist in Amsterdam
        assertThat(c.next(ZonedDateTime.of(2025, 3, 29, 12, 0, 0, 0, ams)))
                .contains(ZonedDateTime.of(2025, 3, 31, 2, 30, 0, 0, ams));
    }

    @Test
    void nextIsStrictlyAfterAndIgnoresSeconds() {
        CronExpression c = CronExpression.parse("* * * * *");
        assertThat(c.next(utc("2025-06-01T10:00:30"))).contains(utc("2025-06-01T10:01"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "60 * * * *      | minute value 60 out of range 0-59",
        "* 24 * * *      | hour value 24 out of range 0-23",
        "* * 0 * *       | day-of-month value 0 out of range 1-31",
        "* * * 13 *      | month value 13 out of range 1-12",
        "* * * * 8       | day-of-week value 8 out of range 0-7",
        "* * * FOO *     | invalid month value: 'FOO'",
        "*/0 * * * *     | step must be at least 1 in minute field: */0",
        "5-1 * * * *     | range start after range end in minute field: 5-1",
        "1,,2 * * * *    | empty element in minute field",
        "0 0 ? * 0 *     | day-of-week value 0 out of range 1-7",
        "0 0 ? * ? *     | exactly one of day-of-month and day-of-week must be '?'",
        "0 0 1 * 1 *     | exactly one of day-of-month and day-of-week must be '?'",
        "0 0 1 1 ? 1969  | year value 1969 out of range 1970-2199",
        "0 0 * * 1#6     | day-of-week occurrence must be 1-5: 1#6",
        "0 0 15W * *     | invalid day-of-month value: '15W'",
    })
    void rejects(String expression, String reason) {
        assertThatThrownBy(() -> CronExpression.parse(expression.trim()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason.trim());
    }
}
