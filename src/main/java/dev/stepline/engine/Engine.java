package dev.stepline.engine;

import static java.util.Objects.requireNonNull;

import dev.stepline.store.Database;

import dev.stepline.store.Tx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable runtime shared by every service (ARCHITECTURE §1–2). It runs executions of any
 * registered {@link Dialect}: each execution has a mailbox drained by one virtual thread at a time;
 * a drain applies every waiting signal in one transition and hands the result to the group
 * {@link Committer}; what the transition scheduled is then dispatched from memory (the "sticky"
 * path), while the store keeps everything needed to resume after a crash. A poller claims work
 * nobody holds — after a restart, timers that come due, or (on PostgreSQL) another node's expired
 * leases — and version fencing makes any duplicate delivery harmless.
 */
public final class Engine implements AutoCloseable {
    /** Work due within this window is held in memory as timers; later work waits in the store. */
    static final long LOOKAHEAD_MS = 10_000;
    /**
     * How long a node holds a claimed item before another node may take it over, unless it renews
     * the lease (it does, every third of this, for everything it is working on). Also how long a
     * dead node's work waits before another node takes it.
     */
    public static final java.time.Duration DEFAULT_LEASE = java.time.Duration.ofSeconds(5);
    /** The channel on which committed parked items with a queue are announced to every node. */
    static final String PARKED_CHANNEL = "stepline_parked";
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int CLAIM_LIMIT = 1_000;
    /** How many rounds of immediately due signals a creation applies before committing. */
    private static final int INLINE_ROUNDS = 1;

    private record Registered<S>(Dialect<S> dialect, TaskRunner runner) {
    }

    /** An execution's state as last committed, cached by its actor. */
    private record Loaded<S>(Registered<S> registered, S state, long version, long nextEventId, boolean closed) {
    }

