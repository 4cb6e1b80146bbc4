package dev.stepline.mwaa.dag;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every definition-rejection message, in one place so tests and the service agree on the text.
 *
 * <p>Provenance as in the spec: <b>[E]</b> observed from the live service (spec §2.6 table),
 * <b>[A]</b> Airflow 3 / dag-factory's own text (what the service surfaces), <b>[R]</b> our
 * recommended wording where nothing authoritative is known.
 */
public final class DefinitionMessages {
    private DefinitionMessages() {
    }

    /** [E] Root mapping without exactly one key (also: empty document, non-mapping root). */
    public static final String SINGLE_DAG = "DAG definition should contain a single DAG";
    /** [E] {@code tasks} given as a list (or any other non-mapping). */
    public static final String INVALID_TASKS = "Invalid tasks configuration.";
    /** [E] Sensor {@code mode} outside poke/reschedule. */
    public static final String INVALID_MODE = "The mode must be one of ['poke', 'reschedule']";
    /** [R] dag-factory 1.0 on Airflow 3 rejects the pre-Airflow-3 key. */
    public static final String SCHEDULE_INTERVAL =
            "The `schedule_interval` parameter is no longer supported in Airflow 3. Use `schedule` instead.";

    /** [R] Bytes that are not UTF-8. */
    public static final String NOT_UTF8 = "The workflow definition is not valid UTF-8";

    /** [R] Larger than the 50 KB definition quota. */
    public static String tooLarge(int bytes, int limit) {
        return "The workflow definition is " + bytes + " bytes; the maximum size is " + limit + " bytes";
    }

    /** [R] YAML syntax error or duplicate key. */
    public static String invalidYaml(String detail) {
        return "Invalid YAML: " + detail;
    }

    /** [E] yamale-style strict-schema error, e.g. {@code my_dag.task_groups: Unexpected element}. */
    public static String unexpectedElement(String path) {
        return path + ": Unexpected element";
    }

    /** [R] yamale-style required-key error, e.g. {@code my_dag.tasks: Required field missing}. */
    public static String requiredFieldMissing(String path) {
        return path + ": Required field missing";
    }

    /** [R] yamale-style type error for a value that must be a mapping. */
    public static String notAMap(String path, String valueStr) {
        return path + ": '" + valueStr + "' is not a map.";
    }

    /** [R] yamale-style type error for a value that must be a list. */
    public static String notAList(String path, String valueStr) {
        return path + ": '" + valueStr + "' is not a list.";
    }

    /** [E] (allowed tuple written out) a {@code default_args} key outside the allowlist. */
    public static String defaultArgsKey(String key, Collection<String> allowed) {
        return "Key error - " + PyRepr.quote(key) + " not in ("
                + allowed.stream().map(PyRepr::quote).collect(Collectors.joining(", ")) + ")";
    }

    /** [A] Airflow's {@code validate_key} for DAG and task ids. */
    public static String invalidKey(String key) {
        return "The key " + PyRepr.quote(key)
                + " has to be made of alphanumeric characters, dashes, dots and underscores exclusively";
    }

    /** [A] Airflow's {@code validate_key} length rule. */
    public static final String KEY_TOO_LONG = "The key has to be less than 250 characters";

    /** [R] A task id that would push its task-instance ids over the 255-character IdString limit. */
    public static String taskIdTooLongForInstanceIds(String taskId, int max) {
        return "Task id '" + taskId + "' is too long: task instance ids must fit in 255 characters, "
                + "so task ids may have at most " + max + " characters";
    }

    /** [E] Operator class path not in the allowlist (short names included). */
    public static String operatorNotSupported(String operator) {
        return "operator '" + operator + "' is not supported";
    }

    /** [A] Airflow's check for required constructor arguments (names sorted). */
    public static String missingArguments(List<String> sortedNames) {
        String names = sortedNames.stream().map(PyRepr::quote).collect(Collectors.joining(", "));
        return sortedNames.size() == 1 ? "missing keyword argument " + names : "missing keyword arguments " + names;
    }

    /** [A] Airflow BaseOperator's rejection of unknown constructor arguments. */
    public static String invalidArguments(String operatorName, String taskId, String kwargsRepr) {
        return "Invalid arguments were passed to " + operatorName + " (task_id: " + taskId
                + "). Invalid arguments were:\n**kwargs: " + kwargsRepr;
    }

