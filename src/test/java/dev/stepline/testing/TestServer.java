package dev.stepline.testing;

import dev.stepline.server.ServerConfig;
import dev.stepline.server.StepLineServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.imagebuilder.ImagebuilderClient;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A real Stepline server on a free port with its own data directory (or its own PostgreSQL
 * schema), and real AWS SDK clients pointed at it, exactly as users point theirs.
 */
public final class TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIDSTEPLINETEST";
    public static final String SECRET = "stepline-test-secret";

    private final ServerConfig config;
    private final boolean ownsDataDir;
    private StepLineServer server;

    private TestServer(ServerConfig config, boolean ownsDataDir) throws Exception {
        this.config = config;
        this.ownsDataDir = ownsDataDir;
        this.server = StepLineServer.start(config);
    }

    /**
     * Set to {@code postgresql} (the build's second run of the end-to-end suites does) to run every
     * {@link #embedded()} server on PostgreSQL instead, so the same suites cover both stores.
     */
    public static final String STORE_PROPERTY = "stepline.test.store";

    /**
     * A server on the store under test in a new temporary directory: the embedded store, or a
     * fresh PostgreSQL schema when {@value #STORE_PROPERTY} is {@code postgresql}.
     */
    public static TestServer embedded() {
        if ("postgresql".equals(System.getProperty(STORE_PROPERTY))) {
            return postgres();
        }
        try {
            Path dir = Files.createTempDirectory("stepline-test");
            return new TestServer(ServerConfig.defaults().withPort(0).withDataDir(dir), true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server on PostgreSQL, in a new schema. */
    public static TestServer postgres() {
        try {
            Path dir = Files.createTempDirectory("stepline-test");
            return new TestServer(ServerConfig.defaults().withPort(0).withDataDir(dir)
                    .withDatabaseUrl(Postgres.freshSchemaUrl()), true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server with an explicit configuration (port 0 is used whatever it says). */
    public static TestServer with(ServerConfig config) {
        try {
            return new TestServer(config.withPort(0), false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server and starts it again on the same store (the port may change). */
    public void restart() throws Exception {
        server.close();
        server = StepLineServer.start(config.withPort(0));
    }

    public StepLineServer server() {
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public SfnClient sfn() {
        return sfn(ACCESS_KEY, "us-east-1");
    }

    public SfnClient sfn(String accessKey, String region) {
        return configure(SfnClient.builder(), accessKey, region).build();
    }

    public ImagebuilderClient imagebuilder() {
        return imagebuilder(ACCESS_KEY, "us-east-1");
    }

    public ImagebuilderClient imagebuilder(String accessKey, String region) {
        return configure(ImagebuilderClient.builder(), accessKey, region).build();
    }

    public MwaaServerlessClient mwaa() {
        return mwaa(ACCESS_KEY, "us-east-1");
    }

    public MwaaServerlessClient mwaa(String accessKey, String region) {
        return configure(MwaaServerlessClient.builder(), accessKey, region).build();
    }

    public S3Client s3() {
        return configure(S3Client.builder(), ACCESS_KEY, "us-east-1").forcePathStyle(true).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String accessKey, String region) {
        builder.endpointOverride(endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, SECRET)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
                        .build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }

    @Override
    public void close() throws Exception {
        server.close();
        if (ownsDataDir) {
            try (Stream<Path> paths = Files.walk(config.dataDir())) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
