package dev.stepline.mwaa.dag;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A validated MWAA Serverless workflow definition: one dag-factory DAG (spec §2).
 *
 * <p>Obtain one with {@link #parse(String)} (or the allowlist / byte variants); every check of
 * spec §2.6 steps 1–4 has passed. Immutable.
 *
 * @param dagId the single root key
 * @param description {@code description} (accepted, reported as ignored)
 * @param schedule the schedule; {@link Schedule#NONE} when absent, null or {@code None}
 * @param startDate {@code start_date}, else {@code default_args.start_date}
 * @param endDate {@code end_date}, else {@code default_args.end_date}; never before startDate
 * @param timezone {@code timezone} (default UTC): the zone of schedules and zone-less dates
 * @param maxActiveRuns 1–100, default 16 (validated, reported as ignored, not enforced)
 * @param maxActiveTasks {@code max_active_tasks}, if given
 * @param tags {@code tags} (strings only; accepted and ignored)
 * @param params DAG {@code params} in declared order
 * @param defaultArgs validated {@code default_args}
 * @param tasks tasks in topological order (ties broken by declaration order)
 * @param ignoredAttributes every accepted-but-ignored attribute name found anywhere in the DAG
 */
public record DagDefinition(
        String dagId,
        Optional<String> description,
        Schedule schedule,
        Optional<Instant> startDate,
        Optional<Instant> endDate,
        ZoneId timezone,
        int maxActiveRuns,
        OptionalInt maxActiveTasks,
        List<String> tags,
        Map<String, Param> params,
        DefaultArgs defaultArgs,
        Map<String, TaskDefinition> tasks,
        SortedSet<String> ignoredAttributes) {
    /** Maximum definition size, in bytes of UTF-8 (the 50 KB quota). */
    public static final int MAX_BYTES = 50 * 1024;
    /** {@code max_active_runs} when not given. */
    public static final int DEFAULT_MAX_ACTIVE_RUNS = 16;

    public DagDefinition {
        requireNonNull(dagId, "dagId is null");
        requireNonNull(description, "description is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(startDate, "startDate is null");
        requireNonNull(endDate, "endDate is null");
        requireNonNull(timezone, "timezone is null");
        requireNonNull(maxActiveTasks, "maxActiveTasks is null");
        tags = List.copyOf(tags);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        requireNonNull(defaultArgs, "defaultArgs is null");
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        ignoredAttributes = Collections.unmodifiableSortedSet(new TreeSet<>(ignoredAttributes));
    }

    /** Parses and validates against the {@linkplain OperatorAllowlist#defaults() default allowlist}. */
    public static DagDefinition parse(String yaml) {
        return parse(yaml, OperatorAllowlist.defaults());
    }

    /**
     * Parses and validates definition text.
     *
     * @throws DefinitionException with the service's message for the first problem found
     */
    public static DagDefinition parse(String yaml, OperatorAllowlist allowlist) {
        requireNonNull(yaml, "yaml is null");
        requireNonNull(allowlist, "allowlist is null");
        int size = yaml.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw new DefinitionException(DefinitionMessages.tooLarge(size, MAX_BYTES));
        }
        return new DagParser(allowlist).parse(DagYaml.read(yaml));
    }

    /**
     * Parses a definition as fetched from S3: at most {@link #MAX_BYTES}, strict UTF-8
     * (a leading byte-order mark is allowed), then as {@link #parse(String, OperatorAllowlist)}.
     */
    public static DagDefinition parse(byte[] bytes, OperatorAllowlist allowlist) {
        requireNonNull(bytes, "bytes is null");
        if (bytes.length > MAX_BYTES) {
            throw new DefinitionException(DefinitionMessages.tooLarge(bytes.length, MAX_BYTES));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DefinitionException(DefinitionMessages.NOT_UTF8);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(text, allowlist);
    }

    /** Task ids in topological order (the order task instances are created in). */
    public List<String> topologicalOrder() {
        return List.copyOf(tasks.keySet());
    }

    /** The task {@code taskId}, if it exists. */
    public Optional<TaskDefinition> task(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    /** Direct downstream task ids of {@code taskId}, in topological order. */
    public List<String> downstream(String taskId) {
        List<String> out = new ArrayList<>();
        tasks.values().forEach(t -> {
            if (t.dependencies().contains(taskId)) {
                out.add(t.taskId());
            }
        });
        return out;
    }

    /** Tasks without upstream dependencies, in topological order: they start in parallel. */
    public List<String> roots() {
        return tasks.values().stream().filter(t -> t.dependencies().isEmpty()).map(TaskDefinition::taskId).toList();
    }

    /** Tasks nothing depends on; a run fails when one of them fails (spec §3.3). */
    public List<String> leaves() {
        Set<String> upstream = new HashSet<>();
        tasks.values().forEach(t -> upstream.addAll(t.dependencies()));
        return tasks.keySet().stream().filter(id -> !upstream.contains(id)).toList();
    }

    /**
     * The {@code Warnings} of CreateWorkflow / UpdateWorkflow: {@code ["ignored attributes: a, b"]}
     * (sorted, de-duplicated) or an empty list.
     */
    public List<String> warnings() {
        return ignoredAttributes.isEmpty() ? List.of()
                : List.of("ignored attributes: " + String.join(", ", ignoredAttributes));
    }
}
