package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One task of a validated definition, with MWAA Serverless defaults already applied
 * (task value, else {@code default_args}, else the service default; spec §4.3).
 *
 * @param taskId the task's key in {@code tasks}
 * @param operator fully-qualified operator class path (allowlisted)
 * @param dependencies direct upstream task ids, in declared order, without duplicates
 * @param retries 0–3 (service default 1)
 * @param retryDelay 0–300 s (service default 300 s)
 * @param executionTimeout (0, 60 min] (service default 60 min)
 * @param triggerRule default {@link TriggerRule#ALL_SUCCESS}
 * @param mode a sensor's mode (default poke); empty for non-sensors
 * @param params task-level {@code params}, merged over the DAG's at run time
 * @param arguments the remaining operator constructor arguments, as written (templates unrendered,
 *        {@code __type__} mappings unevaluated); never contains structural or ignored keys
 * @param ignoredAttributes keys present on this task that the service accepts and ignores
 */
public record TaskDefinition(
        String taskId,
        String operator,
        List<String> dependencies,
        int retries,
        Duration retryDelay,
        Duration executionTimeout,
        TriggerRule triggerRule,
        Optional<SensorMode> mode,
        Map<String, Param> params,
        JsonNode arguments,
        SortedSet<String> ignoredAttributes) {
    /** Service default for {@code retries} (Airflow's own default is 0). */
    public static final int DEFAULT_RETRIES = 1;
    /** Service default for {@code retry_delay}. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(300);
    /** Service default (and maximum) for {@code execution_timeout}. */
    public static final Duration DEFAULT_EXECUTION_TIMEOUT = Duration.ofMinutes(60);

    public TaskDefinition {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(operator, "operator is null");
        dependencies = List.copyOf(dependencies);
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(executionTimeout, "executionTimeout is null");
        requireNonNull(triggerRule, "triggerRule is null");
        requireNonNull(mode, "mode is null");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        arguments = requireNonNull(arguments, "arguments is null").deepCopy();
        if (!arguments.isObject()) {
            throw new IllegalArgumentException("arguments must be an object node");
        }
        ignoredAttributes = Collections.unmodifiableSortedSet(new TreeSet<>(ignoredAttributes));
    }

    /** The operator's simple class name: Airflow's {@code task_type}, the API's {@code OperatorName}. */
    public String operatorName() {
        return operator.substring(operator.lastIndexOf('.') + 1);
    }

    /** The operator arguments (a copy: the model stays immutable). */
    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }

    /** One operator argument (a copy), if present. */
    public Optional<JsonNode> argument(String name) {
        return Optional.ofNullable(arguments.get(name)).map(JsonNode::deepCopy);
    }

    /** Total attempts the scheduler may make: {@code retries + 1}. */
    public int maxAttempts() {
        return retries + 1;
    }
}
