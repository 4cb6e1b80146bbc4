package dev.stepline.sfn.tasks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How Stepline resolves Task states.
 *
 * @param mockConfigFile a Step Functions Local {@code MockConfigFile.json}, or null for none
 * @param lambdaEndpoint base URL of a Lambda-compatible endpoint (e.g. {@code http://127.0.0.1:3001}), or null:
 *                       Lambda tasks then fail with {@code Lambda.ResourceNotFoundException}
 * @param httpTimeout    bound on one HTTP Task request and on connecting to the Lambda endpoint
 *                       (AWS's HTTP Task timeout is 60 s)
 */
public record TaskConfig(Path mockConfigFile, URI lambdaEndpoint, Duration httpTimeout) {

    public TaskConfig {
        if (httpTimeout == null) {
            httpTimeout = HttpInvoke.AWS_TIMEOUT;
        }
        if (httpTimeout.isNegative() || httpTimeout.isZero()) {
            throw new IllegalArgumentException("httpTimeout must be positive: " + httpTimeout);
        }
    }

    /** No mocks, no Lambda endpoint, AWS's 60 s HTTP timeout. */
    public static TaskConfig defaults() {
        return new TaskConfig(null, null, HttpInvoke.AWS_TIMEOUT);
    }

    /** Builds a configuration; any argument may be null (httpTimeout then defaults to 60 s). */
    public static TaskConfig of(Path mockConfigFile, URI lambdaEndpoint, Duration httpTimeout) {
        return new TaskConfig(mockConfigFile, lambdaEndpoint, httpTimeout);
    }

    public TaskConfig withMockConfigFile(Path file) {
        return new TaskConfig(file, lambdaEndpoint, httpTimeout);
    }

    public TaskConfig withLambdaEndpoint(URI endpoint) {
        return new TaskConfig(mockConfigFile, endpoint, httpTimeout);
    }

    public TaskConfig withHttpTimeout(Duration timeout) {
        return new TaskConfig(mockConfigFile, lambdaEndpoint, timeout);
    }
}