    private final Database database;
    private final EngineClock clock;
    private final String nodeId = UUID.randomUUID().toString();
    private final Map<String, Registered<?>> dialects = new ConcurrentHashMap<>();
    private final Map<String, Projection> projections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Actor> actors = new ConcurrentHashMap<>();
    /** Items this node dispatched from memory and has not yet seen consumed: the poller skips them. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> parkedListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Committer committer;
    private final Timers timers;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final Condition pollWake = pollLock.newCondition();
    private final long leaseMs;
    private volatile boolean running = true;
    private Thread poller;
    private Thread leaseKeeper;
    private AutoCloseable parkedHints;

    public Engine(Database database, EngineClock clock) {
        this(database, clock, DEFAULT_LEASE);
    }

    /** @param lease how long work claimed by this node stays its own without renewal (engine time) */
    public Engine(Database database, EngineClock clock, java.time.Duration lease) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.leaseMs = lease.toMillis();
        if (leaseMs < 100) {
            throw new IllegalArgumentException("lease must be at least 100 ms, got " + lease);
        }
        this.committer = new Committer(database, projections, nodeId, leaseMs, LOOKAHEAD_MS, this::afterCommit);
        this.timers = new Timers(new Timers.EngineClockView() {
            @Override
            public long nowMs() {
                return clock.millis();
            }

            @Override
            public long realNanos(long engineMillis) {
                return (long) (TimeUnit.MILLISECONDS.toNanos(Math.max(engineMillis, 0)) / clock.scale());
            }
        }, this::fire);
        clock.onAdvance(() -> {
            timers.wake();
            wakePoller();
        });
    }

    /** Registers a dialect, the runner of its TASK items and the projection of its summaries. */
    public <S> void register(Dialect<S> dialect, TaskRunner runner, Projection projection) {
        requireNonNull(dialect, "dialect is null");
        dialects.put(dialect.kind(), new Registered<>(dialect, requireNonNull(runner, "runner is null")));
        projections.put(dialect.kind(), requireNonNull(projection, "projection is null"));
    }

    /** Calls {@code listener} with the queue name whenever a parked item with a queue is committed. */
    public void onParked(Consumer<String> listener) {
        parkedListeners.add(listener);
    }

    /**
     * Starts recovering and polling. Call after every dialect is registered. On the embedded store
     * this node is the only one, so every lease left by a previous process is released first.
     */
    public void start() {
        if (database.dialect() == dev.stepline.store.Dialect.SQLITE) {
            database.write(tx -> {
                EngineStore.releaseAll(tx);
                return null;
            });
        }
        poller = Thread.ofPlatform().name("stepline-poller").daemon().start(this::pollLoop);
        leaseKeeper = Thread.ofPlatform().name("stepline-leases").daemon().start(this::leaseLoop);
        // Another node's commit that parks work on a queue (an activity task) wakes this node's
        // long polls at once; the pollers' own re-checks remain the guarantee.
        parkedHints = database.listen(PARKED_CHANNEL, queue -> {
            if (queue != null) {
                parkedListeners.forEach(l -> l.accept(queue));
            }
        });
    }

    public EngineClock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    // ---------------------------------------------------------------- creating and signalling

    /**
     * Creates an execution: applies {@code created} to {@code initialState} and commits the result
     * as the execution's first version. Blocks until committed.
     *
     * @return false when an execution with this id already exists (nothing was written)
     */
    public <S> boolean create(String kind, String executionId, S initialState, Signal created) {
        Registered<S> registered = registered(kind);
        TransitionBuffer buffer = new TransitionBuffer(executionId, clock.instant(), 1);
        S state = registered.dialect().apply(initialState, List.of(created), buffer);
        // What the creation made due at once runs in the same transaction: a short workflow is then
        // created and finished by one commit instead of two. The dialect bounds how much one
        // transition may do, so this cannot hold the caller long.
        for (int round = 0; round < INLINE_ROUNDS; round++) {
            List<WorkItem> due = buffer.takeDueSignals();
            if (due.isEmpty()) {
                break;
            }
            state = registered.dialect().apply(state, due.stream().map(WorkItem::asSignal).toList(), buffer);
        }
        while (true) {
            Commit commit = commitOf(registered, executionId, 0, state, buffer, Set.of());
            committer.submit(commit);
            try {
                return commit.result().join();
            } catch (java.util.concurrent.CompletionException e) {
                if (!(e.getCause() instanceof EngineStore.ConsumedElsewhere)) {
                    throw e;
                }
                // Another transition of the same batch lost a race and the batch rolled back; a creation
                // consumes nothing, so it was not the one: write it again.
            }
        }
    }

    /**
     * Stores a work item for an execution inside the caller's transaction (an API call that signals
     * it). After the transaction commits, call {@link #dispatch} so this node acts on it at once.
     */
    public void store(Tx tx, String executionId, WorkItem item) {
        EngineStore.insert(tx, executionId, item, nodeId, clock.millis(), leaseMs, LOOKAHEAD_MS);
    }

    /**
     * Acts on an item stored with {@link #store}: the returned future completes when the transition
     * that applied it has committed (immediately for items due in the future).
     */
    public CompletableFuture<Void> dispatch(String executionId, WorkItem item) {
        if (item.kind() == WorkItem.Kind.SIGNAL && item.dueMs() <= clock.millis()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(flightKey(executionId, item.key()));
            actor(executionId).offer(new Delivery(item.asSignal(), item.key(), true, done));
            return done;
        }
        dispatchScheduled(executionId, item, clock.millis());
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Reopens a closed execution inside the caller's transaction and stores {@code item} for it (Step
     * Functions' RedriveExecution); the dialect must accept that signal in its closed state. After the
     * transaction commits, call {@link #dispatchReopened}.
     *
     * @return false when the execution does not exist or is not closed (nothing was written)
     */
    public boolean reopen(Tx tx, String executionId, WorkItem item) {
        if (!EngineStore.reopen(tx, executionId)) {
            return false;
        }
        store(tx, executionId, item);
        return true;
    }

    /** {@link #dispatch} for an item stored by {@link #reopen}: forgets the closed state this node cached. */
    public CompletableFuture<Void> dispatchReopened(String executionId, WorkItem item) {
        Actor actor = actors.get(executionId);
        if (actor != null) {
            actor.loaded = null;
        }
        return dispatch(executionId, item);
    }

    /** The stored work item, if it still exists. */
    public Optional<WorkItem> item(Tx tx, String executionId, String key) {
        return EngineStore.item(tx, executionId, key).map(EngineStore.StoredItem::item);
    }

    /**
     * Takes the oldest parked item of {@code queue} that nobody took yet (an activity task for a
     * worker); the caller's transaction usually also stores the signal that reports it taken.
     */
    public Optional<Claimed> claimParked(Tx tx, String queue, String owner) {
        return EngineStore.claimParked(tx, queue, owner).map(s -> new Claimed(s.executionId(), s.item()));
    }

    /** A parked item and the execution it belongs to. */
    public record Claimed(String executionId, WorkItem item) {
    }

    /** Moves a stored item's due time (a heartbeat pushing its timeout back); false when it is gone. */
    public boolean reschedule(Tx tx, String executionId, String key, long dueMs) {
        return EngineStore.reschedule(tx, executionId, key, dueMs);
    }

    /** Deletes a stored item (a callback that arrived); false when it was already gone. */
    public boolean remove(Tx tx, String executionId, String key) {
        return EngineStore.delete(tx, executionId, key);
    }

    // ---------------------------------------------------------------- actors

    private Actor actor(String executionId) {
        return actors.computeIfAbsent(executionId, Actor::new);
    }

    /** One execution's mailbox. At most one thread drains it at a time; that thread owns {@code loaded}. */
    private final class Actor {
        private final String id;
        private final ConcurrentLinkedQueue<Delivery> inbox = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile Loaded<?> loaded;

        Actor(String id) {
            this.id = id;
        }

        void adopt(Loaded<?> state) {
            loaded = state;
        }

        void offer(Delivery delivery) {
            inbox.add(delivery);
            if (draining.compareAndSet(false, true)) {
                workers.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                List<Delivery> batch = new ArrayList<>();
                for (Delivery d; (d = inbox.poll()) != null; ) {
                    batch.add(d);
                }
                if (batch.isEmpty()) {
                    draining.set(false);
                    if (inbox.isEmpty() || !draining.compareAndSet(false, true)) {
                        Loaded<?> current = loaded;
                        if (current != null && current.closed()) {
                            actors.remove(id, this);
                        }
                        return;
                    }
                    continue;
                }
                try {
                    process(batch, 0);
                } catch (RuntimeException | Error e) {
                    LOG.error("execution {}: transition failed; it stays where it was", id, e);
                    loaded = null;
                    batch.forEach(d -> {
                        if (d.done() != null) {
                            d.done().completeExceptionally(e);
                        }
                    });
                }
            }
        }

        private void process(List<Delivery> batch, int attempt) {
            Loaded<?> current = loaded != null ? loaded : load();
            if (current == null || current.closed()) {
                discard(batch);
                return;
            }
            if (!apply(current, batch)) {
                if (!running || attempt >= 5) {
                    batch.forEach(d -> {
                        if (d.done() != null) {
                            d.done().completeExceptionally(new IllegalStateException("execution " + id + " is contended"));
                        }
                    });
                    return;
                }
                loaded = null;
                process(stillPending(batch), attempt + 1);
            }
        }

        /** Applies the batch; false when the commit lost a race (the caller reloads and retries). */
        private <S> boolean apply(Loaded<S> current, List<Delivery> batch) {
            List<Signal> signals = new ArrayList<>(batch.size());
            Set<String> consumed = new HashSet<>();
            for (Delivery d : batch) {
                signals.add(d.signal());
                if (d.consumes() != null) {
                    consumed.add(d.consumes());
                }
            }
            Registered<S> registered = current.registered();
            TransitionBuffer buffer = new TransitionBuffer(id, clock.instant(), current.nextEventId());
            S state = registered.dialect().apply(current.state(), signals, buffer);
            Commit commit = commitOf(registered, id, current.version(), state, buffer, consumed);
            committer.submit(commit);
            boolean ok;
            try {
                ok = commit.result().join();
            } catch (RuntimeException e) {
                ok = false;
            }
            if (!ok) {
                return false;
            }
            loaded = new Loaded<>(registered, state, current.version() + 1, buffer.nextEventId(), buffer.closed());
            batch.forEach(d -> {
                if (d.done() != null) {
                    d.done().complete(null);
                }
            });
            return true;
        }

        private Loaded<?> load() {
            return database.read(tx -> EngineStore.execution(tx, id)).map(Engine.this::loaded).orElse(null);
        }

        /** After a lost race: keep only deliveries whose item still exists (or that consume nothing). */
        private List<Delivery> stillPending(List<Delivery> batch) {
            Set<String> present = new HashSet<>();
            database.read(tx -> EngineStore.items(tx, id)).forEach(s -> present.add(s.item().key()));
            List<Delivery> keep = new ArrayList<>();
            for (Delivery d : batch) {
                if (d.consumes() == null || present.contains(d.consumes())) {
                    keep.add(d);
                } else {
                    inFlight.remove(flightKey(id, d.consumes()));
                    if (d.done() != null) {
                        d.done().complete(null);
                    }
                }
            }
            return keep;
        }

        /** Signals for an execution that ended or does not exist: drop them and their items. */
        private void discard(List<Delivery> batch) {
            List<String> keys = batch.stream().map(Delivery::consumes).filter(java.util.Objects::nonNull).toList();
            if (!keys.isEmpty()) {
                database.write(tx -> {
                    for (String key : keys) {
                        EngineStore.delete(tx, id, key);
                        inFlight.remove(flightKey(id, key));
                    }
                    return null;
                });
            }
            batch.forEach(d -> {
                if (d.done() != null) {
                    d.done().complete(null);
                }
            });
        }
    }

    private <S> Loaded<S> loaded(EngineStore.Row row) {
        Registered<S> registered = registered(row.kind());
        return new Loaded<>(registered, registered.dialect().decode(row.state()), row.version(), row.nextEventId(),
                row.closed());
    }

    @SuppressWarnings("unchecked")
    private <S> Registered<S> registered(String kind) {
        Registered<?> registered = dialects.get(kind);
        if (registered == null) {
            throw new IllegalStateException("no dialect registered for kind " + kind);
        }
        return (Registered<S>) registered;
    }

    private <S> Commit commitOf(Registered<S> registered, String executionId, long version, S state,
                                TransitionBuffer buffer, Set<String> consumed) {
        Set<String> cancelled = new HashSet<>(buffer.cancelled());
        cancelled.removeAll(consumed);
        return new Commit(executionId, registered.dialect().kind(), version, registered.dialect().encode(state),
                buffer.nextEventId(), buffer.closed(), buffer.events(), buffer.scheduled(), cancelled, consumed,
                buffer.foreign(), buffer.summary(), buffer.now().toEpochMilli(), state, new CompletableFuture<>());
    }

    // ---------------------------------------------------------------- after commit: dispatch from memory

    private void afterCommit(List<Commit> committed) {
        for (Commit c : committed) {
            for (String key : c.consumed()) {
                inFlight.remove(flightKey(c.executionId(), key));
            }
            for (String key : c.cancelled()) {
                inFlight.remove(flightKey(c.executionId(), key));
            }
            if (c.closed()) {
                inFlight.removeIf(k -> k.startsWith(c.executionId() + "\n"));
            }
        }
        for (Commit c : committed) {
            if (c.creates()) {
                // Before anything is dispatched to it, so its first drain needs no read.
                actor(c.executionId()).adopt(new Loaded<>(registered(c.kind()), c.memoryState(), 1, c.nextEventId(),
                        c.closed()));
            }
            for (WorkItem item : c.scheduled()) {
                dispatchScheduled(c.executionId(), item, c.nowMs());
            }
            for (Commit.Foreign f : c.foreign()) {
                dispatchScheduled(f.executionId(), f.item(), c.nowMs());
            }
        }
    }

    private void dispatchScheduled(String executionId, WorkItem item, long nowMs) {
        switch (item.kind()) {
            case PARKED -> {
                if (item.queue() != null) {
                    parkedListeners.forEach(l -> l.accept(item.queue()));
                }
            }
            case SIGNAL, TASK -> {
                if (item.dueMs() > nowMs + LOOKAHEAD_MS) {
                    return; // the poller claims it when it comes near
                }
                inFlight.add(flightKey(executionId, item.key()));
                if (item.dueMs() <= nowMs) {
                    run(executionId, item);
                } else {
                    timers.add(new Timers.Entry(item.dueMs(), executionId, item.key()));
                }
            }
        }
    }

    private void run(String executionId, WorkItem item) {
        if (item.kind() == WorkItem.Kind.SIGNAL) {
            actor(executionId).offer(new Delivery(item.asSignal(), item.key(), true, null));
            return;
        }
        String kind = kindOf(executionId);
        workers.execute(() -> {
            Signal outcome;
            try {
                outcome = registered(kind).runner().run(executionId, item);
            } catch (RuntimeException e) {
                LOG.warn("task {} of {} failed unexpectedly; it will run again after its lease", item.key(), executionId, e);
                inFlight.remove(flightKey(executionId, item.key()));
                return;
            }
            if (outcome != null) {
                actor(executionId).offer(new Delivery(outcome, item.key(), false, null));
            } else {
                inFlight.remove(flightKey(executionId, item.key()));
            }
        });
    }

    private String kindOf(String executionId) {
        Actor actor = actors.get(executionId);
        Loaded<?> loaded = actor == null ? null : actor.loaded;
        if (loaded != null) {
            return loaded.registered().dialect().kind();
        }
        return database.read(tx -> EngineStore.execution(tx, executionId)).map(EngineStore.Row::kind)
                .orElseThrow(() -> new IllegalStateException("no execution " + executionId));
    }

    /** Timers came due: re-read each item (it may be gone, or moved by a heartbeat) and run it. */
    private void fire(List<Timers.Entry> due) {
        long now = clock.millis();
        for (Timers.Entry entry : due) {
            Optional<WorkItem> item = database.read(tx -> EngineStore.item(tx, entry.executionId(), entry.key()))
                    .map(EngineStore.StoredItem::item);
            if (item.isEmpty()) {
                inFlight.remove(flightKey(entry.executionId(), entry.key()));
            } else if (item.get().dueMs() > now) {
                if (item.get().dueMs() <= now + LOOKAHEAD_MS) {
                    timers.add(new Timers.Entry(item.get().dueMs(), entry.executionId(), entry.key()));
                } else {
                    inFlight.remove(flightKey(entry.executionId(), entry.key()));
                }
            } else {
                run(entry.executionId(), item.get());
            }
        }
    }

    // ---------------------------------------------------------------- polling

    private void pollLoop() {
        while (running) {
            int claimed;
            try {
                claimed = pollOnce();
            } catch (RuntimeException e) {
                LOG.warn("polling for work failed: {}", e.toString());
                claimed = 0;
            }
            if (claimed >= CLAIM_LIMIT) {
                continue;
            }
            pollLock.lock();
            try {
                pollWake.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            } finally {
                pollLock.unlock();
            }
        }
    }

    /**
     * Claims due work nobody holds and dispatches it; returns how many items were claimed. Items this
     * node is working on are left alone even when their lease ran out before the keeper renewed it.
     */
    int pollOnce() {
        long now = clock.millis();
        List<EngineStore.StoredItem> claimed = database.write(tx -> EngineStore.claim(tx, nodeId, now,
                now + LOOKAHEAD_MS, leaseMs, CLAIM_LIMIT, s -> inFlight.contains(flightKey(s.executionId(), s.item().key()))));
        for (EngineStore.StoredItem s : claimed) {
            dispatchScheduled(s.executionId(), s.item(), now);
        }
        return claimed.size();
    }

    /**
     * Keeps this node's claims: every third of the lease (in real time) it extends the lease of
     * every item it is working on, so a long task or a near timer is never taken over while this
     * node lives — and is taken over one lease after it dies.
     */
    private void leaseLoop() {
        while (running) {
            try {
                Thread.sleep(Math.max(10, (long) (leaseMs / 3 / clock.scale())));
            } catch (InterruptedException e) {
                return;
            }
            List<String[]> held = new ArrayList<>();
            for (String key : inFlight) {
                int cut = key.indexOf('\n');
                held.add(new String[] {key.substring(0, cut), key.substring(cut + 1)});
            }
            if (held.isEmpty()) {
                continue;
            }
            try {
                long now = clock.millis();
                database.write(tx -> {
                    EngineStore.renew(tx, nodeId, held, now, leaseMs);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("renewing leases failed: {}", e.toString());
            }
        }
    }

    private void wakePoller() {
        pollLock.lock();
        try {
            pollWake.signalAll();
        } finally {
            pollLock.unlock();
        }
    }

    private static String flightKey(String executionId, String key) {
        return executionId + "\n" + key;
    }

    @Override
    public void close() {
        running = false;
        wakePoller();
        if (poller != null) {
            poller.interrupt();
        }
        if (leaseKeeper != null) {
            leaseKeeper.interrupt();
        }
        if (parkedHints != null) {
            try {
                parkedHints.close();
            } catch (Exception e) {
                LOG.debug("closing the parked-work listener failed", e);
            }
        }
        timers.close();
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.close();
        workers.shutdownNow();
    }
}
