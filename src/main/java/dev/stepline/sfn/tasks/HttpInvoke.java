package dev.stepline.sfn.tasks;

import static java.util.Objects.requireNonNull;

import dev.stepline.sfn.runtime.dataflow.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP Task, {@code arn:aws:states:::http:invoke} (AWS Step Functions Developer Guide, "Call HTTPS APIs
 * in Step Functions workflows"), performed for real.
 *
 * <p>Parameters: {@code ApiEndpoint} (required URL), {@code Method} (required: GET, POST, PUT, DELETE,
 * PATCH, OPTIONS, HEAD), {@code Headers} (object; a value may be an array for a repeated header),
 * {@code QueryParameters} (object; arrays repeat the key), {@code RequestBody} (any JSON; sent as JSON with
 * {@code Content-Type: application/json; charset=UTF-8} unless the state sets one), {@code Transform}
 * ({@code RequestBodyEncoding} {@code NONE|URL_ENCODED}, {@code RequestEncodingOptions.ArrayFormat}
 * {@code INDICES} (default) {@code |REPEAT|COMMAS|BRACKETS}) and {@code Authentication.ConnectionArn}.
 *
 * <p>AWS requires an EventBridge connection in {@code Authentication.ConnectionArn} and adds its credentials to
 * the request. Stepline has no EventBridge: the connection ARN is accepted (and may be omitted) and ignored,
 * so requests go out without connection-supplied auth. Plain {@code http} endpoints are allowed (AWS needs
 * {@code https}); that is what local testing needs.
 *
 * <p>Result: {@code {"Headers": {name: [values…]}, "ResponseBody": …, "StatusCode": n, "StatusText": "…"}};
 * the body is parsed when the response's content type is JSON ({@code application/json}, {@code +json}),
 * else it is a string.
 *
 * <p>Errors: a non-2xx status fails with {@code States.Http.StatusCode.<code>}; the cause is the compact
 * JSON of the result object above [unverified: AWS's exact cause text]. No response at all (refused, reset,
 * the timeout — AWS's is 60 s) fails with {@code States.Http.Socket}. A header AWS forbids (its list, plus
 * {@code Authorization}, which AWS's definition validation rejects because the connection supplies auth)
 * or malformed parameters fail with {@code States.Runtime} before any request is sent, as on AWS.
 *
 * <p>Thread-safe.
 */
public final class HttpInvoke {

    /** AWS's HTTP Task timeout ("Quotas related to HTTP Task"). */
    public static final Duration AWS_TIMEOUT = Duration.ofSeconds(60);

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

    /** Headers the AWS guide says an HTTP Task must not set (it then fails with States.Runtime), lower-case. */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of(
            "a-im", "accept-charset", "accept-datetime", "accept-encoding", "cache-control", "connection",
            "content-encoding", "content-md5", "date", "expect", "forwarded", "from", "host", "http2-settings",
            "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "max-forwards",
            "origin", "pragma", "proxy-authorization", "referer", "server", "te", "trailer", "transfer-encoding",
            "upgrade", "via", "warning", "authorization");
    private static final List<String> FORBIDDEN_PREFIXES = List.of("x-forwarded-", "x-amz-", "x-amzn-");

    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param client  the HTTP client to use
     * @param timeout bound on one request, response included (AWS: {@link #AWS_TIMEOUT})
     */
    public HttpInvoke(HttpClient client, Duration timeout) {
        this.client = requireNonNull(client, "client is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** An HTTP Task runner with its own client. */
    public static HttpInvoke create(Duration timeout) {
        return new HttpInvoke(HttpSupport.newClient(timeout, HttpClient.Redirect.NORMAL), timeout);
    }

    /** Thrown while building the request: the task fails with States.Runtime and nothing is sent. */
    private static final class BadParameters extends Exception {
        BadParameters(String message) {
            super(message, null, false, false);
        }
    }

    /** Performs the HTTP request the call's parameters describe. */
    public TaskOutcome invoke(TaskCall call) {
        HttpRequest request;
        try {
            request = buildRequest(call);
        } catch (BadParameters e) {
            return TaskOutcome.failed("States.Runtime", e.getMessage());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            URI uri = request.uri();
            int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
            return TaskOutcome.failed("States.Http.Socket", HttpSupport.describeIoFailure(e, uri.getHost(), port)
                    + " while executing " + request.method() + " " + uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskOutcome.failed("States.Runtime", "Interrupted while executing " + request.method() + " "
                    + request.uri());
        }
        ObjectNode result = result(response);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return TaskOutcome.failed("States.Http.StatusCode." + status, Json.compact(result));
        }
        return TaskOutcome.succeeded(result);
    }

    private HttpRequest buildRequest(TaskCall call) throws BadParameters {
        JsonNode params = call.parameters();
        if (!params.isObject()) {
            throw new BadParameters("The parameters of an http:invoke task must be a JSON object");
        }
        String endpoint = requiredString(params, "ApiEndpoint");
        String method = requiredString(params, "Method").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new BadParameters("The value of the field 'Method' must be one of " + String.join(", ",
                    List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")) + ", but was '"
                    + params.get("Method").stringValue() + "'");
        }
        URI uri = endpointUri(endpoint, params.get("QueryParameters"));

        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        boolean contentTypeSet = false;
        JsonNode headers = params.get("Headers");
        if (headers != null && !headers.isNull()) {
            if (!headers.isObject()) {
                throw new BadParameters("The field 'Headers' must be a JSON object");
            }
            for (Map.Entry<String, JsonNode> h : headers.properties()) {
                String name = h.getKey();
                String lower = name.toLowerCase(Locale.ROOT);
                if (FORBIDDEN_HEADERS.contains(lower) || FORBIDDEN_PREFIXES.stream().anyMatch(lower::startsWith)) {
                    throw new BadParameters("The 'Headers' field contains unsupported values: [" + lower + "]");
                }
                if (lower.equals("content-length")) {
                    continue; // computed from the body
                }
                List<String> values = scalarValues(h.getValue(), "Headers." + name);
                for (String value : values) {
                    builder.header(name, value);
                }
                contentTypeSet |= lower.equals("content-type") && !values.isEmpty();
            }
        }
        if (headers == null || !headers.has("User-Agent")) {
            builder.header("User-Agent", "Amazon|StepFunctions|HttpInvoke|" + (call.region() == null ? "local"
                    : call.region()));
        }

        JsonNode body = params.get("RequestBody");
        if (body == null || body.isNull()) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String encoding = "NONE";
            String arrayFormat = "INDICES";
            JsonNode transform = params.get("Transform");
            if (transform != null && !transform.isNull()) {
                if (!transform.isObject()) {
                    throw new BadParameters("The field 'Transform' must be a JSON object");
                }
                encoding = optionalEnum(transform, "RequestBodyEncoding", Set.of("NONE", "URL_ENCODED"), "NONE");
                JsonNode options = transform.get("RequestEncodingOptions");
                if (options != null && options.isObject()) {
                    arrayFormat = optionalEnum(options, "ArrayFormat", Set.of("INDICES", "REPEAT", "COMMAS",
                            "BRACKETS"), "INDICES");
                }
            }
            String text;
            String contentType;
            if (encoding.equals("URL_ENCODED")) {
                if (!body.isObject()) {
                    throw new BadParameters("A URL_ENCODED 'RequestBody' must be a JSON object");
                }
                text = UrlEncodedForm.encode(body, arrayFormat);
                contentType = "application/x-www-form-urlencoded";
            } else {
                text = Json.compact(body);
                contentType = "application/json; charset=UTF-8";
            }
            if (!contentTypeSet) {
                builder.header("Content-Type", contentType);
            }
            builder.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new BadParameters("Invalid HTTP request: " + e.getMessage());
        }
    }

    private static URI endpointUri(String endpoint, JsonNode query) throws BadParameters {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new BadParameters("The value of the field 'ApiEndpoint' is not a valid URL: " + endpoint);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new BadParameters("The value of the field 'ApiEndpoint' must be an http(s) URL with a host: "
                    + endpoint);
        }
        if (query == null || query.isNull()) {
            return uri;
        }
        if (!query.isObject()) {
            throw new BadParameters("The field 'QueryParameters' must be a JSON object");
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> q : query.properties()) {
            for (String value : scalarValues(q.getValue(), "QueryParameters." + q.getKey())) {
                pairs.add(HttpSupport.urlEncode(q.getKey()) + "=" + HttpSupport.urlEncode(value));
            }
        }
        if (pairs.isEmpty()) {
            return uri;
        }
        String joined = String.join("&", pairs);
        String withoutFragment = uri.getRawFragment() == null ? endpoint
                : endpoint.substring(0, endpoint.length() - uri.getRawFragment().length() - 1);
        String separator = uri.getRawQuery() == null ? "?" : withoutFragment.endsWith("&") ? "" : "&";
        try {
            return new URI(withoutFragment + separator + joined);
        } catch (URISyntaxException e) {
            throw new BadParameters("Cannot append QueryParameters to 'ApiEndpoint' " + endpoint);
        }
    }

    /** Header/query values: a scalar, or an array of scalars (repeated); null means none. */
    private static List<String> scalarValues(JsonNode value, String where) throws BadParameters {
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isNull()) {
                    continue;
                }
                if (element.isContainer()) {
                    throw new BadParameters("The value of '" + where + "' must be a string, number, boolean or an "
                            + "array of them");
                }
                values.add(scalarText(element));
            }
            return values;
        }
        if (value.isObject()) {
            throw new BadParameters("The value of '" + where + "' must be a string, number, boolean or an array of "
                    + "them");
        }
        values.add(scalarText(value));
        return values;
    }

    static String scalarText(JsonNode node) {
        return node.isString() ? node.stringValue() : Json.compact(node);
    }

    private static String requiredString(JsonNode params, String name) throws BadParameters {
        JsonNode node = params.get(name);
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new BadParameters("The field '" + name + "' is required but was missing");
        }
        if (!node.isString() || node.stringValue().isEmpty()) {
            throw new BadParameters("The value of the field '" + name + "' must be a non-empty string");
        }
        return node.stringValue();
    }

    private static String optionalEnum(JsonNode object, String name, Set<String> allowed, String fallback)
            throws BadParameters {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isString() || !allowed.contains(node.stringValue())) {
            throw new BadParameters("The value of the field '" + name + "' must be one of " + allowed);
        }
        return node.stringValue();
    }

    private static ObjectNode result(HttpResponse<byte[]> response) {
        ObjectNode out = Json.object();
        out.set("Headers", HttpSupport.headerLists(response.headers()));
        Optional<String> contentType = response.headers().firstValue("Content-Type");
        String text = new String(response.body() == null ? new byte[0] : response.body(), charset(contentType));
        out.set("ResponseBody", isJson(contentType) ? HttpSupport.jsonOrString(text) : Json.NODES.stringNode(text));
        out.put("StatusCode", response.statusCode());
        out.put("StatusText", ReasonPhrases.of(response.statusCode()));
        return out;
    }

    private static boolean isJson(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        String mediaType = contentType.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static Charset charset(Optional<String> contentType) {
        if (contentType.isPresent()) {
            for (String part : contentType.get().split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
