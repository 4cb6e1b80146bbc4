package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Object bytes as files under one root, one file per stored version, named by a fresh random
 * blob id ({@code root/ab/cd/abcd…}, two fan-out levels so no directory grows huge).
 *
 * <p>Why a fresh id per write rather than content addressing: a row owns its file outright, so
 * deleting a version is "delete the row, then unlink its file" with no reference counting, and
 * overwriting the unversioned ({@code null}) version never touches the file a concurrent GET may
 * still be reading. Deduplication of identical uploads is not worth that bookkeeping here.
 *
 * <p>A write goes to a temporary file in the target directory, is fsynced, atomically renamed
 * into place and the directory fsynced, all before the caller commits the row that names it: a
 * committed row always has its bytes on disk. A crash between rename and commit leaves an
 * unreferenced file (harmless, never listed); a crash mid-write leaves a {@code .tmp} file, swept
 * at start.
 */
final class BlobFiles implements Blobs {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    BlobFiles(Path root) {
        this.root = requireNonNull(root, "root is null");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create object directory " + root, e);
        }
    }

    @Override
    public String write(byte[] data) {
        return write(channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    @Override
    public String concat(List<String> parts) {
        return write(channel -> {
            for (String part : parts) {
                try (FileChannel in = FileChannel.open(path(part), StandardOpenOption.READ)) {
                    long size = in.size();
                    long done = 0;
                    while (done < size) {
                        done += in.transferTo(done, size - done, channel);
                    }
                }
            }
        });
    }

    private interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private String write(Content content) {
        String id = newId();
        Path target = path(id);
        Path temp = target.resolveSibling(id + TEMP_SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.getParent());
            return id;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot store object bytes", e);
        }
    }

    @Override
    public Optional<byte[]> read(String id) {
        try {
            return Optional.of(Files.readAllBytes(path(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read object bytes", e);
        }
    }

    @Override
    public void delete(String id) {
        if (id != null) {
            deleteQuietly(path(id));
        }
    }

    /**
     * Removes temporary files older than {@code age}: leftovers of writes cut short by a crash. (A
     * crash between rename and commit leaves a complete but unnamed file; it only costs disk.)
     */
    @Override
    public void sweepLeftovers(Instant now, Duration age) {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX)).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(age))) {
                        deleteQuietly(p);
                    }
                } catch (IOException ignored) {
                    // gone already
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temp file costs only disk space
        }
    }

    /** A fresh random blob id: 32 hex digits. */
    static String newId() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    Path path(String id) {
        return root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable on Linux; some platforms cannot open a directory.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // an orphan file is harmless
        }
    }
}
