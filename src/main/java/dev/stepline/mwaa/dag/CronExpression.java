package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed cron expression in one of the two dialects a definition's {@code schedule} may use
 * (spec §3.7), evaluated at minute resolution in a caller-chosen time zone.
 *
 * <ul>
 *   <li>{@link Dialect#UNIX}: 5 fields {@code min hour dom month dow} with croniter semantics:
 *       day-of-week 0–7 (0 and 7 are Sunday) or {@code SUN}–{@code SAT}; when both day fields are
 *       restricted a day matches if <em>either</em> does; {@code L} (last day) in day-of-month;
 *       {@code d#n} (n-th weekday) and {@code dL} (last weekday d) in day-of-week.</li>
 *   <li>{@link Dialect#EVENTBRIDGE}: 6 fields {@code min hour dom month dow year}; exactly one of
 *       the day fields must be {@code ?}; day-of-week 1–7 (1 is Sunday); {@code L}, {@code W},
 *       {@code LW} in day-of-month; {@code #}, {@code dL} in day-of-week; years 1970–2199.</li>
 * </ul>
 * Both take lists ({@code ,}), ranges ({@code a-b}), steps ({@code *}/n, {@code a-b/n},
 * {@code a/n}) and month / weekday names (case-insensitive). Immutable and thread-safe.
 */
public final class CronExpression {
    /** Which cron grammar an expression uses; chosen by its field count. */
    public enum Dialect {
        UNIX,
        EVENTBRIDGE
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4),
            Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8),
            Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;

    private final String expression;
    private final Dialect dialect;
    private final long minutes;
    private final long hours;
    private final long months;
    private final BitSet years;
    private final DayRules days;

    private CronExpression(String expression, Dialect dialect, long minutes, long hours, long months,
            BitSet years, DayRules days) {
        this.expression = expression;
        this.dialect = dialect;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.days = days;
    }

    /**
     * Parses a 5-field Unix or 6-field EventBridge expression (fields separated by blanks).
     *
     * @throws IllegalArgumentException with a one-line reason when the expression is invalid
     */
    public static CronExpression parse(String expression) {
        requireNonNull(expression, "expression is null");
        String[] f = expression.trim().split("\\s+");
        Dialect dialect = switch (f.length) {
            case 5 -> Dialect.UNIX;
            case 6 -> Dialect.EVENTBRIDGE;
            default -> throw new IllegalArgumentException(
                    "expected 5 fields (Unix cron) or 6 fields (EventBridge cron), got " + f.length);
        };
        boolean eb = dialect == Dialect.EVENTBRIDGE;
        long minutes = new FieldParser("minute", 0, 59, Map.of()).mask(f[0]);
        long hours = new FieldParser("hour", 0, 23, Map.of()).mask(f[1]);
        long months = new FieldParser("month", 1, 12, MONTHS).mask(f[3]);
        BitSet years = null;
        if (eb) {
            years = new BitSet();
            long[] words = new FieldParser("year", MIN_YEAR, MAX_YEAR, Map.of()).bits(f[5]);
            for (int y = MIN_YEAR; y <= MAX_YEAR; y++) {
                if ((words[(y - MIN_YEAR) >> 6] & (1L << ((y - MIN_YEAR) & 63))) != 0) {
                    years.set(y - MIN_YEAR);
                }
            }
        }
        boolean domAny = f[2].equals("*") || f[2].equals("?");
        boolean dowAny = f[4].equals("*") || f[4].equals("?");
        if (eb && f[2].equals("?") == f[4].equals("?")) {
            throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be '?'");
        }
        DayRules days = DayRules.parse(f[2], f[4], eb, domAny, dowAny);
        return new CronExpression(expression, dialect, minutes, hours, months, years, days);
    }

    /** The expression exactly as given to {@link #parse}. */
    public String expression() {
        return expression;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether the minute {@code time} (seconds ignored) is a fire time. */
    public boolean matches(LocalDateTime time) {
        LocalDate d = time.toLocalDate();
        return dayMatches(d) && bit(hours, time.getHour()) && bit(minutes, time.getMinute());
    }

    /**
     * The first fire time strictly after {@code after}, in {@code after}'s zone. Local times
     * skipped by a DST gap do not fire; a repeated local time fires once (earlier offset).
     *
     * @return empty when the expression never fires again (e.g. {@code 0 0 30 2 *}, past years)
     */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        LocalDateTime start = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate limit = dialect == Dialect.EVENTBRIDGE
                ? LocalDate.of(MAX_YEAR, 12, 31) : start.toLocalDate().plusYears(400);
        LocalDate day = start.toLocalDate();
        while (!day.isAfter(limit)) {
            if (!bit(months, day.getMonthValue()) || (years != null && !years.get(day.getYear() - MIN_YEAR))) {
                day = day.with(TemporalAdjusters.firstDayOfNextMonth());
                continue;
            }
            if (days.matches(day, dialect == Dialect.EVENTBRIDGE)) {
                Optional<ZonedDateTime> hit = firstTimeOf(day, day.equals(start.toLocalDate()) ? start : null, after);
                if (hit.isPresent()) {
                    return hit;
                }
            }
            day = day.plusDays(1);
        }
        return Optional.empty();
    }

    private Optional<ZonedDateTime> firstTimeOf(LocalDate day, LocalDateTime notBefore, ZonedDateTime after) {
        for (int h = 0; h < 24; h++) {
            if (!bit(hours, h)) {
                continue;
            }
            for (int m = 0; m < 60; m++) {
                if (!bit(minutes, m)) {
                    continue;
                }
                LocalDateTime local = day.atTime(h, m);
                if (notBefore != null && local.isBefore(notBefore)) {
                    continue;
                }
                ZonedDateTime z = ZonedDateTime.ofLocal(local, after.getZone(), null);
                if (z.toLocalDateTime().equals(local) && z.isAfter(after)) {
                    return Optional.of(z);
                }
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate d) {
        return bit(months, d.getMonthValue())
                && (years == null || (d.getYear() >= MIN_YEAR && d.getYear() <= MAX_YEAR
                        && years.get(d.getYear() - MIN_YEAR)))
                && days.matches(d, dialect == Dialect.EVENTBRIDGE);
    }

    private static boolean bit(long mask, int i) {
        return (mask & (1L << i)) != 0;
    }

    @Override
    public String toString() {
        return expression;
    }

    /** Parses one field into a bit set over [min, max]; names are matched case-insensitively. */
    private record FieldParser(String name, int min, int max, Map<String, Integer> names) {
        long mask(String field) {
            return bits(field)[0] << min;
        }

        /** Bits for values min..max, bit i = value min+i. */
        long[] bits(String field) {
            long[] words = new long[((max - min) >> 6) + 1];
            for (String part : field.split(",", -1)) {
                int[] r = range(part);
                for (int v = r[0]; v <= r[1]; v += r[2]) {
                    words[(v - min) >> 6] |= 1L << ((v - min) & 63);
                }
            }
            return words;
        }

        /** {from, to, step} of one list element. */
        int[] range(String part) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty element in " + name + " field");
            }
            String base = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                base = part.substring(0, slash);
                step = number(part.substring(slash + 1));
                if (step < 1) {
                    throw new IllegalArgumentException("step must be at least 1 in " + name + " field: " + part);
                }
            }
            int from;
            int to;
            if (base.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = base.indexOf('-', 1);
                from = value(dash < 0 ? base : base.substring(0, dash));
                to = dash < 0 ? (slash >= 0 ? max : from) : value(base.substring(dash + 1));
                if (from > to) {
                    throw new IllegalArgumentException("range start after range end in " + name + " field: " + part);
                }
            }
            return new int[] {from, to, step};
        }

        int value(String token) {
            Integer named = names.get(token.toUpperCase(Locale.ROOT));
            int v = named != null ? named : number(token);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " value " + token + " out of range " + min + "-" + max);
            }
            return v;
        }

        private int number(String token) {
            if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid " + name + " value: '" + token + "'");
            }
            return Integer.parseInt(token);
        }
    }

    /** Day-of-month and day-of-week rules, including L / W / # forms. */
    private record DayRules(boolean domAny, boolean dowAny, long domMask, boolean lastDay, boolean lastWeekday,
            List<Integer> nearestWeekday, long dowMask, long lastDowMask, List<int[]> nthDow) {

        static DayRules parse(String dom, String dow, boolean eb, boolean domAny, boolean dowAny) {
            long domMask = 0;
            boolean lastDay = false;
            boolean lastWeekday = false;
            List<Integer> nearest = new ArrayList<>();
            if (!domAny) {
                FieldParser p = new FieldParser("day-of-month", 1, 31, Map.of());
                for (String part : dom.split(",", -1)) {
                    String u = part.toUpperCase(Locale.ROOT);
                    if (u.equals("L")) {
                        lastDay = true;
                    } else if (eb && u.equals("LW")) {
                        lastWeekday = true;
                    } else if (eb && u.endsWith("W") && u.length() > 1) {
                        nearest.add(p.value(u.substring(0, u.length() - 1)));
                    } else {
                        domMask |= p.mask(part);
                    }
                }
            }
            long dowMask = 0;
            long lastDow = 0;
            List<int[]> nth = new ArrayList<>();
            if (!dowAny) {
                // UNIX numbers 0-7 (0, 7 = Sunday); EventBridge 1-7 (1 = Sunday). Normalised to 0 = Sunday.
                Map<String, Integer> names = new java.util.HashMap<>();
                for (int i = 0; i < 7; i++) {
                    names.put(DAY_NAMES.get(i), eb ? i + 1 : i);
                }
                FieldParser p = new FieldParser("day-of-week", eb ? 1 : 0, 7, names);
                for (String part : dow.split(",", -1)) {
                    String u = part.toUpperCase(Locale.ROOT);
                    int hash = u.indexOf('#');
                    if (hash > 0) {
                        int n = p.value(u.substring(0, hash));
                        String k = u.substring(hash + 1);
                        if (!k.matches("[1-5]")) {
                            throw new IllegalArgumentException("day-of-week occurrence must be 1-5: " + part);
                        }
                        nth.add(new int[] {normalise(n, eb), Integer.parseInt(k)});
                    } else if (u.endsWith("L") && u.length() > 1) {
                        lastDow |= 1L << normalise(p.value(u.substring(0, u.length() - 1)), eb);
                    } else {
                        long raw = p.bits(part)[0];
                        for (int i = 0; i <= 7 - p.min(); i++) {
                            if ((raw & (1L << i)) != 0) {
                                dowMask |= 1L << normalise(i + p.min(), eb);
                            }
                        }
                    }
                }
            }
            return new DayRules(domAny, dowAny, domMask, lastDay, lastWeekday, List.copyOf(nearest), dowMask,
                    lastDow, List.copyOf(nth));
        }

        private static int normalise(int dow, boolean eb) {
            return eb ? dow - 1 : dow % 7;
        }

        boolean matches(LocalDate d, boolean eb) {
            if (domAny && dowAny) {
                return true;
            }
            if (domAny) {
                return dowMatches(d);
            }
            if (dowAny) {
                return domMatches(d);
            }
            return domMatches(d) || dowMatches(d); // Unix: both restricted -> either (croniter day_or)
        }

        private boolean domMatches(LocalDate d) {
            int day = d.getDayOfMonth();
            int len = d.lengthOfMonth();
            if ((domMask & (1L << day)) != 0 || (lastDay && day == len)) {
                return true;
            }
            if (lastWeekday && d.equals(weekdayOnOrBefore(d.withDayOfMonth(len)))) {
                return true;
            }
            for (int n : nearestWeekday) {
                if (d.equals(nearestWeekday(d.withDayOfMonth(Math.min(n, len))))) {
                    return true;
                }
            }
            return false;
        }

        private boolean dowMatches(LocalDate d) {
            int dow = d.getDayOfWeek().getValue() % 7;
            if ((dowMask & (1L << dow)) != 0) {
                return true;
            }
            if ((lastDowMask & (1L << dow)) != 0 && d.getDayOfMonth() + 7 > d.lengthOfMonth()) {
                return true;
            }
            for (int[] n : nthDow) {
                if (n[0] == dow && (d.getDayOfMonth() - 1) / 7 + 1 == n[1]) {
                    return true;
                }
            }
            return false;
        }

        private static LocalDate weekdayOnOrBefore(LocalDate d) {
            return switch (d.getDayOfWeek()) {
                case SATURDAY -> d.minusDays(1);
                case SUNDAY -> d.minusDays(2);
                default -> d;
            };
        }

        /** Quartz/EventBridge {@code nW}: the weekday nearest to d within the same month. */
        private static LocalDate nearestWeekday(LocalDate d) {
            DayOfWeek w = d.getDayOfWeek();
            if (w == DayOfWeek.SATURDAY) {
                return d.getDayOfMonth() == 1 ? d.plusDays(2) : d.minusDays(1);
            }
            if (w == DayOfWeek.SUNDAY) {
                return d.getDayOfMonth() == d.lengthOfMonth() ? d.minusDays(2) : d.plusDays(1);
            }
            return d;
        }
    }
}
