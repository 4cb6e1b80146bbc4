package dev.stepline.http;

import static java.util.Objects.requireNonNull;

/**
 * One HTTP request as the protocol layer sees it, independent of the server library.
 *
 * @param method    upper-case method, e.g. {@code POST}
 * @param rawPath   the path exactly as sent, still percent-encoded, without the query
 * @param rawQuery  the query string exactly as sent, without the leading {@code ?}; empty when none
 * @param headers   request headers
 * @param body      the whole request body (empty array when none)
 */
public record HttpRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
    public HttpRequest {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
    }

    public String header(String name) {
        return headers.first(name);
    }
}
