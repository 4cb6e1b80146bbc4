package dev.stepline.http;

/** What the transport calls for every request. Implementations must never throw. */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request);
}
