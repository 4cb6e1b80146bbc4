package dev.stepline.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP response, independent of the server library.
 *
 * @param status  HTTP status code
 * @param headers response headers (single-valued; insertion order is kept)
 * @param body    the body bytes; empty for none
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
    public HttpResponse {
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Map.of("Content-Type", contentType), body);
    }

    public static HttpResponse json(int status, String contentType, String json) {
        return of(status, contentType, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy with one more header. */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }
}
