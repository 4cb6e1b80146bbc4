package dev.stepline.cli;

import dev.stepline.server.ServerConfig;
import dev.stepline.server.StepLineServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.net.URI;

/** {@code stepline serve}: starts the server and runs until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the Stepline server (Step Functions, Image Builder, MWAA Serverless and S3 on one port).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "${env:STEPLINE_HOST:-127.0.0.1}",
            description = "Interface to listen on (env STEPLINE_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:STEPLINE_PORT:-" + ServerConfig.DEFAULT_PORT + "}",
            description = "Port for every API (env STEPLINE_PORT; default ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:STEPLINE_DATA_DIR:-data}",
            description = "Directory of the embedded store and the object store (env STEPLINE_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:STEPLINE_DATABASE_URL}",
            description = "PostgreSQL URL, e.g. postgresql://postgres@127.0.0.1:5432/stepline, instead of the embedded store (env STEPLINE_DATABASE_URL).")
    String databaseUrl;

    @Option(names = "--region", defaultValue = "${env:STEPLINE_REGION:-us-east-1}",
            description = "Region for unsigned requests (env STEPLINE_REGION; default ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account", defaultValue = "${env:STEPLINE_ACCOUNT:-123456789012}",
            description = "Account for access keys not listed in --credentials (env STEPLINE_ACCOUNT; default ${DEFAULT-VALUE}).")
    String account;

    @Option(names = "--credentials", defaultValue = "${env:STEPLINE_CREDENTIALS}",
            description = "Access keys as ACCESS_KEY:SECRET:ACCOUNT[,…] (env STEPLINE_CREDENTIALS).")
    String credentials;

    @Option(names = "--verify-signatures", defaultValue = "${env:STEPLINE_VERIFY_SIGNATURES:-false}",
            description = "Reject requests whose SigV4 signature is wrong or expired (env STEPLINE_VERIFY_SIGNATURES; default ${DEFAULT-VALUE}).")
    boolean verifySignatures;

    @Option(names = "--time-scale", defaultValue = "${env:STEPLINE_TIME_SCALE:-1}",
            description = "How fast engine time runs: 60 makes a one-minute Wait take one second (env STEPLINE_TIME_SCALE; default ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--sfn-mock-config", defaultValue = "${env:SFN_MOCK_CONFIG}",
            description = "A Step Functions Local MockConfigFile: Task states of executions started as <stateMachineArn>#<TestCase> get its mocked responses (env SFN_MOCK_CONFIG).")
    Path sfnMockConfig;

    @Option(names = "--lambda-endpoint", defaultValue = "${env:LAMBDA_ENDPOINT}",
            description = "A Lambda-compatible endpoint (e.g. http://127.0.0.1:9001) that Task states invoke functions on (env LAMBDA_ENDPOINT).")
    URI lambdaEndpoint;

    @Option(names = "--mwaa-code-dir", defaultValue = "${env:MWAA_CODE_DIR}",
            description = "Directory PythonOperator tasks import python_callable (module.function) from (env MWAA_CODE_DIR).")
    Path mwaaCodeDir;

    @Option(names = "--mwaa-mock-config", defaultValue = "${env:MWAA_MOCK_CONFIG}",
            description = "JSON results or errors for allowlisted MWAA operators that have no local counterpart (env MWAA_MOCK_CONFIG).")
    Path mwaaMockConfig;

    @Option(names = "--mwaa-operator-allowlist", defaultValue = "${env:MWAA_OPERATOR_ALLOWLIST}",
            description = "A file replacing the default MWAA Serverless operator allowlist (env MWAA_OPERATOR_ALLOWLIST).")
    Path mwaaOperatorAllowlist;

    @Option(names = "--mwaa-run-timeout", defaultValue = "${env:MWAA_RUN_TIMEOUT}",
            description = "Maximum MWAA Serverless run duration in seconds before the run ends TIMEOUT; none by default (env MWAA_RUN_TIMEOUT).")
    Long mwaaRunTimeoutSeconds;

    @Option(names = "--mwaa-python", defaultValue = "${env:MWAA_PYTHON:-python3}",
            description = "Python interpreter for MWAA PythonOperator tasks (env MWAA_PYTHON; default ${DEFAULT-VALUE}).")
    String mwaaPython;

    @Option(names = "--lease-seconds", defaultValue = "${env:STEPLINE_LEASE_SECONDS:-5}",
            description = "How long a node's claim on work lasts without renewal; with several nodes on one PostgreSQL, a dead node's work is taken over after this (env STEPLINE_LEASE_SECONDS; default ${DEFAULT-VALUE}).")
    double leaseSeconds;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        ServerConfig config = new ServerConfig(host, port, dataDir, databaseUrl, region, account, credentials,
                verifySignatures, timeScale, sfnMockConfig, lambdaEndpoint,
                new ServerConfig.Mwaa(mwaaCodeDir, mwaaMockConfig, mwaaOperatorAllowlist,
                        mwaaRunTimeoutSeconds == null ? null : java.time.Duration.ofSeconds(mwaaRunTimeoutSeconds), mwaaPython),
                java.time.Duration.ofMillis((long) (leaseSeconds * 1000)));
        StepLineServer server = StepLineServer.start(config);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String store = config.databaseUrl() == null ? "embedded store in " + config.dataDir().toAbsolutePath() : "PostgreSQL";
        System.out.printf("Stepline listening on http://%s:%d (%s), ready in %d ms%n", host, server.port(), store, millis);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
