package dev.stepline.server;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;

/**
 * Everything a Stepline server is started with. Each setting has a command-line option and an
 * environment variable (see {@code dev.stepline.cli.ServeCommand}); the defaults are below.
 *
 * @param host             interface to listen on; default {@code 127.0.0.1}
 * @param port             port for every API; default {@value #DEFAULT_PORT}; 0 picks a free one
 * @param dataDir          where the embedded store and objects live; default {@code ./data}
 * @param databaseUrl      PostgreSQL URL, or null for the embedded store
 * @param region           region for unsigned requests; default {@code us-east-1}
 * @param account          account for unknown access keys; default {@code 123456789012}
 * @param credentials      {@code AKID:SECRET:ACCOUNT,…}; may be empty
 * @param verifySignatures whether SigV4 signatures are checked; default false
 * @param timeScale        how fast engine time runs against real time; default 1
 * @param sfnMockConfig    a Step Functions Local MockConfigFile for Task states, or null
 * @param lambdaEndpoint   a Lambda-compatible endpoint Task states invoke functions on, or null
 * @param mwaa             MWAA Serverless task execution settings
 * @param lease            how long a node's claim on work lasts without renewal (a dead node's work
 *                         is taken over after it); default 5 s
 */
public record ServerConfig(String host, int port, Path dataDir, String databaseUrl, String region, String account,
                           String credentials, boolean verifySignatures, double timeScale, Path sfnMockConfig,
                           URI lambdaEndpoint, Mwaa mwaa, java.time.Duration lease) {
    public static final int DEFAULT_PORT = 4590;

    /**
     * How MWAA Serverless runs tasks.
     *
     * @param codeDir           PythonOperator's code directory ({@code module.function} is imported from it), or null
     * @param mockConfig        JSON answers for allowlisted operators without a local counterpart, or null
     * @param operatorAllowlist a file replacing the default operator allowlist, or null
     * @param runTimeout        maximum run duration before a run ends TIMEOUT, or null for none
     * @param python            the Python interpreter for templating and PythonOperator; default {@code python3}
     */
    public record Mwaa(Path codeDir, Path mockConfig, Path operatorAllowlist, java.time.Duration runTimeout,
                       String python) {
        public static final Mwaa DEFAULTS = new Mwaa(null, null, null, null, "python3");

        public Mwaa {
            python = python == null || python.isBlank() ? "python3" : python;
        }
    }

    public ServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(region, "region is null");
        requireNonNull(account, "account is null");
        credentials = credentials == null ? "" : credentials;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("time scale must be positive, got " + timeScale);
        }
        if (databaseUrl != null && databaseUrl.isBlank()) {
            databaseUrl = null;
        }
        mwaa = mwaa == null ? Mwaa.DEFAULTS : mwaa;
        lease = lease == null ? dev.stepline.engine.Engine.DEFAULT_LEASE : lease;
        if (lease.toMillis() < 100) {
            throw new IllegalArgumentException("lease must be at least 100 ms, got " + lease);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, Path.of("data"), null, "us-east-1", "123456789012", "", false, 1.0, null,
                null, Mwaa.DEFAULTS, dev.stepline.engine.Engine.DEFAULT_LEASE);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, dataDir, databaseUrl, region, account, credentials, verifySignatures, timeScale, sfnMockConfig,
                lambdaEndpoint, mwaa, lease);
    }

    public ServerConfig withDataDir(Path dataDir) {
        return new ServerConfig(host, port, dataDir, databaseUrl, region, account, credentials, verifySignatures, timeScale, sfnMockConfig,
                lambdaEndpoint, mwaa, lease);
    }

    public ServerConfig withDatabaseUrl(String databaseUrl) {
        return new ServerConfig(host, port, dataDir, databaseUrl, region, account, credentials, verifySignatures, timeScale, sfnMockConfig,
                lambdaEndpoint, mwaa, lease);
    }

    public ServerConfig withTasks(Path sfnMockConfig, URI lambdaEndpoint) {
        return new ServerConfig(host, port, dataDir, databaseUrl, region, account, credentials, verifySignatures, timeScale,
                sfnMockConfig, lambdaEndpoint, mwaa, lease);
    }

    public ServerConfig withCredentials(String credentials, boolean verifySignatures) {
        return new ServerConfig(host, port, dataDir, databaseUrl, region, account, credentials, verifySignatures, timeScale, sfnMockConfig,
                lambdaEndpoint, mwaa, lease);
    }

    public ServerConfig withMwaa(Mwaa mwaa) {
        return new ServerConfig(host, port, dataDir, databaseUrl, region, account, credentials, verifySignatures, timeScale,
                sfnMockConfig, lambdaEndpoint, mwaa, lease);
    }
}
