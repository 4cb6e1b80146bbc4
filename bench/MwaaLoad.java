import dev.stepline.http.Headers;
import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.server.ServerConfig;
import dev.stepline.server.StepLineServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MWAA Serverless load driver (not a test; see BENCHMARKS.md), in process (requests handed to the
 * server's router without a socket), on a fresh embedded store:
 *
 * <pre>
 * java -cp target/stepline.jar bench/MwaaLoad.java tasks [runs]          # 100-task EmptyOperator DAG
 * java -cp target/stepline.jar bench/MwaaLoad.java list  [stored runs]   # ListWorkflowRuns latency
 * </pre>
 *
 * {@code tasks}: task instances per second over {@code runs} runs of a DAG of 100 EmptyOperators in
 * 10 layers of 10 (each task depends on the whole layer before it), runs started back to back and
 * awaited. {@code list}: the runs are written straight into {@code mwaa_run} (as the projection
 * writes them), then ListWorkflowRuns is timed for the first page and for pages deep in the listing.
 */
public class MwaaLoad {
    private static final Pattern RUN_ID = Pattern.compile("\"RunId\":\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"RunState\":\"([A-Z]+)\"");
    private static final Pattern ARN = Pattern.compile("\"WorkflowArn\":\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"NextToken\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "tasks";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : mode.equals("list") ? 100_000 : 50;
        Path dir = Files.createTempDirectory("mwaa-bench");
        try (StepLineServer server = StepLineServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir))) {
            if (mode.equals("list")) {
                list(server, dir, n);
            } else {
                tasks(server, n);
            }
        }
    }

    private static void tasks(StepLineServer server, int runs) throws Exception {
        StringBuilder yaml = new StringBuilder("wide:\n  tasks:\n");
        for (int layer = 0; layer < 10; layer++) {
            for (int i = 0; i < 10; i++) {
                yaml.append("    t").append(layer).append('_').append(i)
                        .append(":\n      operator: airflow.providers.standard.operators.empty.EmptyOperator\n");
                if (layer > 0) {
                    yaml.append("      dependencies: [");
                    for (int j = 0; j < 10; j++) {
                        yaml.append(j > 0 ? ", " : "").append('t').append(layer - 1).append('_').append(j);
                    }
                    yaml.append("]\n");
                }
            }
        }
        String arn = workflow(server, "wide", yaml.toString());
        // warm-up
        await(server, arn, start(server, arn));
        long t0 = System.nanoTime();
        String[] ids = new String[runs];
        for (int i = 0; i < runs; i++) {
            ids[i] = start(server, arn);
            if (i >= 15) {
                await(server, arn, ids[i - 15]);
            }
        }
        for (String id : ids) {
            await(server, arn, id);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d runs x 100 EmptyOperator tasks in %.2f s: %.0f task instances/s, %.1f runs/s%n", runs,
                seconds, runs * 100 / seconds, runs / seconds);
    }

    private static void list(StepLineServer server, Path dir, int stored) throws Exception {
        String arn = workflow(server, "listed", "listed:\n  tasks: {}\n");
        String version = call(server, "GetWorkflow", "{\"WorkflowArn\":\"" + arn + "\"}")
                .replaceAll(".*\"WorkflowVersion\":\"([a-z0-9]{32})\".*", "$1");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("stepline.db"))) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO mwaa_run (workflow_arn, run_id, account,"
                    + " region, workflow_version, run_type, status, active, created_ms, started_ms, completed_ms,"
                    + " modified_ms, doc) VALUES (?, ?, '123456789012', 'us-east-1', ?, 'ON_DEMAND', 'SUCCESS', 0, ?, ?, ?, ?,"
                    + " '{\"duration\":1}')")) {
                long base = 1_700_000_000_000L;
                for (int i = 0; i < stored; i++) {
                    insert.setString(1, arn);
                    insert.setString(2, String.format("Run%012d", i));
                    insert.setString(3, version);
                    insert.setLong(4, base + i * 1000L);
                    insert.setLong(5, base + i * 1000L);
                    insert.setLong(6, base + i * 1000L + 1000);
                    insert.setLong(7, base + i * 1000L + 1000);
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
        }
        String first = "{\"WorkflowArn\":\"" + arn + "\",\"MaxResults\":100}";
        for (int i = 0; i < 200; i++) {
            call(server, "ListWorkflowRuns", first);
        }
        long[] firstPage = time(server, first, 500);
        // 500 pages deep (50,000 runs in) by following NextToken.
        String body = call(server, "ListWorkflowRuns", first);
        for (int page = 1; page < 500; page++) {
            Matcher m = TOKEN.matcher(body);
            m.find();
            body = call(server, "ListWorkflowRuns", first.replace("}", ",\"NextToken\":\"" + m.group(1) + "\"}"));
        }
        Matcher m = TOKEN.matcher(body);
        m.find();
        long[] deep = time(server, first.replace("}", ",\"NextToken\":\"" + m.group(1) + "\"}"), 500);
        System.out.printf("ListWorkflowRuns over %,d runs, 100 per page: first page p50 %.2f ms p99 %.2f ms;"
                + " page 501 p50 %.2f ms p99 %.2f ms%n", stored, firstPage[0] / 1e6, firstPage[1] / 1e6,
                deep[0] / 1e6, deep[1] / 1e6);
    }

    private static long[] time(StepLineServer server, String body, int n) {
        long[] samples = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call(server, "ListWorkflowRuns", body);
            samples[i] = System.nanoTime() - t;
        }
        Arrays.sort(samples);
        return new long[] {samples[n / 2], samples[n * 99 / 100]};
    }

    private static String workflow(StepLineServer server, String name, String yaml) {
        send(server, "PUT", "/defs", new byte[0], "s3");
        send(server, "PUT", "/defs/" + name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8), "s3");
        String created = call(server, "CreateWorkflow", "{\"Name\":\"" + name + "\",\"RoleArn\":\"arn:aws:iam::123456789012:role/b\","
                + "\"DefinitionS3Location\":{\"Bucket\":\"defs\",\"ObjectKey\":\"" + name + ".yaml\"}}");
        Matcher m = ARN.matcher(created);
        if (!m.find()) {
            throw new IllegalStateException(created);
        }
        return m.group(1);
    }

    private static String start(StepLineServer server, String arn) {
        Matcher m = RUN_ID.matcher(call(server, "StartWorkflowRun", "{\"WorkflowArn\":\"" + arn + "\"}"));
        m.find();
        return m.group(1);
    }

    private static void await(StepLineServer server, String arn, String runId) throws InterruptedException {
        while (true) {
            Matcher m = STATE.matcher(call(server, "GetWorkflowRun", "{\"WorkflowArn\":\"" + arn + "\",\"RunId\":\"" + runId + "\"}"));
            if (m.find() && List.of("SUCCESS", "FAILED", "TIMEOUT", "STOPPED").contains(m.group(1))) {
                if (!m.group(1).equals("SUCCESS")) {
                    throw new IllegalStateException("run " + runId + " ended " + m.group(1));
                }
                return;
            }
            Thread.sleep(1);
        }
    }

    private static String call(StepLineServer server, String op, String body) {
        Headers headers = Headers.of(Map.of("x-amz-target", List.of("AmazonMWAAServerless." + op),
                "content-type", List.of("application/x-amz-json-1.0"),
                "authorization", List.of(auth("airflow-serverless"))));
        HttpResponse r = server.handle(new HttpRequest("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8)));
        String text = new String(r.body(), StandardCharsets.UTF_8);
        if (r.status() != 200) {
            throw new IllegalStateException(op + " " + r.status() + ": " + text);
        }
        return text;
    }

    private static void send(StepLineServer server, String method, String path, byte[] body, String service) {
        Headers headers = Headers.of(Map.of("authorization", List.of(auth(service)),
                "x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD")));
        server.handle(new HttpRequest(method, path, "", headers, body));
    }

    private static String auth(String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=00";
    }
}
