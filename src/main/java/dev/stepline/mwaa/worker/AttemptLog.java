package dev.stepline.mwaa.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One attempt's log: JSON lines {@code {timestamp, level, event, logger, ...}} as the service writes
 * them to CloudWatch Logs (spec §4.4), in {@code <logs>/<log group>/<log stream>}. The last event of a
 * finished attempt is {@code Task finished} with {@code final_state} (and {@code exit_code} for Bash).
 */
final class AttemptLog implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Writer out;
    private final Clock clock;
    private final String logger;

    AttemptLog(Path file, Clock clock, String logger) {
        this.clock = clock;
        this.logger = logger;
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a log stream: the group's slashes become directories, as does the stream's. */
    static Path file(Path root, String logGroup, String logStream) {
        String group = logGroup.replaceAll("^/+|/+$", "");
        Path file = root.resolve(group).resolve(logStream).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("log stream escapes the log directory: " + logStream);
        }
        return file;
    }

    void info(String event) {
        write("info", event, null);
    }

    void error(String event) {
        write("error", event, null);
    }

    /** A line of the task's own output. */
    void output(String line) {
        write("info", line, "task.stdout");
    }

    synchronized void write(String level, String event, String loggerName) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", clock.instant().toString()).put("level", level).put("event", event)
                .put("logger", loggerName == null ? logger : loggerName);
        append(line);
    }

    void finished(String finalState, Integer exitCode) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", clock.instant().toString()).put("level", "info").put("event", "Task finished")
                .put("logger", logger).put("final_state", finalState);
        if (exitCode != null) {
            line.put("exit_code", exitCode);
        }
        append(line);
    }

    private synchronized void append(ObjectNode line) {
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
