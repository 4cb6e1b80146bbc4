package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepline.store.Database;
import dev.stepline.store.Migrations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The engine's behaviour, run against each store by the subclasses. */
abstract class EngineContractTest {
    private final Map<String, String> summaries = new ConcurrentHashMap<>();
    private final AtomicInteger taskRuns = new AtomicInteger();
    private Database database;
    private Engine engine;
    private EngineClock clock;

    abstract Database open();

    Engine engine() {
        if (engine == null) {
            database = open();
            clock = clock == null ? new EngineClock(Clock.systemUTC(), 1.0) : clock;
            Migrations.apply(database, clock);
            engine = new Engine(database, clock, Duration.ofMillis(300));
            engine.register(new CountingDialect(), (id, task) -> {
                taskRuns.incrementAndGet();
                if (id.startsWith("slow")) {
                    sleep(1_500); // five leases: kept only because the node renews its lease
                }
                return new Signal("taskDone", CountingDialect.JSON.createObjectNode());
            }, (tx, changes) -> changes.forEach(c -> summaries.put(c.executionId(), (String) c.summary())));
            engine.start();
        }
        return engine;
    }

    /** Simulates a crash-free restart: a new engine on the same store (and clock). */
    void restart() {
        engine.close();
        database.close();
        engine = null;
        engine();
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
            database.close();
        }
    }

    private List<String> workItems() {
        return database.read(tx -> tx.query("SELECT item_key FROM work_item", rs -> rs.getString(1)));
    }

    /**
     * Waits until the execution is DONE and that transaction has committed: the projection sees
     * DONE inside the closing transaction, before its history rows are visible to other readers.
     */
    private void awaitDone(String id, Duration within) {
        await().atMost(within).until(() -> "DONE".equals(summaries.get(id)) && history(id).contains("Done"));
    }

    private List<String> history(String id) {
        return database.read(tx -> tx.query("SELECT type FROM history_event WHERE execution_id = ? ORDER BY event_id",
                rs -> rs.getString(1), id));
    }

    @Test
    void runsImmediateSignalsToTheEnd() {
        assertThat(engine().create("count", "e1", CountingDialect.initial(5, 0, false), created())).isTrue();
        awaitDone("e1", Duration.ofSeconds(10));
        assertThat(history("e1")).containsExactly("Started", "Tick", "Tick", "Tick", "Tick", "Tick", "Done");
        assertThat(workItems()).isEmpty();
    }

    @Test
    void refusesASecondCreationOfTheSameId() {
        assertThat(engine().create("count", "e1", CountingDialect.initial(1, 60_000, false), created())).isTrue();
        assertThat(engine().create("count", "e1", CountingDialect.initial(1, 0, false), created())).isFalse();
        assertThat(history("e1")).containsExactly("Started");
    }

    @Test
    void runsTasksAndDeliversTheirOutcome() {
        engine().create("count", "t1", CountingDialect.initial(3, 0, true), created());
        awaitDone("t1", Duration.ofSeconds(10));
        assertThat(taskRuns).hasValue(3);
        assertThat(history("t1")).containsExactly("Started", "Tick", "Tick", "Tick", "Done");
    }

    @Test
    void firesTimersWhenTheClockIsAdvanced() {
        clock = new EngineClock(Clock.systemUTC(), 1.0);
        engine().create("count", "w1", CountingDialect.initial(2, Duration.ofDays(1).toMillis(), false), created());
        assertThat(history("w1")).containsExactly("Started");
        clock.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> history("w1").size() == 2);
        clock.advance(Duration.ofDays(1));
        awaitDone("w1", Duration.ofSeconds(10));
    }

    @Test
    void resumesStoredWorkAfterARestart() {
        clock = new EngineClock(Clock.systemUTC(), 1.0);
        engine().create("count", "r1", CountingDialect.initial(2, Duration.ofHours(1).toMillis(), false), created());
        restart();
        clock.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> history("r1").size() == 2);
        clock.advance(Duration.ofHours(2));
        awaitDone("r1", Duration.ofSeconds(10));
        assertThat(history("r1")).containsExactly("Started", "Tick", "Tick", "Done");
    }

    @Test
    void appliesAStoredSignalAndCompletesWhenCommitted() {
        engine().create("count", "s1", CountingDialect.initial(5, Duration.ofDays(1).toMillis(), false), created());
        WorkItem stop = WorkItem.signal("stop", 0, new Signal("stop", CountingDialect.JSON.createObjectNode()));
        database.write(tx -> {
            engine.store(tx, "s1", stop);
            return null;
        });
        engine.dispatch("s1", stop).join();
        assertThat(summaries.get("s1")).isEqualTo("STOPPED");
        assertThat(history("s1")).containsExactly("Started", "Stopped");
        assertThat(workItems()).isEmpty();
    }

    @Test
    void runsManyExecutionsConcurrently() {
        Engine e = engine();
        for (int i = 0; i < 500; i++) {
            e.create("count", "m" + i, CountingDialect.initial(3, 0, false), created());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> summaries.values().stream().filter("DONE"::equals).count() == 500);
        assertThat(database.read(tx -> tx.queryOne("SELECT COUNT(*) FROM history_event", rs -> rs.getLong(1))).orElseThrow())
                .isEqualTo(500L * 5);
    }

    @Test
    void aTaskLongerThanItsLeaseRunsOnce() {
        Engine e = engine();
        e.create("count", "slow-1", CountingDialect.initial(1, 0, true), created());
        awaitDone("slow-1", Duration.ofSeconds(30));
        assertThat(taskRuns.get()).isEqualTo(1);
        assertThat(history("slow-1")).containsExactly("Started", "Tick", "Done");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Signal created() {
        ObjectNode data = CountingDialect.JSON.createObjectNode();
        return new Signal("created", data);
    }
}
