package dev.stepline.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A Stepline server in a separate JVM (this test run's class path), so a test can kill it with
 * SIGKILL — no shutdown hook, no flush, exactly what a crash does — and start it again on the same
 * data directory.
 */
public final class ServerProcess implements AutoCloseable {
    private final Path dataDir;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;
    private int port;

    public ServerProcess(Path dataDir, String... extraArgs) {
        this.dataDir = dataDir;
        this.extraArgs = List.of(extraArgs);
    }

    /** Starts the server and waits until it answers its health check. */
    public ServerProcess start() throws Exception {
        port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"),
                "dev.stepline.Stepline", "serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/_stepline/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server did not start");
    }

    /** SIGKILL: the process gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Moves the server's engine clock forward (the administrative endpoint users call). */
    public void advance(Duration amount) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/_stepline/clock/advance"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":" + amount.toSeconds() + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("advance failed: " + response.body());
        }
    }

    /** An Image Builder client pointed at the server (for Image Builder's crash tests). */
    public software.amazon.awssdk.services.imagebuilder.ImagebuilderClient imagebuilder() {
        return software.amazon.awssdk.services.imagebuilder.ImagebuilderClient.builder()
                .endpointOverride(uri("/"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCRASH", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** An MWAA Serverless client pointed at the server. */
    public software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient mwaa() {
        return software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient.builder()
                .endpointOverride(uri("/"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCRASH", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** An S3 client (path style) pointed at the server. */
    public software.amazon.awssdk.services.s3.S3Client s3() {
        return software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(uri("/"))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCRASH", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** The server's address for {@code path}, e.g. a Stepline admin endpoint. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    SfnClient sfn() {
        return SfnClient.builder()
                .endpointOverride(uri("/"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCRASH", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(70)))
                .overrideConfiguration(ClientOverrideConfiguration.builder().build())
                .build();
    }

    /** The server's base URI (for other services' clients). */
    public URI endpoint() {
        return uri("/");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
