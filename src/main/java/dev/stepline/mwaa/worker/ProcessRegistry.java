package dev.stepline.mwaa.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes this node runs for task attempts, by task-instance id, so that a stop or an
 * {@code execution_timeout} can kill them (the dialect asks through a {@code kill:<id>} work item).
 */
final class ProcessRegistry {
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> killed = new ConcurrentHashMap<>();

    void started(String attemptId, Process process) {
        running.put(attemptId, process);
        if (killed.containsKey(attemptId)) {
            kill(attemptId);
        }
    }

    void ended(String attemptId, Process process) {
        running.remove(attemptId, process);
    }

    /** Kills the attempt's process tree (if it still runs here) and waits until it is gone. */
    void kill(String attemptId) {
        killed.put(attemptId, Boolean.TRUE);
        Process process = running.remove(attemptId);
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once a kill was asked for this attempt (its outcome no longer matters). */
    boolean wasKilled(String attemptId) {
        return killed.containsKey(attemptId);
    }
}
