package dev.stepline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store must have, run once per SQL dialect (db-scheduler's
 * compatibility-test idea), so nothing dialect-specific creeps in.
 */
abstract class StoreContractTest {
    private Database database;
    private final ResourceStore resources = new ResourceStore();
    private final TagStore tags = new TagStore();
    private final CounterStore counters = new CounterStore();
    private final IdempotencyStore idempotency = new IdempotencyStore();

    abstract Database open();

    private boolean writeBool(java.util.function.Function<Tx, Boolean> work) {
        return database.write(work);
    }

    private long readLong(java.util.function.Function<Tx, Long> work) {
        return database.read(work);
    }

    private long writeLong(java.util.function.Function<Tx, Long> work) {
        return database.write(work);
    }

    private <T> java.util.Optional<T> readOptional(java.util.function.Function<Tx, java.util.Optional<T>> work) {
        return database.read(work);
    }

    private <T> List<T> readList(java.util.function.Function<Tx, List<T>> work) {
        return database.read(work);
    }

    private <K, V> Map<K, V> readMap(java.util.function.Function<Tx, Map<K, V>> work) {
        return database.read(work);
    }

    @BeforeEach
    void setUp() {
        database = open();
        Migrations.apply(database, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private static StoredResource resource(String arn, String kind, String sortKey) {
        return new StoredResource(arn, "123456789012", "us-east-1", kind, sortKey, 1000, 1, "{\"n\":\"" + sortKey + "\"}");
    }

    @Test
    void migrationsAreIdempotent() {
        assertThat(Migrations.apply(database, Clock.systemUTC())).isEmpty();
    }

    @Test
    void insertGetUpdateDelete() {
        StoredResource r = resource("arn:a", "k", "a");
        assertThat(writeBool(tx -> resources.insert(tx, r))).isTrue();
        assertThat(writeBool(tx -> resources.insert(tx, r))).as("same ARN again").isFalse();
        assertThat(writeBool(tx -> resources.insert(tx, resource("arn:other", "k", "a"))))
                .as("same sort key within the kind").isFalse();
        assertThat(readOptional(tx -> resources.get(tx, "arn:a"))).get().extracting(StoredResource::version).isEqualTo(1L);

        assertThat(writeBool(tx -> resources.update(tx, "arn:a", 1, "{\"v\":2}"))).isTrue();
        assertThat(writeBool(tx -> resources.update(tx, "arn:a", 1, "{\"v\":3}"))).as("stale version is fenced").isFalse();
        StoredResource updated = readOptional(tx -> resources.get(tx, "arn:a")).orElseThrow();
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.doc()).isEqualTo("{\"v\":2}");

        assertThat(writeBool(tx -> resources.delete(tx, "arn:a"))).isTrue();
        assertThat(readOptional(tx -> resources.get(tx, "arn:a"))).isEmpty();
    }

    @Test
    void listPagesInByteOrderWithPrefixes() {
        database.write(tx -> {
            for (String key : List.of("b", "a", "B", "a/2", "a/10", "c", "ab")) {
                resources.insert(tx, resource("arn:" + key, "k", key));
            }
            resources.insert(tx, resource("arn:other-kind", "other", "a"));
            return null;
        });
        List<String> all = readList(tx -> resources.list(tx, "123456789012", "us-east-1", "k", "", null, 100))
                .stream().map(StoredResource::sortKey).toList();
        assertThat(all).containsExactly("B", "a", "a/10", "a/2", "ab", "b", "c");

        List<String> page = readList(tx -> resources.list(tx, "123456789012", "us-east-1", "k", "", "a/10", 2))
                .stream().map(StoredResource::sortKey).toList();
        assertThat(page).containsExactly("a/2", "ab");

        List<String> prefixed = readList(tx -> resources.list(tx, "123456789012", "us-east-1", "k", "a/", null, 100))
                .stream().map(StoredResource::sortKey).toList();
        assertThat(prefixed).containsExactly("a/10", "a/2");

        List<String> descending = readList(tx -> resources.listDescending(tx, "123456789012", "us-east-1", "k", "", null, 3))
                .stream().map(StoredResource::sortKey).toList();
        assertThat(descending).containsExactly("c", "b", "ab");
        List<String> descendingAfter = readList(tx -> resources.listDescending(tx, "123456789012", "us-east-1", "k", "a", "a/2", 10))
                .stream().map(StoredResource::sortKey).toList();
        assertThat(descendingAfter).containsExactly("a/10", "a");

        assertThat(readList(tx -> resources.list(tx, "999999999999", "us-east-1", "k", "", null, 100))).isEmpty();
        assertThat(readLong(tx -> resources.count(tx, "123456789012", "us-east-1", "k"))).isEqualTo(7);
    }

    @Test
    void rolledBackWritesLeaveNothing() {
        try {
            database.write(tx -> {
                resources.insert(tx, resource("arn:x", "k", "x"));
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the transaction must be gone
        }
        assertThat(readOptional(tx -> resources.get(tx, "arn:x"))).isEmpty();
    }

    @Test
    void tagsMergeOverwriteAndRemove() {
        database.write(tx -> {
            tags.put(tx, "arn:t", Map.of("b", "1", "a", "2"));
            tags.put(tx, "arn:t", Map.of("a", "3"));
            return null;
        });
        assertThat(readMap(tx -> tags.get(tx, "arn:t"))).containsExactly(Map.entry("a", "3"), Map.entry("b", "1"));
        database.write(tx -> {
            tags.remove(tx, "arn:t", List.of("a", "missing"));
            return null;
        });
        assertThat(readMap(tx -> tags.get(tx, "arn:t"))).containsOnlyKeys("b");
        database.write(tx -> {
            tags.removeAll(tx, "arn:t");
            return null;
        });
        assertThat(readMap(tx -> tags.get(tx, "arn:t"))).isEmpty();
    }

    @Test
    void countersNeverRepeat() {
        assertThat(readLong(tx -> counters.current(tx, "c"))).isZero();
        assertThat(writeLong(tx -> counters.next(tx, "c"))).isEqualTo(1);
        assertThat(writeLong(tx -> counters.next(tx, "c"))).isEqualTo(2);
        assertThat(writeLong(tx -> counters.next(tx, "d"))).isEqualTo(1);
        assertThat(readLong(tx -> counters.current(tx, "c"))).isEqualTo(2);
    }

    @Test
    void idempotencyEntriesExpire() {
        database.write(tx -> {
            idempotency.put(tx, "op", "tok", "fp", "{}", 2000);
            return null;
        });
        assertThat(readOptional(tx -> idempotency.find(tx, "op", "tok", 1000))).get()
                .extracting(IdempotencyStore.Entry::fingerprint).isEqualTo("fp");
        assertThat(readOptional(tx -> idempotency.find(tx, "op", "tok", 2000))).isEmpty();
    }

    @Test
    void metaFirstWriterWins() {
        MetaStore meta = new MetaStore();
        assertThat(meta.getOrCreate(database, "k", () -> "one")).isEqualTo("one");
        assertThat(meta.getOrCreate(database, "k", () -> "two")).isEqualTo("one");
    }
}
