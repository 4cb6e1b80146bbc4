package dev.stepline.admin;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.EngineClock;
import dev.stepline.http.HttpHandler;
import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.protocol.json.TimestampFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stepline's own endpoints under {@code /_stepline/}, outside every AWS API:
 * <ul>
 *   <li>{@code GET /_stepline/health}: 200 {@code {"status":"ok",…}} once requests are served;</li>
 *   <li>{@code GET /_stepline/clock}: the engine time;</li>
 *   <li>{@code POST /_stepline/clock/advance} with {@code {"seconds": n}}: moves engine time forward;</li>
 *   <li>{@code /_stepline/<name>/…}: what a service face registered in {@link AdminRoutes}.</li>
 * </ul>
 */
public final class AdminEndpoint implements HttpHandler {
    private final JsonMapper json = JsonMapper.builder().build();
    private final EngineClock clock;
    private final Map<String, Object> about;
    private final AdminRoutes routes;
    private final long startedNanos = System.nanoTime();

    public AdminEndpoint(EngineClock clock, Map<String, Object> about, AdminRoutes routes) {
        this.clock = requireNonNull(clock, "clock is null");
        this.about = Map.copyOf(about);
        this.routes = requireNonNull(routes, "routes is null");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String path = request.rawPath();
        return switch (request.method() + " " + path) {
            case "GET /_stepline/health", "HEAD /_stepline/health" -> health();
            case "GET /_stepline/clock" -> clockNow();
            case "POST /_stepline/clock/advance" -> advance(request);
            default -> routes.find(path).map(handler -> handler.handle(request)).orElseGet(() -> reply(404, Map.of("message", "No such Stepline endpoint: " + request.method() + " " + path)));
        };
    }

    private HttpResponse health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.putAll(about);
        body.put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
        return reply(200, body);
    }

    private HttpResponse clockNow() {
        return reply(200, Map.of("now", TimestampFormat.isoMillis(clock.instant()), "scale", clock.scale()));
    }

    private HttpResponse advance(HttpRequest request) {
        JsonNode seconds;
        try {
            seconds = request.body().length == 0 ? null : json.readTree(request.body()).get("seconds");
        } catch (JacksonException e) {
            seconds = null;
        }
        if (seconds == null || !seconds.isNumber() || seconds.asDouble() < 0) {
            return reply(400, Map.of("message", "Body must be {\"seconds\": <non-negative number>}"));
        }
        clock.advance(Duration.ofNanos((long) (seconds.asDouble() * 1e9)));
        return clockNow();
    }

    private HttpResponse reply(int status, Map<String, ?> body) {
        return HttpResponse.of(status, "application/json", json.writeValueAsBytes(body));
    }
}
