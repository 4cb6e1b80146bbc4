package dev.stepline.mwaa.dag;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a definition tree in the order of spec §2.6 and builds the model. Stops at the first
 * problem (the service reports one message). Not thread-safe; one instance per parse.
 */
final class DagParser {
    /** Airflow's {@code validate_key} charset, used for the DAG id and task ids. */
    static final Pattern KEY = Pattern.compile("[a-zA-Z0-9_.\\-]+");
    /** Airflow's id length limit ({@code len(key) > 250} is rejected). */
    static final int MAX_KEY_LENGTH = 250;
    /**
     * Longest task id whose task-instance ids ({@code ex_<uuid>_<task>_<attempt>}, attempt ≤ 4)
     * still fit the API's 255-character IdString.
     */
    static final int MAX_TASK_ID_LENGTH = 255 - "ex_".length() - 36 - "_".length() - "_4".length();
    private static final Pattern PY_INT = Pattern.compile("\\s*[-+]?[0-9](_?[0-9])*\\s*");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OperatorAllowlist allowlist;
    private final SortedSet<String> ignored = new TreeSet<>();

    DagParser(OperatorAllowlist allowlist) {
        this.allowlist = allowlist;
    }

    DagDefinition parse(JsonNode root) {
        if (root == null || !root.isObject() || root.size() != 1) {
            throw new DefinitionException(DefinitionMessages.SINGLE_DAG);
        }
        String dagId = root.propertyNames().iterator().next();
        validateKey(dagId);
        JsonNode dag = root.get(dagId);
        if (!dag.isObject()) {
            throw new DefinitionException(DefinitionMessages.notAMap(dagId, PyRepr.str(dag)));
        }
        for (String key : dag.propertyNames()) {
            if (key.equals("schedule_interval")) {
                throw new DefinitionException(DefinitionMessages.SCHEDULE_INTERVAL);
            }
            if (!DagKeys.DAG_USED.contains(key) && !DagKeys.DAG_IGNORED.contains(key)) {
                throw new DefinitionException(DefinitionMessages.unexpectedElement(dagId + "." + key));
            }
            if (DagKeys.DAG_IGNORED.contains(key)) {
                ignored.add(key);
            }
        }
        JsonNode tasksNode = dag.get("tasks");
        if (tasksNode == null || tasksNode.isNull()) {
            throw new DefinitionException(DefinitionMessages.requiredFieldMissing(dagId + ".tasks"));
        }
        if (!tasksNode.isObject()) {
            throw new DefinitionException(DefinitionMessages.INVALID_TASKS);
        }

        ZoneId zone = timezone(dag.get("timezone"));
        Schedule schedule = schedule(dag.get("schedule"));
        DefaultArgs defaults = defaultArgs(dagId, dag.get("default_args"), zone);
        Optional<Instant> start = present(dag, "start_date")
                ? Optional.of(DagDates.parse("start_date", dag.get("start_date"), zone)) : defaults.startDate();
        Optional<Instant> end = present(dag, "end_date")
                ? Optional.of(DagDates.parse("end_date", dag.get("end_date"), zone)) : defaults.endDate();
        if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
            throw new DefinitionException(DefinitionMessages.endBeforeStart(end.get().toString(),
                    start.get().toString()));
        }
        int maxActiveRuns = present(dag, "max_active_runs")
                ? intInRange(dagId + ".max_active_runs", dag.get("max_active_runs"), 1, 100)
                : DagDefinition.DEFAULT_MAX_ACTIVE_RUNS;
        OptionalInt maxActiveTasks = present(dag, "max_active_tasks")
                ? OptionalInt.of(intInRange(dagId + ".max_active_tasks", dag.get("max_active_tasks"), 1,
                        Integer.MAX_VALUE))
                : OptionalInt.empty();
        Map<String, Param> params = params(dagId + ".params", dag.get("params"));

