package dev.stepline.imagebuilder.admin;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpHandler;
import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.imagebuilder.runtime.Fault;
import dev.stepline.imagebuilder.runtime.RuntimeSettings;
import dev.stepline.store.Database;
import dev.stepline.store.MetaStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Image Builder's simulation controls, outside the AWS API ({@code /_stepline/imagebuilder/…}):
 * <ul>
 *   <li>{@code GET|POST|DELETE /_stepline/imagebuilder/faults}: list, add
 *       ({@code {"workflow": "<name or ARN>", "step": "<step name>", "mode": "FAIL"|"TIMEOUT"|"DELAY",
 *       "seconds": n, "message": "…"}}) or remove ({@code ?workflow=…&step=…}, or all) injected faults;</li>
 *   <li>{@code GET|PUT /_stepline/imagebuilder/settings}: {@code {"stepSeconds": n}}, the simulated
 *       duration of every step on the engine clock (default 1).</li>
 * </ul>
 * Both are stored (faults in {@code ib_fault}, the duration in the meta table), loaded at start and
 * reloaded whenever any node changes them (a change is announced on {@value #CHANNEL}; a node that
 * missed announcements while its listening connection was down reloads when it reconnects). A GET
 * answers what this node applies.
 */
public final class SimulationEndpoint implements HttpHandler {
    public static final String NAME = "imagebuilder";
    private static final String PREFIX = "/_stepline/" + NAME;
    private static final String STEP_SECONDS = "imagebuilder-step-seconds";
    static final String CHANNEL = "stepline_ib_simulation";
    private static final Logger LOG = LoggerFactory.getLogger(SimulationEndpoint.class);
    private final JsonMapper json = JsonMapper.builder().build();
    private final Database database;
    private final RuntimeSettings settings;
    private final MetaStore meta = new MetaStore();

    public SimulationEndpoint(Database database, RuntimeSettings settings) {
        this.database = requireNonNull(database, "database is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Loads what is stored (set before the last restart, or by another node) and keeps it current. */
    public void load() {
        reload();
        database.listen(CHANNEL, ignored -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warn("reloading Image Builder's simulation settings failed: {}", e.toString());
            }
        });
    }

    /** Replaces the settings in memory by what is stored; serialised, so the last read is the one applied. */
    private synchronized void reload() {
        double stepSeconds = meta.get(database, STEP_SECONDS).map(Double::parseDouble)
                .orElse(RuntimeSettings.DEFAULT_STEP_SECONDS);
        List<Fault> faults = database.read(tx -> tx.query("SELECT workflow, step, mode, seconds, message FROM ib_fault",
                rs -> new Fault(rs.getString(1), rs.getString(2), Fault.Mode.valueOf(rs.getString(3)), rs.getDouble(4),
                        rs.getString(5))));
        settings.replace(stepSeconds, faults);
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String path = request.rawPath();
        try {
            return switch (request.method() + " " + path) {
                case "GET " + PREFIX + "/faults" -> reply(200, Map.of("faults", settings.faults().stream().map(this::view).toList()));
                case "POST " + PREFIX + "/faults" -> addFault(request);
                case "DELETE " + PREFIX + "/faults" -> removeFaults(request);
                case "GET " + PREFIX + "/settings" -> reply(200, Map.of("stepSeconds", settings.stepSeconds()));
                case "PUT " + PREFIX + "/settings", "POST " + PREFIX + "/settings" -> putSettings(request);
                default -> reply(404, Map.of("message", "No such Stepline endpoint: " + request.method() + " " + path));
            };
        } catch (JacksonException | IllegalArgumentException e) {
            return reply(400, Map.of("message", "Bad request: " + e.getMessage()));
        }
    }

    private HttpResponse addFault(HttpRequest request) {
        JsonNode body = body(request);
        String workflow = body.path("workflow").asString(null);
        String step = body.path("step").asString(null);
        Fault.Mode mode = Fault.Mode.parse(body.path("mode").asString(null)).orElse(null);
        if (workflow == null || step == null || mode == null) {
            return reply(400, Map.of("message",
                    "Body must be {\"workflow\": <name or ARN>, \"step\": <step name>, \"mode\": FAIL|TIMEOUT|DELAY,"
                            + " \"seconds\": <n>, \"message\": <text>}"));
        }
        Fault fault = new Fault(workflow, step, mode, body.path("seconds").asDouble(0), body.path("message").asString(null));
        database.write(tx -> {
            tx.update("DELETE FROM ib_fault WHERE workflow = ? AND step = ?", workflow, step);
            tx.update("INSERT INTO ib_fault (workflow, step, mode, seconds, message) VALUES (?, ?, ?, ?, ?)", workflow, step,
                    mode.name(), fault.seconds(), fault.message());
            tx.publish(CHANNEL, "faults");
            return null;
        });
        reload();
        return reply(200, view(fault));
    }

    private HttpResponse removeFaults(HttpRequest request) {
        Map<String, String> query = query(request.rawQuery());
        String workflow = query.get("workflow");
        String step = query.get("step");
        database.write(tx -> {
            if (workflow == null) {
                tx.update("DELETE FROM ib_fault");
            } else if (step == null) {
                tx.update("DELETE FROM ib_fault WHERE workflow = ?", workflow);
            } else {
                tx.update("DELETE FROM ib_fault WHERE workflow = ? AND step = ?", workflow, step);
            }
            tx.publish(CHANNEL, "faults");
            return null;
        });
        reload();
        return reply(200, Map.of("faults", settings.faults().stream().map(this::view).toList()));
    }

    private HttpResponse putSettings(HttpRequest request) {
        JsonNode seconds = body(request).get("stepSeconds");
        if (seconds == null || !seconds.isNumber() || !(seconds.asDouble() >= 0) || Double.isInfinite(seconds.asDouble())) {
            return reply(400, Map.of("message", "Body must be {\"stepSeconds\": <non-negative number>}"));
        }
        database.write(tx -> {
            meta.put(tx, STEP_SECONDS, Double.toString(seconds.asDouble()));
            tx.publish(CHANNEL, "settings");
            return null;
        });
        reload();
        return reply(200, Map.of("stepSeconds", settings.stepSeconds()));
    }

    private Map<String, Object> view(Fault fault) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workflow", fault.workflow());
        out.put("step", fault.step());
        out.put("mode", fault.mode().name());
        out.put("seconds", fault.seconds());
        if (fault.message() != null) {
            out.put("message", fault.message());
        }
        return out;
    }

    private JsonNode body(HttpRequest request) {
        return request.body().length == 0 ? json.createObjectNode() : json.readTree(request.body());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    private HttpResponse reply(int status, Object body) {
        return HttpResponse.of(status, "application/json", json.writeValueAsBytes(body));
    }
}
