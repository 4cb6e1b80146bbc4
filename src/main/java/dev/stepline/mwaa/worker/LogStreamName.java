package dev.stepline.mwaa.worker;

import java.nio.file.Path;

/**
 * A log group and stream as an attempt names them ({@code LogStream} of GetTaskInstance), with the
 * group's leading and trailing slashes removed so that {@code /aws/mwaa-serverless/x} and
 * {@code aws/mwaa-serverless/x/} are the same group.
 */
record LogStreamName(String group, String stream) {
    static LogStreamName of(String logGroup, String logStream) {
        return new LogStreamName(logGroup.replaceAll("^/+|/+$", ""), logStream);
    }

    /**
     * The file of the stream under {@code root}: the group's slashes become directories, as do the
     * stream's.
     *
     * @throws IllegalArgumentException when the name would leave {@code root}
     */
    Path file(Path root) {
        Path file = root.resolve(group).resolve(stream).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("log stream escapes the log directory: " + stream);
        }
        return file;
    }

    String key() {
        return group + "\n" + stream;
    }
}
