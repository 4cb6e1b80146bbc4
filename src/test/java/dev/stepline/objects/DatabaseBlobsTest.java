package dev.stepline.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.EngineClock;
import dev.stepline.store.Database;
import dev.stepline.store.Migrations;
import dev.stepline.testing.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object bytes kept in PostgreSQL, the store a cluster's nodes share. */
class DatabaseBlobsTest {
    Database database;
    EngineClock clock;
    DatabaseBlobs blobs;

    @BeforeEach
    void open() {
        database = Database.postgres(Postgres.freshSchemaUrl());
        clock = EngineClock.system();
        Migrations.apply(database, clock);
        blobs = new DatabaseBlobs(database, clock, null);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void writesAndReadsEmptySmallAndMultiChunkBlobs() {
        byte[] big = random(2 * DatabaseBlobs.CHUNK_BYTES + 17, 1);
        String empty = blobs.write(new byte[0]);
        String small = blobs.write(new byte[] {1, 2, 3});
        String large = blobs.write(big);

        assertThat(blobs.read(empty)).get().isEqualTo(new byte[0]);
        assertThat(blobs.read(small)).get().isEqualTo(new byte[] {1, 2, 3});
        assertThat(blobs.read(large)).get().isEqualTo(big);
        assertThat(blobs.read(BlobFiles.newId())).isEmpty();
    }

    @Test
    void concatenatesPartsInsideTheDatabase() {
        byte[] first = random(DatabaseBlobs.CHUNK_BYTES + 5, 2);
        byte[] second = random(11, 3);
        String whole = blobs.concat(List.of(blobs.write(first), blobs.write(second)));

        byte[] expected = new byte[first.length + second.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertThat(blobs.read(whole)).get().isEqualTo(expected);
        assertThat(blobs.read(blobs.concat(List.of()))).get().isEqualTo(new byte[0]);
    }

    @Test
    void deletesAndSweepsOnlyOldUnnamedBlobs() {
        String gone = blobs.write(new byte[] {9});
        blobs.delete(gone);
        blobs.delete(gone);
        assertThat(blobs.read(gone)).isEmpty();

        ObjectStorage storage = new ObjectStorage(database, null, clock);
        storage.createBucket("b", "123456789012", "us-east-1");
        storage.put("b", "named", new byte[] {7}, null);
        String orphan = blobs.write(new byte[] {8});

        blobs.sweepLeftovers(Instant.now(), Duration.ofHours(1));
        assertThat(blobs.read(orphan)).as("too young to be a leftover").isPresent();
        blobs.sweepLeftovers(Instant.now().plus(Duration.ofHours(2)), Duration.ofHours(1));
        assertThat(blobs.read(orphan)).isEmpty();
        assertThat(storage.get("b", "named", null)).get().satisfies(o -> assertThat(o.content()).isEqualTo(new byte[] {7}));
    }

    @Test
    void readsAndDeletesBytesStoredAsFilesBeforeTheyMovedIntoTheDatabase(@TempDir Path dir) {
        BlobFiles files = new BlobFiles(dir);
        String old = files.write(new byte[] {4, 2});
        DatabaseBlobs upgraded = new DatabaseBlobs(database, clock, files);
        assertThat(upgraded.read(old)).get().isEqualTo(new byte[] {4, 2});
        upgraded.delete(old);
        assertThat(files.read(old)).isEmpty();
    }
}
