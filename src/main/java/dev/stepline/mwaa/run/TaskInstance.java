package dev.stepline.mwaa.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One attempt of one task in a run (spec §4.3): its own record and id
 * ({@code ex_<uuid>_<task>_<attempt>}). Part of {@link RunState}; mutable, stored as JSON.
 */
public final class TaskInstance {
    public String id;
    public String taskId;
    public int attempt;
    /** Creation order within the run (the order of {@code RunDetail.TaskInstances}). */
    public int seq;
    public String operatorName;
    public TaskStatus status = TaskStatus.NONE;
    public long createdMs;
    public Long startedMs;
    public Long endedMs;
    public long modifiedMs;
    public String errorMessage;
    /** XCom key to JSON-serialised value. */
    public Map<String, String> xcom = new LinkedHashMap<>();
    /** A {@code CANCELLED} attempt that Airflow would call skipped (spec §8 item 2): not a failure. */
    public boolean skipped;
    /** A sensor's first poke of this attempt (its {@code timeout} counts from here). */
    public Long firstPokeMs;
    public String logStream;
    /** A poke-mode sensor's in-memory state between pokes (JSON text from its worker), or null. */
    public String sensorState;
    /**
     * A deferred attempt (spec: Airflow's {@code defer}): its worker started something (a Step
     * Functions execution) and returned; the attempt stays {@code RUNNING} until that ends.
     */
    public boolean deferred;
    /** The XCom the deferred attempt reports when what it waits for succeeds. */
    public Map<String, String> deferredXcom = new LinkedHashMap<>();
    /** How what the attempt waits for ended (it may end before the worker reports the deferral): null, or the error text. */
    public Boolean externalSucceeded;
    public String externalError;

    void set(TaskStatus next, long nowMs) {
        status = next;
        modifiedMs = nowMs;
        if (next == TaskStatus.RUNNING && startedMs == null) {
            startedMs = nowMs;
        }
        if (next.attemptEnded()) {
            endedMs = nowMs;
            if (startedMs == null && next != TaskStatus.UPSTREAM_FAILED && next != TaskStatus.CANCELLED) {
                startedMs = nowMs;
            }
        }
    }

    /** {@code DurationInSeconds}: whole seconds from start to end, once both are known. */
    public Integer durationSeconds() {
        return startedMs == null || endedMs == null ? null : (int) ((endedMs - startedMs) / 1000);
    }
}
