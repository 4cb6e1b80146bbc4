package dev.stepline.sfn.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a caller block until an execution closes (StartSyncExecution) without polling: the projection
 * reports every closing summary it writes. The report comes from inside the committing transaction, so
 * a woken caller re-reads the committed row and waits again if it is not there yet.
 */
final class ExecutionWaiters {
    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Registers interest in {@code executionArn}; call before checking its status to miss nothing. */
    CompletableFuture<Void> register(String executionArn) {
        return waiting.computeIfAbsent(executionArn, k -> new CompletableFuture<>());
    }

    void forget(String executionArn) {
        waiting.remove(executionArn);
    }

    /** The execution's closing summary is being written. */
    void closing(String executionArn) {
        CompletableFuture<Void> future = waiting.remove(executionArn);
        if (future != null) {
            future.complete(null);
        }
    }
}