        Map<String, TaskDefinition> declared = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : tasksNode.properties()) {
            declared.put(e.getKey(), task(dagId, e.getKey(), e.getValue(), defaults));
        }
        Map<String, TaskDefinition> ordered = topologicalOrder(dagId, declared);

        Optional<String> description = Optional.ofNullable(dag.get("description"))
                .filter(JsonNode::isString).map(JsonNode::asString);
        List<String> tags = new ArrayList<>();
        JsonNode tagsNode = dag.get("tags");
        if (tagsNode != null && tagsNode.isArray()) {
            tagsNode.forEach(t -> {
                if (t.isString()) {
                    tags.add(t.asString());
                }
            });
        }
        return new DagDefinition(dagId, description, schedule, start, end, zone, maxActiveRuns, maxActiveTasks,
                tags, params, defaults, ordered, ignored);
    }

    // ---- DAG level ------------------------------------------------------------------------------

    private static void validateKey(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new DefinitionException(DefinitionMessages.KEY_TOO_LONG);
        }
        if (!KEY.matcher(key).matches()) {
            throw new DefinitionException(DefinitionMessages.invalidKey(key));
        }
    }

    private static ZoneId timezone(JsonNode node) {
        if (node == null || node.isNull()) {
            return ZoneOffset.UTC;
        }
        if (node.isString()) {
            try {
                return ZoneId.of(node.asString());
            } catch (DateTimeException e) {
                // reported below
            }
        }
        throw new DefinitionException(DefinitionMessages.invalidTimezone(PyRepr.str(node)));
    }

    private static Schedule schedule(JsonNode node) {
        if (node == null || node.isNull()) {
            return Schedule.NONE;
        }
        if (Timedeltas.isTimedelta(node)) {
            throw new DefinitionException(DefinitionMessages.invalidSchedule(PyRepr.str(node),
                    "timedelta schedules are not supported"));
        }
        if (!node.isString()) {
            throw new DefinitionException(DefinitionMessages.invalidSchedule(PyRepr.str(node),
                    "expected a cron expression, a preset such as @daily, or null"));
        }
        return Schedule.parse(node.asString());
    }

    private DefaultArgs defaultArgs(String dagId, JsonNode node, ZoneId zone) {
        String path = dagId + ".default_args";
        if (node == null || node.isNull()) {
            return new DefaultArgs(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), NODES.objectNode());
        }
        if (!node.isObject()) {
            throw new DefinitionException(DefinitionMessages.notAMap(path, PyRepr.str(node)));
        }
        for (String key : node.propertyNames()) {
            if (!DefaultArgs.ALLOWED_KEYS.contains(key)) {
                throw new DefinitionException(DefinitionMessages.defaultArgsKey(key, DefaultArgs.ALLOWED_KEYS));
            }
            if (DagKeys.DEFAULT_ARGS_IGNORED.contains(key)) {
                ignored.add(key);
            }
        }
        OptionalInt retries = present(node, "retries") ? OptionalInt.of(retries(node.get("retries")))
                : OptionalInt.empty();
        Optional<Duration> retryDelay = present(node, "retry_delay")
                ? Optional.of(Timedeltas.retryDelay(node.get("retry_delay"))) : Optional.empty();
        Optional<Duration> timeout = present(node, "execution_timeout")
                ? Optional.of(Timedeltas.executionTimeout(node.get("execution_timeout"))) : Optional.empty();
        Optional<TriggerRule> rule = present(node, "trigger_rule")
                ? Optional.of(triggerRule(dagId, "default_args", node.get("trigger_rule"))) : Optional.empty();
        Optional<Instant> start = present(node, "start_date")
                ? Optional.of(DagDates.parse("start_date", node.get("start_date"), zone)) : Optional.empty();
        Optional<Instant> end = present(node, "end_date")
                ? Optional.of(DagDates.parse("end_date", node.get("end_date"), zone)) : Optional.empty();
        return new DefaultArgs(retries, retryDelay, timeout, rule, start, end, node);
    }

    private static Map<String, Param> params(String path, JsonNode node) {
        Map<String, Param> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new DefinitionException(DefinitionMessages.notAMap(path, PyRepr.str(node)));
        }
        node.properties().forEach(e -> out.put(e.getKey(), Param.of(path, e.getKey(), e.getValue())));
        return out;
    }

    // ---- tasks ----------------------------------------------------------------------------------

    private TaskDefinition task(String dagId, String taskId, JsonNode node, DefaultArgs defaults) {
        String path = dagId + ".tasks." + taskId;
        if (!node.isObject()) {
            throw new DefinitionException(DefinitionMessages.notAMap(path, PyRepr.str(node)));
        }
        validateKey(taskId);
        if (taskId.length() > MAX_TASK_ID_LENGTH) {
            throw new DefinitionException(DefinitionMessages.taskIdTooLongForInstanceIds(taskId, MAX_TASK_ID_LENGTH));
        }
        JsonNode given = node.get("task_id");
        if (given != null && !(given.isString() && given.asString().equals(taskId))) {
            throw new DefinitionException(DefinitionMessages.taskIdMismatch(path, PyRepr.str(given), taskId));
        }
        OperatorSpec spec = operator(path, node.get("operator"));
        List<String> dependencies = dependencies(path, node.get("dependencies"));

        checkMissingArguments(spec, node);
        checkUnknownArguments(spec, taskId, node);

        TriggerRule rule = present(node, "trigger_rule") ? triggerRule(dagId, taskId, node.get("trigger_rule"))
                : defaults.triggerRule().orElse(TriggerRule.ALL_SUCCESS);
        int retries = present(node, "retries") ? retries(node.get("retries"))
                : defaults.retries().orElse(TaskDefinition.DEFAULT_RETRIES);
        Duration retryDelay = present(node, "retry_delay") ? Timedeltas.retryDelay(node.get("retry_delay"))
                : defaults.retryDelay().orElse(TaskDefinition.DEFAULT_RETRY_DELAY);
        Duration timeout = present(node, "execution_timeout")
                ? Timedeltas.executionTimeout(node.get("execution_timeout"))
                : defaults.executionTimeout().orElse(TaskDefinition.DEFAULT_EXECUTION_TIMEOUT);
        Optional<SensorMode> mode = spec.isSensor() ? Optional.of(mode(node.get("mode"))) : Optional.empty();
        checkOperatorSpecifics(spec, path, node);
        Map<String, Param> params = params(path + ".params", node.get("params"));

        ObjectNode arguments = NODES.objectNode();
        SortedSet<String> taskIgnored = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (isIgnored(spec, key)) {
                taskIgnored.add(key);
            } else if (!DagKeys.TASK_STRUCTURAL.contains(key) && !(spec.isSensor() && key.equals("mode"))) {
                arguments.set(key, e.getValue().deepCopy());
            }
        }
        ignored.addAll(taskIgnored);
        return new TaskDefinition(taskId, spec.classPath(), dependencies, retries, retryDelay, timeout, rule, mode,
                params, arguments, taskIgnored);
    }

    private OperatorSpec operator(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            throw new DefinitionException(DefinitionMessages.requiredFieldMissing(path + ".operator"));
        }
        if (!node.isString()) {
            throw new DefinitionException(DefinitionMessages.notAString(path + ".operator", PyRepr.str(node)));
        }
        return allowlist.find(node.asString()).orElseThrow(
                () -> new DefinitionException(DefinitionMessages.operatorNotSupported(node.asString())));
    }

    private static List<String> dependencies(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new DefinitionException(DefinitionMessages.notAList(path + ".dependencies", PyRepr.str(node)));
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode d : node) {
            if (!d.isString()) {
                throw new DefinitionException(DefinitionMessages.notAString(path + ".dependencies", PyRepr.str(d)));
            }
            out.add(d.asString());
        }
        return List.copyOf(out);
    }

    private static boolean isIgnored(OperatorSpec spec, String key) {
        return DagKeys.TASK_IGNORED.contains(key) || (spec.isAws() && DagKeys.AWS_IGNORED.contains(key));
    }

    /** Keys every operator of this kind accepts besides its own arguments. */
    private static boolean isBaseArgument(OperatorSpec spec, String key) {
        return DagKeys.TASK_STRUCTURAL.contains(key) || isIgnored(spec, key)
                || (spec.isSensor() && DagKeys.SENSOR.contains(key));
    }

    private static void checkMissingArguments(OperatorSpec spec, JsonNode node) {
        List<String> missing = spec.requiredArguments().stream().filter(a -> !node.has(a)).toList();
        if (!missing.isEmpty()) {
            throw new DefinitionException(DefinitionMessages.missingArguments(missing));
        }
    }

    private static void checkUnknownArguments(OperatorSpec spec, String taskId, JsonNode node) {
        ObjectNode invalid = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            boolean known = isBaseArgument(spec, key)
                    || spec.arguments().map(a -> a.contains(key)).orElse(!DagKeys.NEVER_ARGUMENTS.contains(key));
            if (!known) {
                invalid.set(key, e.getValue());
            }
        }
        if (!invalid.isEmpty()) {
            throw new DefinitionException(DefinitionMessages.invalidArguments(spec.simpleName(), taskId,
                    PyRepr.repr(invalid)));
        }
    }

    private static void checkOperatorSpecifics(OperatorSpec spec, String path, JsonNode node) {
        if (spec.simpleName().equals("PythonOperator")) {
            JsonNode callable = node.get("python_callable");
            if (callable == null) {
                throw new DefinitionException(DefinitionMessages.missingArguments(List.of("python_callable")));
            }
            if (!callable.isString()) {
                throw new DefinitionException(DefinitionMessages.notAString(path + ".python_callable",
                        PyRepr.str(callable)));
            }
            if (!callable.asString().matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+")) {
                throw new DefinitionException(DefinitionMessages.invalidPythonCallable(callable.asString()));
            }
        }
    }

    private static SensorMode mode(JsonNode node) {
        if (node == null || node.isNull()) {
            return SensorMode.POKE;
        }
        if (node.isString()) {
            for (SensorMode m : SensorMode.values()) {
                if (m.wireName().equals(node.asString())) {
                    return m;
                }
            }
        }
        throw new DefinitionException(DefinitionMessages.INVALID_MODE);
    }

    private static TriggerRule triggerRule(String dagId, String taskId, JsonNode node) {
        String text = PyRepr.str(node);
        return (node.isString() ? TriggerRule.fromWireName(node.asString()) : Optional.<TriggerRule>empty())
                .orElseThrow(() -> new DefinitionException(DefinitionMessages.invalidTriggerRule(dagId, taskId, text)));
    }

    /** Airflow's {@code retries} coercion: ints (and bools) as is, {@code int(x)} for floats and numeric strings. */
    private static int retries(JsonNode node) {
        long value;
        if (node.isBoolean()) {
            value = node.booleanValue() ? 1 : 0;
        } else if (node.isIntegralNumber()) {
            value = node.canConvertToLong() ? node.longValue() : Long.MAX_VALUE;
        } else if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            value = (long) node.doubleValue();
        } else if (node.isString() && PY_INT.matcher(node.asString()).matches()) {
            String digits = node.asString().strip().replace("_", "");
            value = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        } else {
            throw new DefinitionException(DefinitionMessages.retriesType(PyRepr.typeName(node)));
        }
        if (value < 0 || value > 3) {
            throw new DefinitionException(DefinitionMessages.retriesRange(value));
        }
        return (int) value;
    }

    private static int intInRange(String path, JsonNode node, int min, int max) {
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= min && node.intValue() <= max) {
            return node.intValue();
        }
        throw new DefinitionException(DefinitionMessages.intRange(path, PyRepr.str(node), min, max));
    }

    private static boolean present(JsonNode node, String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    // ---- graph ----------------------------------------------------------------------------------

    /**
     * Kahn's algorithm with declaration order as the tie-break, after checking every dependency
     * names a task. A cycle is reported against the first declared task left on it.
     */
    private static Map<String, TaskDefinition> topologicalOrder(String dagId, Map<String, TaskDefinition> declared) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> downstream = new HashMap<>();
        for (TaskDefinition t : declared.values()) {
            for (String dep : t.dependencies()) {
                if (!declared.containsKey(dep)) {
                    throw new DefinitionException(DefinitionMessages.unknownDependency(t.taskId(), dep));
                }
                downstream.computeIfAbsent(dep, k -> new ArrayList<>()).add(t.taskId());
            }
            pending.put(t.taskId(), t.dependencies().size());
        }
        List<String> order = new ArrayList<>(declared.keySet());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        java.util.PriorityQueue<String> ready = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingInt(position::get));
        declared.keySet().stream().filter(id -> pending.get(id) == 0).forEach(ready::add);
        Map<String, TaskDefinition> out = new LinkedHashMap<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            out.put(id, declared.get(id));
            for (String next : downstream.getOrDefault(id, List.of())) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (out.size() != declared.size()) {
            String faulty = firstOnCycle(declared, out.keySet());
            throw new DefinitionException(DefinitionMessages.cycle(dagId, faulty));
        }
        return out;
    }

    /** The first declared task that lies on a cycle (not merely downstream of one). */
    private static String firstOnCycle(Map<String, TaskDefinition> declared, Set<String> done) {
        for (String id : declared.keySet()) {
            if (!done.contains(id) && reaches(declared, id, id)) {
                return id;
            }
        }
        return declared.keySet().stream().filter(id -> !done.contains(id)).findFirst().orElseThrow();
    }

    private static boolean reaches(Map<String, TaskDefinition> declared, String from, String target) {
        Deque<String> stack = new ArrayDeque<>(declared.get(from).dependencies());
        Set<String> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            String id = stack.pop();
            if (id.equals(target)) {
                return true;
            }
            if (seen.add(id)) {
                stack.addAll(declared.get(id).dependencies());
            }
        }
        return false;
    }
}
