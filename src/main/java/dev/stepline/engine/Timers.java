package dev.stepline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Near timers held in memory (STACK §2.2.4): work items due within the engine's look-ahead window.
 * Far ones stay only in the store until the poller claims them. Due times are engine-clock millis,
 * so a scaled or advanced clock fires them early; {@link #wake()} re-checks after a manual advance.
 */
final class Timers implements AutoCloseable {
    /** One pending timer. */
    record Entry(long dueMs, String executionId, String key) {
    }

    private final EngineClockView clock;
    private final Consumer<List<Entry>> fire;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueMs(), b.dueMs()));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;

    /** The clock as the timers need it: now, and how long a span of engine time takes in real time. */
    interface EngineClockView {
        long nowMs();

        long realNanos(long engineMillis);
    }

    Timers(EngineClockView clock, Consumer<List<Entry>> fire) {
        this.clock = clock;
        this.fire = fire;
        this.thread = Thread.ofPlatform().name("stepline-timers").daemon().start(this::run);
    }

    void add(Entry entry) {
        lock.lock();
        try {
            queue.add(entry);
            if (queue.peek() == entry) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    void wake() {
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            List<Entry> due = new ArrayList<>();
            lock.lock();
            try {
                long now = clock.nowMs();
                while (!queue.isEmpty() && queue.peek().dueMs() <= now) {
                    due.add(queue.poll());
                }
                if (due.isEmpty()) {
                    long waitNanos = queue.isEmpty() ? TimeUnit.SECONDS.toNanos(1)
                            : Math.min(clock.realNanos(queue.peek().dueMs() - now), TimeUnit.SECONDS.toNanos(1));
                    changed.awaitNanos(Math.max(waitNanos, 100_000));
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                fire.accept(due);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Timers.class).warn("firing timers failed", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
