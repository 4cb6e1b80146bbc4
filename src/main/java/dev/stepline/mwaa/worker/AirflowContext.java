package dev.stepline.mwaa.worker;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The template context of an attempt (spec §2.4): {@code params}, {@code ds}, {@code ds_nodash},
 * {@code ts}, {@code ts_nodash}, {@code macros}, {@code ti} / {@code task_instance}, built from the
 * attempt payload the dialect wrote (logical date, effective params, XComs of finished tasks).
 */
final class AirflowContext {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AirflowContext() {
    }

    /** A failure Airflow would raise as a Python exception (shown as {@code <type>: <message>}). */
    static final class PyError extends RuntimeException {
        PyError(String type, String message) {
            super(type + ": " + message, null, false, false);
        }
    }

    static Map<String, Object> of(ObjectNode payload, Clock clock) {
        OffsetDateTime logical = Instant.ofEpochMilli(payload.path("logicalDateMs").asLong(clock.millis()))
                .atOffset(ZoneOffset.UTC);
        Map<String, Object> context = new HashMap<>();
        JsonNode params = payload.get("params");
        context.put("params", params != null && params.isObject() ? PyValues.fromJson(params) : new PyValues.PyDict());
        context.put("ds", logical.format(DateTimeFormatter.ISO_LOCAL_DATE));
        context.put("ds_nodash", logical.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8));
        context.put("ts", logical.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replace("Z", "+00:00"));
        context.put("ts_nodash", logical.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")));
        context.put("macros", new Macros(clock));
        TaskInstanceView ti = new TaskInstanceView(payload.path("taskId").asString(null), payload.path("attempt").asInt(1),
                payload.get("xcoms"));
        context.put("ti", ti);
        context.put("task_instance", ti);
        return context;
    }

    /** {@code ti}: the task's id and try number, and {@code xcom_pull} over the XComs of the run's finished tasks. */
    public static final class TaskInstanceView {
        private final String taskId;
        private final int tryNumber;
        private final JsonNode xcoms;

        TaskInstanceView(String taskId, int tryNumber, JsonNode xcoms) {
            this.taskId = taskId;
            this.tryNumber = tryNumber;
            this.xcoms = xcoms;
        }

        /** {@code ti.task_id} (Jinjava looks snake_case properties up as camelCase getters). */
        public String getTaskId() {
            return taskId;
        }

        /** {@code ti.try_number}. */
        public int getTryNumber() {
            return tryNumber;
        }

        /**
         * {@code xcom_pull(task_ids=None, dag_id=None, key='return_value', include_prior_dates=False,
         * map_indexes=None, default=None, run_id=None)}, positionally or by keyword.
         */
        public Object xcom_pull(Object... args) {
            List<String> names = List.of("task_ids", "dag_id", "key", "include_prior_dates", "map_indexes", "default",
                    "run_id");
            Map<String, Object> bound = new HashMap<>();
            int position = 0;
            for (Object arg : args) {
                if (arg instanceof NamedParameter named) {
                    if (!names.contains(named.getName())) {
                        throw new PyError("TypeError", "xcom_pull() got an unexpected keyword argument '"
                                + named.getName() + "'");
                    }
                    bound.put(named.getName(), named.getValue());
                } else if (position < names.size()) {
                    bound.put(names.get(position++), arg);
                } else {
                    throw new PyError("TypeError", "xcom_pull() takes at most " + names.size() + " arguments");
                }
            }
            Object taskIds = bound.get("task_ids");
            Object key = bound.getOrDefault("key", "return_value");
            Object otherwise = bound.getOrDefault("default", PyValues.NONE);
            if (taskIds == null || taskIds == PyValues.NONE) {
                taskIds = taskId;
            }
            if (taskIds instanceof Iterable<?> many) {
                List<Object> values = new ArrayList<>();
                many.forEach(t -> values.add(value(PyValues.str(t), key, otherwise)));
                return new PyValues.PyList(values);
            }
            return value(PyValues.str(taskIds), key, otherwise);
        }

        private Object value(String task, Object key, Object otherwise) {
            JsonNode raw = xcoms == null ? null : xcoms.path(task).get(PyValues.str(key));
            return raw == null || raw.isNull() ? otherwise == null ? PyValues.NONE : otherwise
                    : PyValues.fromJson(JSON.readTree(raw.asString()));
        }

        @Override
        public String toString() {
            return "<TaskInstance: " + taskId + " [running]>";
        }
    }

    /** {@code macros}: Airflow's macros that make sense without Python objects. */
    public static final class Macros {
        private final Clock clock;

        Macros(Clock clock) {
            this.clock = clock;
        }

        public String ds_add(Object ds, Object days) {
            LocalDate date = parse(PyValues.str(ds), "%Y-%m-%d").toLocalDate();
            long n = days instanceof Number number ? number.longValue() : Long.parseLong(PyValues.str(days));
            return date.plusDays(n).toString();
        }

        public String ds_format(Object ds, Object inputFormat, Object outputFormat) {
            return strftime(parse(PyValues.str(ds), PyValues.str(inputFormat)), PyValues.str(outputFormat));
        }

        public double random() {
            return ThreadLocalRandom.current().nextDouble();
        }

