package dev.stepline.engine;

import dev.stepline.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit (ARCHITECTURE §2, STACK §2.2.6): one thread takes every transition waiting in the
 * queue — up to {@link #MAX_BATCH} — and writes them in one transaction. At low load a batch is a
 * single transition and adds no latency; under load the batch grows by itself, which is what makes
 * thousands of transitions per second possible on one SQLite file.
 */
final class Committer implements AutoCloseable {
    static final int MAX_BATCH = 256;
    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

    private final Database database;
    private final Map<String, Projection> projections;
    private final String nodeId;
    private final long leaseMs;
    private final long lookaheadMs;
    private final Consumer<List<Commit>> afterCommit;
    private final BlockingQueue<Commit> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread thread;
    private volatile boolean running = true;

    Committer(Database database, Map<String, Projection> projections, String nodeId, long leaseMs, long lookaheadMs,
              Consumer<List<Commit>> afterCommit) {
        this.database = database;
        this.projections = projections;
        this.nodeId = nodeId;
        this.leaseMs = leaseMs;
        this.lookaheadMs = lookaheadMs;
        this.afterCommit = afterCommit;
        this.thread = Thread.ofPlatform().name("stepline-committer").daemon().start(this::run);
    }

    /** Queues a commit; its {@code result} completes when written (blocks while the queue is full). */
    void submit(Commit commit) {
        if (!running) {
            commit.result().completeExceptionally(new IllegalStateException("the engine is stopping"));
            return;
        }
        try {
            queue.put(commit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            commit.result().completeExceptionally(e);
        }
    }

    private void run() {
        List<Commit> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Commit first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Commit> batch) {
        boolean[] ok;
        try {
            ok = database.write(tx -> {
                boolean[] written = EngineStore.write(tx, batch, nodeId, leaseMs, lookaheadMs);
                Map<String, List<Projection.Change>> changes = new LinkedHashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    Commit c = batch.get(i);
                    if (written[i] && c.summary() != null) {
                        changes.computeIfAbsent(c.kind(), k -> new ArrayList<>())
                                .add(new Projection.Change(c.executionId(), c.summary(), c.creates()));
                    }
                }
                changes.forEach((kind, list) -> {
                    Projection projection = projections.get(kind);
                    if (projection != null) {
                        projection.write(tx, list);
                    }
                });
                return written;
            });
        } catch (RuntimeException e) {
            if (!(e instanceof EngineStore.ConsumedElsewhere)) {
                LOG.warn("commit of {} transitions failed: {}", batch.size(), e.toString());
            }
            batch.forEach(c -> c.result().completeExceptionally(e));
            return;
        }
        List<Commit> committed = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (ok[i]) {
                committed.add(batch.get(i));
            }
        }
        try {
            afterCommit.accept(committed);
        } finally {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(ok[i]);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
