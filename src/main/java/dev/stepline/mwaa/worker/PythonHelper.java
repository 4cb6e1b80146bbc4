package dev.stepline.mwaa.worker;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs {@code worker.py} (shipped in the jar, copied next to the data) with the machine's Python for
 * PythonOperator calls into the code directory (templates are rendered in Java, see {@link Templates}).
 */
public final class PythonHelper {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String python;
    private final Path script;

    private PythonHelper(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** Writes the helper script under {@code dir} and uses {@code python} (e.g. {@code python3}) to run it. */
    public static PythonHelper install(String python, Path dir) {
        requireNonNull(python, "python is null");
        try (InputStream in = PythonHelper.class.getResourceAsStream("/mwaa/worker.py")) {
            if (in == null) {
                throw new IllegalStateException("mwaa/worker.py is missing from the classpath");
            }
            Files.createDirectories(dir);
            Path script = dir.resolve("worker.py");
            Files.write(script, in.readAllBytes());
            return new PythonHelper(python, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one request. {@code stderr} receives the helper's other output line by line (the task's
     * prints); {@code registry}/{@code attemptId} (nullable) make the process killable.
     *
     * @return the helper's answer ({@code error} or {@code result})
     */
    ObjectNode call(String mode, ObjectNode request, Consumer<String> stderr, ProcessRegistry registry, String attemptId)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(python, script.toString(), mode)).start();
        if (registry != null) {
            registry.started(attemptId, process);
        }
        try {
            Thread errors = Thread.ofVirtual().start(() -> lines(process.getErrorStream(), stderr));
            try (OutputStream in = process.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(request));
            }
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            errors.join();
            if (registry != null && registry.wasKilled(attemptId)) {
                throw new InterruptedException("killed");
            }
            if (exit != 0 || out.length == 0) {
                throw new IOException("the Python helper exited with code " + exit);
            }
            return (ObjectNode) JSON.readTree(out);
        } finally {
            if (registry != null) {
                registry.ended(attemptId, process);
            }
        }
    }

    static void lines(InputStream stream, Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // the process went away; what was read is kept
        }
    }
}