        public String datetime_diff_for_humans(Object dt, Object... since) {
            LocalDateTime from = PyDatetime.of(dt).value;
            LocalDateTime to = since.length == 0 || since[0] == null || since[0] == PyValues.NONE
                    ? LocalDateTime.now(clock.withZone(ZoneOffset.UTC)) : PyDatetime.of(since[0]).value;
            long seconds = Math.abs(java.time.Duration.between(from, to).toSeconds());
            long[] sizes = {86400, 3600, 60};
            String[] units = {"day", "hour", "minute"};
            for (int i = 0; i < sizes.length; i++) {
                if (seconds >= sizes[i]) {
                    long n = seconds / sizes[i];
                    return n + " " + units[i] + (n == 1 ? "" : "s") + (from.isBefore(to) ? " ago" : " from now");
                }
            }
            return "just now";
        }

        public DatetimeModule getDatetime() {
            return new DatetimeModule(clock);
        }

        public TimeModule getTime() {
            return new TimeModule(clock);
        }

        public UuidModule getUuid() {
            return new UuidModule();
        }

        @Override
        public String toString() {
            return "<module 'airflow.macros'>";
        }
    }

    /** {@code macros.datetime}: {@code now()}, {@code utcnow()}, {@code strptime(text, format)}. */
    public static final class DatetimeModule {
        private final Clock clock;

        DatetimeModule(Clock clock) {
            this.clock = clock;
        }

        public PyDatetime now() {
            return new PyDatetime(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        }

        public PyDatetime utcnow() {
            return now();
        }

        public PyDatetime strptime(Object text, Object format) {
            return new PyDatetime(parse(PyValues.str(text), PyValues.str(format)));
        }
    }

    /** {@code macros.time}: {@code time()}. */
    public static final class TimeModule {
        private final Clock clock;

        TimeModule(Clock clock) {
            this.clock = clock;
        }

        public double time() {
            return clock.millis() / 1000.0;
        }
    }

    /** {@code macros.uuid}: {@code uuid4()}. */
    public static final class UuidModule {
        public UUID uuid4() {
            return UUID.randomUUID();
        }
    }

    /** A naive {@code datetime.datetime}: {@code strftime}, {@code isoformat}, {@code str()}. */
    public static final class PyDatetime {
        final LocalDateTime value;

        PyDatetime(LocalDateTime value) {
            this.value = value;
        }

        static PyDatetime of(Object value) {
            if (value instanceof PyDatetime dt) {
                return dt;
            }
            String text = PyValues.str(value);
            try {
                return new PyDatetime(OffsetDateTime.parse(text).toLocalDateTime());
            } catch (DateTimeParseException e) {
                return new PyDatetime(parse(text, text.length() == 10 ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%S"));
            }
        }

        public String strftime(Object format) {
            return AirflowContext.strftime(value, PyValues.str(format));
        }

        public String isoformat() {
            return value.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }

        public int getYear() {
            return value.getYear();
        }

        public int getMonth() {
            return value.getMonthValue();
        }

        public int getDay() {
            return value.getDayOfMonth();
        }

        @Override
        public String toString() {
            return value.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        }
    }

    // ------------------------------------------------------------------ strftime / strptime

    /** Python's {@code strptime}: {@code ValueError} when the text does not match. */
    static LocalDateTime parse(String text, String format) {
        DateTimeFormatter formatter = new DateTimeFormatterBuilder().appendPattern(javaPattern(format))
                .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1).parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
                .toFormatter(Locale.ROOT);
        try {
            TemporalAccessor parsed = formatter.parse(text);
            int year = parsed.isSupported(ChronoField.YEAR) ? parsed.get(ChronoField.YEAR) : 1900;
            LocalDate date = parsed.isSupported(ChronoField.DAY_OF_YEAR) && format.contains("%j")
                    ? LocalDate.ofYearDay(year, parsed.get(ChronoField.DAY_OF_YEAR))
                    : LocalDate.of(year, parsed.get(ChronoField.MONTH_OF_YEAR), parsed.get(ChronoField.DAY_OF_MONTH));
            int hour = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? parsed.get(ChronoField.HOUR_OF_DAY) : 0;
            int minute = parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0;
            int second = parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0;
            return date.atTime(hour, minute, second);
        } catch (RuntimeException e) {
            throw new PyError("ValueError", "time data " + PyValues.quote(text) + " does not match format "
                    + PyValues.quote(format));
        }
    }

    static String strftime(LocalDateTime value, String format) {
        return value.format(DateTimeFormatter.ofPattern(javaPattern(format), Locale.ROOT));
    }

    /** A Python {@code strftime} format as a {@link DateTimeFormatter} pattern. */
    static String javaPattern(String format) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                literal.append(c);
                continue;
            }
            char d = format.charAt(++i);
            String field = switch (d) {
                case 'Y' -> "yyyy";
                case 'y' -> "yy";
                case 'm' -> "MM";
                case 'd' -> "dd";
                case 'H' -> "HH";
                case 'I' -> "hh";
                case 'M' -> "mm";
                case 'S' -> "ss";
                case 'f' -> "SSSSSS";
                case 'p' -> "a";
                case 'b' -> "MMM";
                case 'B' -> "MMMM";
                case 'a' -> "EEE";
                case 'A' -> "EEEE";
                case 'j' -> "DDD";
                case 'z' -> "xx";
                case 'Z' -> "z";
                default -> null;
            };
            if (field == null) {
                literal.append(d == '%' ? "%" : "%" + d);
                continue;
            }
            flush(out, literal);
            out.append(field);
        }
        flush(out, literal);
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder literal) {
        if (!literal.isEmpty()) {
            out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }
}
