package dev.stepline.mwaa.ids;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task-instance id, {@code ex_<uuid4>_<task_id>_<attempt>} (spec §1.4, §4.3): the uuid is fixed
 * per (run, task), so the attempts of one task share it and differ in the trailing number.
 *
 * @param executionUuid lowercase canonical UUID (36 characters)
 * @param taskId the YAML task key
 * @param attempt attempt number, from 1
 */
public record TaskInstanceId(String executionUuid, String taskId, int attempt) {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TASK_ID = Pattern.compile("[a-zA-Z0-9_.\\-]+");
    private static final Pattern FORMAT = Pattern.compile("ex_(" + UUID.pattern() + ")_(.+)_([1-9][0-9]{0,8})");

    public TaskInstanceId {
        requireNonNull(executionUuid, "executionUuid is null");
        requireNonNull(taskId, "taskId is null");
        if (!UUID.matcher(executionUuid).matches()) {
            throw new IllegalArgumentException("executionUuid must be a lowercase UUID: " + executionUuid);
        }
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("invalid task id: " + taskId);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
    }

    /** Parses an id of this form; empty for anything else (the caller answers ResourceNotFound). */
    public static Optional<TaskInstanceId> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TaskInstanceId(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The same task's id for another attempt. */
    public TaskInstanceId withAttempt(int next) {
        return new TaskInstanceId(executionUuid, taskId, next);
    }

    @Override
    public String toString() {
        return "ex_" + executionUuid + "_" + taskId + "_" + attempt;
    }
}
