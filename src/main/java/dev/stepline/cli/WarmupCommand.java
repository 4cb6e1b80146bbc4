package dev.stepline.cli;

import dev.stepline.server.ServerConfig;
import dev.stepline.server.StepLineServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code stepline warmup}: starts a server on a throw-away store, sends it one request of each
 * protocol and exits normally. The launcher runs it once after a build with
 * {@code -XX:ArchiveClassesAtExit}, so later starts load their classes from a class-data-sharing
 * archive (about half the start-up time). The JVM writes that archive only on a normal exit,
 * never when the server is stopped by a signal, which is why this is a command of its own.
 */
@Command(name = "warmup", hidden = true, description = "Start, exercise and stop a throw-away server (build step).")
public final class WarmupCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("stepline-warmup");
        try (StepLineServer server = StepLineServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpClient client = HttpClient.newHttpClient();
            send(client, HttpRequest.newBuilder(base.resolve("/_stepline/health")).GET());
            send(client, HttpRequest.newBuilder(base.resolve("/"))
                    .header("X-Amz-Target", "AWSStepFunctions.ListActivities")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            send(client, HttpRequest.newBuilder(base.resolve("/"))
                    .header("X-Amz-Target", "AmazonMWAAServerless.ListWorkflows")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            send(client, HttpRequest.newBuilder(base.resolve("/ListWorkflows")).POST(HttpRequest.BodyPublishers.ofString("{}")));
            send(client, HttpRequest.newBuilder(base.resolve("/")).GET());
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static void send(HttpClient client, HttpRequest.Builder request) throws Exception {
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }
}
