package dev.stepline.sfn.tasks;

import dev.stepline.sfn.runtime.dataflow.Json;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers shared by the HTTP-based task handlers. */
final class HttpSupport {
    private HttpSupport() {
    }

    /** A client for task calls: HTTP/1.1 (no h2c upgrade surprises with local servers). */
    static HttpClient newClient(Duration connectTimeout, HttpClient.Redirect redirects) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(redirects)
                .build();
    }

    static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Parses JSON text; text that is not JSON (or is empty) becomes a JSON string. */
    static JsonNode jsonOrString(String text) {
        if (text.isBlank()) {
            return Json.NODES.stringNode(text);
        }
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            return Json.NODES.stringNode(text);
        }
    }

    /** Response headers as {@code {name: [values…]}}, pseudo-headers left out. */
    static ObjectNode headerLists(HttpHeaders headers) {
        ObjectNode all = Json.object();
        for (Map.Entry<String, List<String>> e : headers.map().entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue;
            }
            var values = all.putArray(e.getKey());
            e.getValue().forEach(values::add);
        }
        return all;
    }

    /** Wording close to the AWS SDK's for a request that never got a response. */
    static String describeIoFailure(Exception e, String host, int port) {
        if (e instanceof HttpConnectTimeoutException) {
            return "Connect to " + host + ":" + port + " timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "Read timed out";
        }
        if (e instanceof ConnectException) {
            String detail = e.getMessage() == null || e.getMessage().isBlank() ? "Connection refused" : e.getMessage();
            return "Connect to " + host + ":" + port + " failed: " + detail;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