    /** [A] Python's {@code timedelta(<component>=<value>)} type error. */
    public static String timedeltaComponentType(String component, String pyType) {
        return "unsupported type for timedelta " + component + " component: " + pyType;
    }

    /** [R] A {@code __type__: datetime.timedelta} mapping with an unknown key. */
    public static String timedeltaUnknownKey(String key) {
        return PyRepr.quote(key) + " is an invalid keyword argument for __new__()";
    }

    /** [E] {@code execution_timeout} given as anything but a timedelta mapping. */
    public static String executionTimeoutType(String pyType) {
        return "execution_timeout must be timedelta object but passed as type: " + pyType;
    }

    /** [E] {@code execution_timeout} over 60 minutes. */
    public static String executionTimeoutTooLong(String minutes) {
        return "execution_timeout (" + minutes + " minutes) must be less than or equal to 60 minutes";
    }

    /** [R] {@code execution_timeout} zero or negative. */
    public static String executionTimeoutNotPositive(String minutes) {
        return "execution_timeout (" + minutes + " minutes) must be greater than 0 minutes";
    }

    /** [R] {@code retry_delay} outside 0–300 s. */
    public static String retryDelayRange(String seconds) {
        return "retry_delay (" + seconds + " seconds) must be between 0 and 300 seconds";
    }

    /** [A] Airflow's {@code retries} type check. */
    public static String retriesType(String pyType) {
        return "'retries' type must be int, not " + pyType;
    }

    /** [R] {@code retries} outside 0–3. */
    public static String retriesRange(long retries) {
        return "retries (" + retries + ") must be between 0 and 3";
    }

    /** [A] Airflow BaseOperator's trigger-rule check. */
    public static String invalidTriggerRule(String dagId, String taskId, String rule) {
        return "The trigger_rule must be one of " + TriggerRule.pythonSetRepr() + ",'" + dagId + "." + taskId
                + "'; received '" + rule + "'.";
    }

    /** [R] {@code task_id:} inside a task that differs from its mapping key. */
    public static String taskIdMismatch(String path, String given, String key) {
        return path + ": task_id '" + given + "' does not match the task key '" + key + "'";
    }

    /** [R] A dependency naming a task that does not exist. */
    public static String unknownDependency(String taskId, String dependency) {
        return "Task '" + taskId + "' depends on '" + dependency + "', which is not a task of this DAG";
    }

    /** [A] Airflow's cycle check. */
    public static String cycle(String dagId, String taskId) {
        return "Cycle detected in DAG: " + dagId + ". Faulty task: " + taskId;
    }

    /** [R] A schedule that is neither null/None, a preset nor a cron expression. */
    public static String invalidSchedule(String schedule, String detail) {
        return "Invalid schedule '" + schedule + "': " + detail;
    }

    /** [R] A {@code start_date}/{@code end_date} that does not parse. */
    public static String invalidDate(String field, String value) {
        return "Invalid " + field + " '" + value + "': expected YYYY-MM-DD, an ISO-8601 date-time, "
                + "or a __type__: datetime.datetime mapping";
    }

    /** [R] {@code end_date} before {@code start_date}. */
    public static String endBeforeStart(String end, String start) {
        return "end_date (" + end + ") must be greater than or equal to start_date (" + start + ")";
    }

    /** [R] {@code timezone} that is not an IANA zone id. */
    public static String invalidTimezone(String value) {
        return "Invalid timezone '" + value + "'";
    }

    /** [R] An integer DAG setting out of range ({@code max_active_runs} 1–100, ...). */
    public static String intRange(String path, String value, long min, long max) {
        return path + ": '" + value + "' must be an integer between " + min + " and " + max;
    }

    /** [R] A parameter declared with an unknown JSON-schema type. */
    public static String unknownParamType(String path, String type) {
        return path + ": unsupported param type '" + type + "'";
    }

    /** [R] A Param's default that violates its own declared type / enum. */
    public static String invalidParamDefault(String name, String detail) {
        return "Invalid default for param " + name + ": " + detail;
    }

    /** [R] A string-valued key (operator, python_callable, description, ...) with a non-string value. */
    public static String notAString(String path, String valueStr) {
        return path + ": '" + valueStr + "' is not a str.";
    }

    /** [R] PythonOperator's {@code python_callable} that is not {@code module.function}. */
    public static String invalidPythonCallable(String value) {
        return "python_callable '" + value + "' must be given as module_name.function_name";
    }
}
