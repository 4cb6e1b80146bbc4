package dev.stepline.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.EngineClock;
import dev.stepline.store.Database;
import dev.stepline.store.Migrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The internal {@link ObjectStore} read interface other services use. */
class ObjectStorageTest {
    @TempDir
    Path dir;
    Database database;
    ObjectStorage storage;

    @BeforeEach
    void open() {
        database = Database.sqlite(dir);
        EngineClock clock = EngineClock.system();
        Migrations.apply(database, clock);
        storage = new ObjectStorage(database, dir.resolve("objects"), clock);
        storage.createBucket("defs", "123456789012", "us-east-1");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ObjectStorage.Version put(String key, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return storage.put("defs", key, new ObjectStorage.NewObject(data, ObjectOperations.eTag(ObjectOperations.md5(data)),
                Map.of("Content-Type", "text/plain"), null, null), current -> { });
    }

    @Test
    void readsCurrentAndNamedVersions() {
        ObjectStore store = storage;
        ObjectStorage.Version unversioned = put("a.yaml", "plain");
        assertThat(unversioned.versionId()).isEqualTo("null");
        assertThat(store.get("defs", "a.yaml", null)).get()
                .satisfies(o -> assertThat(new String(o.content(), StandardCharsets.UTF_8)).isEqualTo("plain"))
                .satisfies(o -> assertThat(o.eTag()).isEqualTo(unversioned.eTag()))
                .satisfies(o -> assertThat(o.versionId()).isEqualTo("null"));

        storage.setVersioning("defs", Versioning.ENABLED);
        String v1 = put("b.yaml", "one").versionId();
        String v2 = put("b.yaml", "two").versionId();
        assertThat(new String(store.get("defs", "b.yaml", v1).orElseThrow().content(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(new String(store.get("defs", "b.yaml", null).orElseThrow().content(), StandardCharsets.UTF_8)).isEqualTo("two");
        assertThat(store.get("defs", "b.yaml", null).orElseThrow().versionId()).isEqualTo(v2);

        ObjectStorage.Deleted marker = storage.delete("defs", "b.yaml", null);
        assertThat(store.get("defs", "b.yaml", null)).as("a delete marker reads as absent").isEmpty();
        assertThat(store.get("defs", "b.yaml", marker.versionId())).isEmpty();
        assertThat(store.get("defs", "b.yaml", v1)).isPresent();
        assertThat(store.get("defs", "missing", null)).isEmpty();
        assertThat(store.get("nobucket", "a.yaml", null)).isEmpty();
        assertThat(store.get("defs", "b.yaml", "A".repeat(32))).isEmpty();
    }

    @Test
    void overwritingAndDeletingRemovesTheOldFiles() throws Exception {
        put("c", "1");
        put("c", "2");
        assertThat(blobCount()).isEqualTo(1);
        storage.delete("defs", "c", null);
        assertThat(blobCount()).isZero();
        assertThat(storage.get("defs", "c", null)).isEqualTo(Optional.empty());
    }

    private long blobCount() throws Exception {
        try (var files = Files.walk(dir.resolve("objects"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void writesListsAndDeletesThroughTheServiceInterface() {
        ObjectStore store = storage;
        assertThat(store.put("defs", "out/b.json", "[1]".getBytes(StandardCharsets.UTF_8), "application/json")).get()
                .satisfies(o -> assertThat(o.eTag()).isEqualTo(ObjectOperations.eTag(ObjectOperations.md5("[1]".getBytes(StandardCharsets.UTF_8)))));
        store.put("defs", "out/a.json", new byte[0], null);
        store.put("defs", "outside.json", new byte[] {1}, null);
        assertThat(storage.version("defs", "out/a.json", null).orElseThrow().headers())
                .containsEntry("Content-Type", "binary/octet-stream");

        assertThat(store.list("defs", "out/", null, 10).orElseThrow())
                .extracting(ObjectStore.ObjectSummary::key).containsExactly("out/a.json", "out/b.json");
        assertThat(store.list("defs", "out/", "out/a.json", 10).orElseThrow())
                .extracting(ObjectStore.ObjectSummary::key).containsExactly("out/b.json");
        assertThat(store.list("defs", "", null, 2).orElseThrow())
                .extracting(ObjectStore.ObjectSummary::size).containsExactly(0L, 3L);

        assertThat(store.delete("defs", "out/b.json")).isTrue();
        assertThat(store.delete("defs", "never-there")).isTrue();
        assertThat(store.get("defs", "out/b.json", null)).isEmpty();

        assertThat(store.put("nope", "k", new byte[0], null)).isEmpty();
        assertThat(store.list("nope", "", null, 10)).isEmpty();
        assertThat(store.delete("nope", "k")).isFalse();
    }
}
