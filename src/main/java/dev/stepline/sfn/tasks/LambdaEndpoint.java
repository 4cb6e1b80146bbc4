package dev.stepline.sfn.tasks;

import static java.util.Objects.requireNonNull;

import dev.stepline.sfn.asl.TaskResource.Kind;
import dev.stepline.sfn.runtime.dataflow.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Invokes Lambda functions on a Lambda-compatible endpoint (AWS SAM {@code start-lambda}, LocalStack, a
 * runtime emulator…) through the Lambda Invoke REST API:
 * {@code POST <base>/2015-03-31/functions/<FunctionName>/invocations[?Qualifier=<q>]}, body = payload,
 * headers {@code X-Amz-Invocation-Type}, {@code X-Amz-Log-Type}, {@code X-Amz-Client-Context}.
 *
 * <p>Two Task forms (spec §6.10):
 * <ul>
 *   <li>legacy function ARN resource: the payload is the effective input and the task result is the
 *       function's response, parsed;</li>
 *   <li>{@code arn:aws:states:::lambda:invoke}: parameters {@code FunctionName} (name, ARN or partial ARN,
 *       optionally {@code :qualifier}), {@code Payload}, {@code InvocationType}, {@code Qualifier},
 *       {@code LogType}, {@code ClientContext}; the task result is the optimised-integration shape observed on
 *       AWS: {@code ExecutedVersion}, {@code Payload} (the parsed response), {@code SdkHttpMetadata}
 *       ({@code AllHttpHeaders}, {@code HttpHeaders}, {@code HttpStatusCode}), {@code SdkResponseMetadata}
 *       ({@code RequestId}), {@code StatusCode} — members in that (alphabetical) order.</li>
 * </ul>
 *
 * <p>The endpoint is addressed with the bare function name (and {@code Qualifier}): local emulators key
 * functions by name, and the ARN's account and region route nowhere here.
 *
 * <p>Errors, named as Step Functions names them:
 * <ul>
 *   <li>function error ({@code X-Amz-Function-Error}): error = the payload's {@code errorType}, cause = the raw
 *       payload; without an {@code errorType}, {@code Lambda.Unknown} (AWS guide, "Handle Lambda service
 *       exceptions": unhandled errors are reported as {@code Lambda.Unknown});</li>
 *   <li>Lambda service errors: {@code Lambda.<ErrorCode>} from {@code X-Amzn-ErrorType} or the body's
 *       {@code __type}, else by status (404 {@code ResourceNotFoundException}, 429
 *       {@code TooManyRequestsException}, 5xx {@code ServiceException}, other {@code AWSLambdaException}); the
 *       cause has the AWS SDK's form
 *       {@code <message> (Service: AWSLambda; Status Code: <n>; Error Code: <code>; Request ID: <id>; Proxy: null)};</li>
 *   <li>no response (connection refused, timeout): {@code Lambda.SdkClientException} with cause
 *       {@code Unable to execute HTTP request: …}.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class LambdaEndpoint {

    /** Lambda's maximum function timeout plus slack: the default bound on one invocation. */
    public static final Duration DEFAULT_INVOCATION_TIMEOUT = Duration.ofMinutes(15).plusSeconds(30);

    private final URI base;
    private final HttpClient client;
    private final Duration invocationTimeout;

    /**
     * @param base              the endpoint's base URL, e.g. {@code http://127.0.0.1:3001}; a path prefix is kept
     * @param client            the HTTP client to use
     * @param invocationTimeout bound on one invocation (response included)
     */
    public LambdaEndpoint(URI base, HttpClient client, Duration invocationTimeout) {
        requireNonNull(base, "base is null");
        if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
                || base.getHost() == null) {
            throw new IllegalArgumentException("Lambda endpoint must be an http(s) URL with a host: " + base);
        }
        this.base = base;
        this.client = requireNonNull(client, "client is null");
        this.invocationTimeout = requireNonNull(invocationTimeout, "invocationTimeout is null");
    }

    /** An endpoint with its own HTTP client and {@link #DEFAULT_INVOCATION_TIMEOUT}. */
    public static LambdaEndpoint create(URI base, Duration connectTimeout) {
        return new LambdaEndpoint(base, HttpSupport.newClient(connectTimeout, HttpClient.Redirect.NEVER),
                DEFAULT_INVOCATION_TIMEOUT);
    }

    public URI base() {
        return base;
    }

    /** A reference to a function: name, optional qualifier, and the full ARN used in messages. */
    record FunctionRef(String name, String qualifier, String arn) {

        /**
         * Parses {@code name}, {@code name:qualifier}, {@code account:function:name[:qualifier]} or
         * {@code arn:<p>:lambda:<region>:<account>:function:name[:qualifier]}.
         */
        static FunctionRef parse(String reference, String region, String account) {
            String partition = "aws";
            String name;
            String qualifier = null;
            String[] parts = reference.split(":", -1);
            if (parts.length >= 7 && parts[0].equals("arn") && parts[5].equals("function")) {
                partition = parts[1];
                region = parts[3];
                account = parts[4];
                name = parts[6];
                qualifier = parts.length > 7 ? parts[7] : null;
            } else if (parts.length >= 3 && parts[1].equals("function")) {
                account = parts[0];
                name = parts[2];
                qualifier = parts.length > 3 ? parts[3] : null;
            } else {
                name = parts[0];
                qualifier = parts.length > 1 ? parts[1] : null;
            }
            if (qualifier != null && qualifier.isEmpty()) {
                qualifier = null;
            }
            String arn = "arn:" + partition + ":lambda:" + (region == null ? "us-east-1" : region) + ":"
                    + (account == null ? "123456789012" : account) + ":function:" + name
                    + (qualifier == null ? "" : ":" + qualifier);
            return new FunctionRef(name, qualifier, arn);
        }

        FunctionRef withQualifier(String q) {
            if (q == null || q.equals(qualifier)) {
                return this;
            }
            String unqualified = qualifier == null ? arn : arn.substring(0, arn.length() - qualifier.length() - 1);
            return new FunctionRef(name, q, unqualified + ":" + q);
        }
    }

    /**
     * Invokes the function a Task names: {@link Kind#LAMBDA_FUNCTION} (legacy) or {@code lambda:invoke}.
     */
    public TaskOutcome invoke(TaskCall call) {
        if (call.kind() == Kind.LAMBDA_FUNCTION) {
            FunctionRef ref = FunctionRef.parse(call.resource(), call.region(), call.account());
            return send(ref, Json.compact(call.parameters()), null, null, null, false);
        }
        JsonNode params = call.parameters();
        if (!params.isObject()) {
            return TaskOutcome.failed("States.Runtime", "The parameters of a lambda:invoke task must be a JSON object");
        }
        JsonNode functionName = params.get("FunctionName");
        if (functionName == null || !functionName.isString() || functionName.stringValue().isEmpty()) {
            return TaskOutcome.failed("States.Runtime",
                    "The field 'FunctionName' of a lambda:invoke task is required and must be a non-empty string");
        }
        FunctionRef ref = FunctionRef.parse(functionName.stringValue(), call.region(), call.account());
        Optional<String> qualifier = stringParam(params, "Qualifier");
        if (qualifier.isPresent()) {
            ref = ref.withQualifier(qualifier.get());
        }
        JsonNode payload = params.get("Payload");
        String body = payload == null || payload.isMissingNode() ? "{}" : Json.compact(payload);
        return send(ref, body, stringParam(params, "InvocationType").orElse(null),
                stringParam(params, "LogType").orElse(null), stringParam(params, "ClientContext").orElse(null), true);
    }

    /** The failure for a Lambda task when no endpoint is configured: what AWS raises for a missing function. */
    static TaskOutcome notConfigured(TaskCall call) {
        String reference = call.kind() == Kind.LAMBDA_FUNCTION ? call.resource()
                : call.parameters().path("FunctionName").isString()
                        ? call.parameters().path("FunctionName").stringValue() : "<missing FunctionName>";
        FunctionRef ref = FunctionRef.parse(reference, call.region(), call.account());
        return TaskOutcome.failed("Lambda.ResourceNotFoundException",
                sdkCause("Function not found: " + ref.arn(), 404, "ResourceNotFoundException", UUID.randomUUID().toString())
                        + ". Stepline has no Lambda endpoint configured: set a Lambda-compatible endpoint (TaskConfig"
                        + " lambdaEndpoint) or mock state '" + call.stateName()
                        + "' in a mock config file and start the execution with '<stateMachineArn>#<TestCase>'");
    }

    private static Optional<String> stringParam(JsonNode params, String name) {
        JsonNode node = params.get(name);
        return node != null && node.isString() ? Optional.of(node.stringValue()) : Optional.empty();
    }

    private TaskOutcome send(FunctionRef ref, String body, String invocationType, String logType, String clientContext,
                             boolean optimized) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String path = basePath + "/2015-03-31/functions/" + HttpSupport.urlEncode(ref.name()) + "/invocations"
                + (ref.qualifier() == null ? "" : "?Qualifier=" + HttpSupport.urlEncode(ref.qualifier()));
        URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(invocationTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (invocationType != null) {
            request.header("X-Amz-Invocation-Type", invocationType);
        }
        if (logType != null) {
            request.header("X-Amz-Log-Type", logType);
        }
        if (clientContext != null) {
            request.header("X-Amz-Client-Context", clientContext);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
            return TaskOutcome.failed("Lambda.SdkClientException",
                    "Unable to execute HTTP request: " + HttpSupport.describeIoFailure(e, uri.getHost(), port));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskOutcome.failed("States.Runtime", "Interrupted while invoking Lambda function " + ref.arn());
        }
        int status = response.statusCode();
        String requestId = requestId(response);
        if (status < 200 || status > 299) {
            return serviceError(ref, status, response, requestId);
        }
        String text = response.body() == null ? "" : response.body();
        if (response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            return functionError(text);
        }
        JsonNode payload = HttpSupport.jsonOrString(text);
        if (!optimized) {
            return TaskOutcome.succeeded(payload);
        }
        ObjectNode out = Json.object();
        Optional<String> executed = response.headers().firstValue("X-Amz-Executed-Version");
        if (executed.isPresent()) {
            out.put("ExecutedVersion", executed.get());
        } else if (invocationType == null || invocationType.equals("RequestResponse")) {
            out.put("ExecutedVersion", ref.qualifier() == null ? "$LATEST" : ref.qualifier());
        }
        response.headers().firstValue("X-Amz-Log-Result").ifPresent(log -> out.put("LogResult", log));
        out.set("Payload", payload);
        ObjectNode metadata = out.putObject("SdkHttpMetadata");
        metadata.set("AllHttpHeaders", HttpSupport.headerLists(response.headers()));
        ObjectNode single = metadata.putObject("HttpHeaders");
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":") && !values.isEmpty()) {
                sorted.put(name, values.getFirst());
            }
        });
        sorted.forEach(single::put);
        metadata.put("HttpStatusCode", status);
        out.putObject("SdkResponseMetadata").put("RequestId", requestId);
        out.put("StatusCode", status);
        return TaskOutcome.succeeded(out);
    }

    private static TaskOutcome functionError(String payload) {
        try {
            JsonNode node = Json.parse(payload);
            JsonNode type = node.path("errorType");
            if (type.isString() && !type.stringValue().isEmpty()) {
                return TaskOutcome.failed(type.stringValue(), payload);
            }
        } catch (JacksonException e) {
            // not JSON: no error type to report
        }
        return TaskOutcome.failed("Lambda.Unknown",
                "The cause could not be determined because Lambda did not return an error type. Returned payload: "
                        + payload);
    }

    private static TaskOutcome serviceError(FunctionRef ref, int status, HttpResponse<String> response,
                                            String requestId) {
        String body = response.body() == null ? "" : response.body();
        String code = response.headers().firstValue("X-Amzn-ErrorType")
                .map(v -> v.contains(":") ? v.substring(0, v.indexOf(':')) : v)
                .filter(v -> !v.isBlank())
                .orElse(null);
        String message = null;
        try {
            JsonNode node = Json.parse(body);
            if (code == null && node.path("__type").isString()) {
                String type = node.path("__type").stringValue();
                code = type.substring(type.lastIndexOf('#') + 1);
            }
            for (String field : List.of("Message", "message", "errorMessage")) {
                if (node.path(field).isString()) {
                    message = node.path(field).stringValue();
                    break;
                }
            }
        } catch (JacksonException e) {
            // body not JSON; fall back below
        }
        if (code == null) {
            code = switch (status) {
                case 404 -> "ResourceNotFoundException";
                case 429 -> "TooManyRequestsException";
                default -> status >= 500 ? "ServiceException" : "AWSLambdaException";
            };
        }
        if (message == null) {
            message = code.equals("ResourceNotFoundException") ? "Function not found: " + ref.arn()
                    : body.isBlank() ? "Lambda endpoint answered HTTP " + status : body;
        }
        return TaskOutcome.failed("Lambda." + code, sdkCause(message, status, code, requestId));
    }

    static String sdkCause(String message, int status, String code, String requestId) {
        return message + " (Service: AWSLambda; Status Code: " + status + "; Error Code: " + code + "; Request ID: "
                + requestId + "; Proxy: null)";
    }

    private static String requestId(HttpResponse<?> response) {
        List<String> names = new ArrayList<>(List.of("x-amzn-RequestId", "x-amz-request-id", "X-Amzn-Request-Id"));
        for (String name : names) {
            Optional<String> v = response.headers().firstValue(name);
            if (v.isPresent() && !v.get().isBlank()) {
                return v.get();
            }
        }
        return UUID.randomUUID().toString();
    }
}
