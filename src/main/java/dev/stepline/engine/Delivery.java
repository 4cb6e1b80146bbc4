package dev.stepline.engine;

import java.util.concurrent.CompletableFuture;

/**
 * A signal on its way to an execution's dialect.
 *
 * @param signal   what to deliver
 * @param consumes the key of the work item the transition deletes when it applies this signal
 *                 (the stored signal itself, or the TASK item whose outcome this is), or null
 * @param stored   true when {@code consumes} names a stored SIGNAL item (it may have been consumed
 *                 elsewhere; re-checked after a failed commit)
 * @param done     completed when the transition that applied the signal committed, or null
 */
record Delivery(Signal signal, String consumes, boolean stored, CompletableFuture<Void> done) {
}
