package dev.stepline.mwaa.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * One workflow run as the {@link DagDialect} keeps it: what it runs (workflow version, definition,
 * parameters), where it is, and every task-instance record. Mutable; stored as one JSON document.
 */
public final class RunState {
    public String workflowArn;
    public String account;
    public String region;
    /** {@code <Name>-<suffix>}: names log groups and streams. */
    public String workflowId;
    public String workflowVersion;
    public String runId;
    /** {@code ON_DEMAND} or {@code SCHEDULED}. */
    public String runType;
    /** SHA-256 of the definition text the run executes (see {@link DagSource}). */
    public String definitionSha;
    /** Identifies the StartWorkflowRun request (idempotency), or null. */
    public String fingerprint;
    public String logGroup;
    /** {@code OverrideParameters} as given, or null. */
    public ObjectNode overrides;
    /** The run's logical date ({@code ds}, {@code ts}). */
    public long logicalDateMs;
    public long createdMs;
    public Long startedMs;
    public Long completedMs;
    public long modifiedMs;
    public RunStatus status = RunStatus.STARTING;
    public String errorMessage;
    /** A template or definition problem found before the run started: it fails without task instances. */
    public String startError;
    /** Maximum run duration (0: none); past it the run ends {@code TIMEOUT}. */
    public long runTimeoutMs;
    /** The status a stopping run ends in ({@code STOPPED}, or {@code TIMEOUT} for a run timeout). */
    public RunStatus endingAs;
    /** Task id to the uuid its attempts' ids share. */
    public Map<String, String> uuids = new LinkedHashMap<>();
    public List<TaskInstance> instances = new ArrayList<>();
    /** Attempts whose process is being killed; the run waits for them before it ends. */
    public Set<String> killing = new TreeSet<>();

    @JsonIgnore
    final Set<TaskInstance> changed = new LinkedHashSet<>();

    /** The latest attempt of {@code taskId}, or null before the run started. */
    TaskInstance latest(String taskId) {
        for (int i = instances.size() - 1; i >= 0; i--) {
            if (instances.get(i).taskId.equals(taskId)) {
                return instances.get(i);
            }
        }
        return null;
    }

    TaskInstance instance(String id) {
        for (TaskInstance ti : instances) {
            if (ti.id.equals(id)) {
                return ti;
            }
        }
        return null;
    }

    /** {@code Duration}: whole seconds from start to completion. */
    public Integer durationSeconds() {
        return startedMs == null || completedMs == null ? null : (int) ((completedMs - startedMs) / 1000);
    }
}
