package dev.stepline.mwaa.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One attempt's log: JSON lines {@code {timestamp, level, event, logger, ...}} as the service writes
 * them to CloudWatch Logs (spec §4.4), in {@code <logs>/<log group>/<log stream>} on this node while
 * the attempt runs, and appended to the {@link AttemptLogStore} (read by every node) when it ends.
 * The last event of a finished attempt is {@code Task finished} with {@code final_state} (and
 * {@code exit_code} for Bash).
 */
final class AttemptLog implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG = LoggerFactory.getLogger(AttemptLog.class);

    private final Writer out;
    private final Clock clock;
    private final String logger;
    private final LogStreamName name;
    private final AttemptLogStore store;
    /** The lines of this run of the attempt, stored as one segment on close. */
    private final StringBuilder segment = new StringBuilder();
    private boolean closed;

    AttemptLog(Path root, LogStreamName name, AttemptLogStore store, Clock clock, String logger) {
        this.clock = clock;
        this.logger = logger;
        this.name = name;
        this.store = store;
        Path file = name.file(root);
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        String text = JSON.writeValueAsString(line) + "\n";
        segment.append(text);
        try {
            out.write(text);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole stream as it stands (the stored segments, then this run's lines), or empty once
     * this log is closed: its lines are then in the store.
     */
    synchronized Optional<String> readWhileOpen() {
        return closed ? Optional.empty() : Optional.of(store.read(name).orElse("") + segment);
    }

    /** Closes the file and stores this run's lines (a failure to store is logged: the file keeps them). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            store.append(name, segment.toString());
        } catch (RuntimeException e) {
            LOG.warn("storing the log of {} failed ({}); it stays in this node's file", name.stream(), e.toString());
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
