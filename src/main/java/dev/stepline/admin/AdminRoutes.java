package dev.stepline.admin;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints a service face adds under {@code /_stepline/<name>/…} (e.g. Image Builder's fault
 * injection), outside every AWS API. The {@link AdminEndpoint} hands a request whose path starts
 * with {@code /_stepline/<name>/} or equals {@code /_stepline/<name>} to the handler of {@code name}.
 */
public final class AdminRoutes {
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();

    public void add(String name, HttpHandler handler) {
        requireNonNull(name, "name is null");
        requireNonNull(handler, "handler is null");
        if (name.isEmpty() || name.contains("/") || name.equals("health") || name.equals("clock")) {
            throw new IllegalArgumentException("bad admin route name: " + name);
        }
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("admin route already taken: " + name);
        }
    }

    /** The handler for a path under {@code /_stepline/}, if a face registered its first segment. */
    Optional<HttpHandler> find(String path) {
        String prefix = "/_stepline/";
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        return Optional.ofNullable(handlers.get(slash < 0 ? rest : rest.substring(0, slash)));
    }
}
