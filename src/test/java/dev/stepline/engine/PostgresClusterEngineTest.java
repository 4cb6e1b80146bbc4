package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.store.Database;
import dev.stepline.store.Migrations;
import dev.stepline.testing.Postgres;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two engines (two nodes) on one PostgreSQL schema: hints cross nodes, a dead node's work is taken over. */
class PostgresClusterEngineTest {
    private static final Duration LEASE = Duration.ofMillis(500);
    private final String url = Postgres.freshSchemaUrl();
    private final Map<String, String> summaries = new ConcurrentHashMap<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final EngineClock clock = new EngineClock(Clock.systemUTC(), 1.0);

    private Engine node(TaskRunner runner) {
        Database database = Database.postgres(url);
        Migrations.apply(database, clock);
        Engine engine = new Engine(database, clock, LEASE);
        engine.register(new CountingDialect(), runner,
                (tx, changes) -> changes.forEach(c -> summaries.put(c.executionId(), (String) c.summary())));
        engine.start();
        open.add(database);
        open.add(engine);
        return engine;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void anotherNodeTakesOverTheTaskOfANodeThatDied() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger runsOnA = new AtomicInteger();
        AtomicInteger runsOnB = new AtomicInteger();
        Engine a = node((id, task) -> {
            runsOnA.incrementAndGet();
            started.countDown();
            try {
                never.await(); // the node "dies" while this runs: it never reports
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        node((id, task) -> {
            runsOnB.incrementAndGet();
            return new Signal("taskDone", CountingDialect.JSON.createObjectNode());
        });
        a.create("count", "x", CountingDialect.initial(1, 0, true), new Signal("created", CountingDialect.JSON.createObjectNode()));
        started.await();
        a.close(); // stops renewing its lease, as a killed process would
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(summaries.get("x")));
        assertThat(runsOnA.get()).isEqualTo(1);
        assertThat(runsOnB.get()).isEqualTo(1);
    }

    @Test
    void aLiveNodeKeepsItsLongTaskFromTheOthers() {
        AtomicInteger runsOnB = new AtomicInteger();
        Engine a = node((id, task) -> {
            try {
                Thread.sleep(LEASE.toMillis() * 5); // outlives five leases; renewals keep it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Signal("taskDone", CountingDialect.JSON.createObjectNode());
        });
        node((id, task) -> {
            runsOnB.incrementAndGet();
            return new Signal("taskDone", CountingDialect.JSON.createObjectNode());
        });
        a.create("count", "long", CountingDialect.initial(1, 0, true), new Signal("created", CountingDialect.JSON.createObjectNode()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(summaries.get("long")));
        assertThat(runsOnB.get()).isZero();
    }

    @Test
    void aNodeDoesNotClaimAgainTheTaskItIsRunning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Engine a = node((id, task) -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Signal("taskDone", CountingDialect.JSON.createObjectNode());
        });
        a.create("count", "own", CountingDialect.initial(1, 0, true), new Signal("created", CountingDialect.JSON.createObjectNode()));
        started.await();
        // the task's lease runs out, as when a renewal comes late: the poller leaves it to the renewal
        a.database().write(tx -> tx.update("UPDATE work_item SET lease_until_ms = 0 WHERE execution_id = 'own'"));
        assertThat(a.pollOnce()).isZero();
        release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(summaries.get("own")));
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void parkedWorkCommittedOnOneNodeWakesListenersOnAnother() {
        Engine a = node((id, task) -> null);
        Engine b = node((id, task) -> null);
        List<String> heardOnB = new CopyOnWriteArrayList<>();
        b.onParked(heardOnB::add);
        a.create("count", "p", CountingDialect.initial(5, 60_000, false), new Signal("created", CountingDialect.JSON.createObjectNode()));
        WorkItem park = WorkItem.signal("park", 0, new Signal("park", CountingDialect.JSON.createObjectNode().put("queue", "q-1")));
        a.database().write(tx -> {
            a.store(tx, "p", park);
            return null;
        });
        a.dispatch("p", park).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> heardOnB.contains("q-1"));
    }
}
