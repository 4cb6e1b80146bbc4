package dev.stepline.protocol.restjson;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A restJson route: a method and a path template whose {@code {label}} segments bind request
 * members, e.g. {@code GET /tags/{resourceArn}}. Labels match one encoded segment (SDKs
 * percent-encode slashes inside labels).
 */
record Route(String method, List<String> segments, String operation) {
    Route {
        requireNonNull(method, "method is null");
        segments = List.copyOf(segments);
        requireNonNull(operation, "operation is null");
    }

    static Route of(String method, String template, String operation) {
        return new Route(method, split(template), operation);
    }

    /** The bound labels (decoded) when the path matches, else null. */
    Map<String, String> match(String method, List<String> path) {
        if (!this.method.equals(method) || path.size() != segments.size()) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String template = segments.get(i);
            if (template.startsWith("{") && template.endsWith("}")) {
                labels.put(template.substring(1, template.length() - 1), decode(path.get(i)));
            } else if (!template.equals(path.get(i))) {
                return null;
            }
        }
        return labels;
    }

    static List<String> split(String rawPath) {
        String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        return List.of(trimmed.split("/", -1));
    }

    static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
