package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpHandler;
import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.mwaa.worker.MwaaTaskRunner;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads task-attempt logs (the API has no log operation; on AWS they are in CloudWatch Logs):
 * {@code GET /_stepline/mwaa/logs/<log group>/<log stream>}, e.g.
 * {@code /_stepline/mwaa/logs/aws/mwaa-serverless/<workflow id>/workflow_id=<id>/run_id=<run>/task_id=<task>/attempt=1.log}
 * answers the JSON lines of that attempt ({@code LogStream} of GetTaskInstance names the stream), on
 * every node: finished runs of attempts are stored in the database ({@link MwaaTaskRunner#log}).
 */
final class AttemptLogs implements HttpHandler {
    private static final String PREFIX = "/_stepline/mwaa/logs/";
    private final MwaaTaskRunner runner;

    AttemptLogs(MwaaTaskRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String path = URLDecoder.decode(request.rawPath(), StandardCharsets.UTF_8);
        int stream = path.indexOf("workflow_id=");
        if (!"GET".equals(request.method()) || !path.startsWith(PREFIX) || stream < 0) {
            return text(404, "use GET " + PREFIX + "<log group>/<log stream>");
        }
        try {
            return runner.log(path.substring(PREFIX.length(), stream), path.substring(stream))
                    .map(log -> HttpResponse.of(200, "application/x-ndjson", log.getBytes(StandardCharsets.UTF_8)))
                    .orElseGet(() -> text(404, "no such log stream"));
        } catch (IllegalArgumentException e) {
            return text(400, e.getMessage());
        } catch (IOException e) {
            return text(500, e.getMessage());
        }
    }

    private static HttpResponse text(int status, String message) {
        return HttpResponse.of(status, "text/plain", message.getBytes(StandardCharsets.UTF_8));
    }
}
