package dev.stepline.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Plain HTTP for what SDKs never send: malformed bodies, unknown targets, unsigned requests. */
public final class RawHttp {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private RawHttp() {}

    public static HttpResponse<String> send(URI base, String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An awsJson1.0 call with the given target and body. */
    public static HttpResponse<String> awsJson(URI base, String target, String body) {
        return send(base, "POST", "/", body, "X-Amz-Target", target, "Content-Type", "application/x-amz-json-1.0");
    }
}
