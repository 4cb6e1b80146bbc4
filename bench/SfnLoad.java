import dev.stepline.http.Headers;
import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.server.ServerConfig;
import dev.stepline.server.StepLineServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step Functions load driver (not a test; see BENCHMARKS.md). Run with the built jar on the class path:
 *
 * <pre>
 * java -cp target/stepline.jar bench/SfnLoad.java chain    [http|inprocess] [executions] [clients]
 * java -cp target/stepline.jar bench/SfnLoad.java map      [http|inprocess] [items]
 * java -cp target/stepline.jar bench/SfnLoad.java list     [http|inprocess] [stored executions]
 * java -cp target/stepline.jar bench/SfnLoad.java dmap     [http|inprocess] [items] [maxConcurrency]
 * </pre>
 *
 * <ul>
 *   <li>{@code chain}: executions/s start-to-finish of a 10-state Pass chain; StartExecution latency from the
 *       clients, DescribeExecution latency from two extra clients describing running executions meanwhile.</li>
 *   <li>{@code map}: one execution of an inline Map over N items (each item a Pass state).</li>
 *   <li>{@code list}: ListExecutions latency over N stored executions: first page and a page 10,000 deep.</li>
 *   <li>{@code dmap}: one execution of a Distributed Map over a JSONL object of N items in the object store
 *       (one child execution per item, each a Pass state; results written with a ResultWriter).</li>
 * </ul>
 * {@code http} starts the server in this JVM on a free port and talks to it over HTTP (java.net.http);
 * {@code inprocess} hands the same requests to the server's router without a socket. Each run uses a fresh
 * embedded store in a temporary directory. {@code pg=<jdbc or postgresql:// URL>} is {@code http} with the
 * server's store in that PostgreSQL database. {@code remote=<url>[,<url>…]} starts no server: it drives
 * running nodes (e.g. a cluster on one PostgreSQL), each client calling the nodes in round robin.
 */
public final class SfnLoad {
    interface Client {
        String call(String operation, String body);
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "chain";
        String mode = args.length > 1 ? args[1] : "http";
        Path dir = Files.createTempDirectory("stepline-bench");
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir);
        if (mode.startsWith("pg=")) {
            config = config.withDatabaseUrl(mode.substring(3));
        }
        StepLineServer server = mode.startsWith("remote=") ? null : StepLineServer.start(config);
        try {
            Client client = mode.startsWith("remote=") ? remote(mode.substring(7).split(","))
                    : mode.equals("inprocess") ? inProcess(server) : http(server.port());
            switch (scenario) {
                case "chain", "jsonata" -> chain(client, args.length > 2 ? Integer.parseInt(args[2]) : 20_000,
                        args.length > 3 ? Integer.parseInt(args[3]) : 64, scenario.equals("jsonata"));
                case "map" -> map(client, args.length > 2 ? Integer.parseInt(args[2]) : 10_000);
                case "list" -> list(client, server, args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000);
                case "dmap" -> dmap(client, server, args.length > 2 ? Integer.parseInt(args[2]) : 100_000,
                        args.length > 3 ? Integer.parseInt(args[3]) : 0);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ scenarios

    /**
     * {@code jsonata}: every state evaluates an Output (object constructor, arithmetic, {@code $sum} over an
     * array, a context read) and an Assign, so each execution runs 20 JSONata evaluations.
     */
    static void chain(Client client, int executions, int clients, boolean jsonata) throws Exception {
        StringBuilder states = new StringBuilder();
        String work = jsonata
                ? "\"Assign\":{\"last\":\"{% $states.input.n %}\"},\"Output\":\"{% {'n': $states.input.n + 1, "
                  + "'items': $states.input.items, 'sum': $sum($states.input.items), "
                  + "'who': $states.context.Execution.Name} %}\","
                : "";
        for (int i = 0; i < 10; i++) {
            states.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Pass\",").append(work)
                    .append(i == 9 ? "\"End\":true}" : "\"Next\":\"S" + (i + 1) + "\"}");
        }
        String first = jsonata
                ? "\"QueryLanguage\":\"JSONata\",\"StartAt\":\"In\",\"States\":{\"In\":{\"Type\":\"Pass\","
                  + "\"Output\":{\"n\":0,\"items\":[1,2,3,4,5,6,7,8]},\"Next\":\"S0\"},"
                : "\"StartAt\":\"S0\",\"States\":{";
        String machine = createMachine(client, jsonata ? "jsonata" : "chain", "{" + first + states + "}}");
        // Warm up the JIT and the store, then measure.
        run(client, machine, 2_000, clients, false);
        run(client, machine, executions, clients, true);
    }

    static void run(Client client, String machine, int executions, int clients, boolean report) throws Exception {
        long[] startLatency = new long[executions];
        AtomicReferenceArray<String> arns = new AtomicReferenceArray<>(executions);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        ConcurrentLinkedQueue<Long> describeLatency = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    try {
                    for (int i; (i = next.getAndIncrement()) < executions; ) {
                        long s = System.nanoTime();
                        String out = client.call("StartExecution", "{\"stateMachineArn\":\"" + machine + "\",\"input\":\"{\\\"n\\\":" + i + "}\"}");
                        startLatency[i] = System.nanoTime() - s;
                        arns.set(i, field(out, "executionArn"));
                        started.incrementAndGet();
                    }
                    } catch (RuntimeException e) {
                        e.printStackTrace();
                    } finally {
                        done.countDown();
                    }
                });
            }
            for (int d = 0; d < 2; d++) {
                pool.execute(() -> {
                    while (done.getCount() > 0) {
                        int n = started.get();
                        String arn = n == 0 ? null : arns.get(Math.max(0, n - 1 - (int) (Math.random() * Math.min(n, 100))));
                        if (arn == null) {
                            // Never spin: virtual threads are not preempted, two spinners would own both carriers.
                            sleep(1);
                            continue;
                        }
                        long s = System.nanoTime();
                        client.call("DescribeExecution", "{\"executionArn\":\"" + arn + "\"}");
                        describeLatency.add(System.nanoTime() - s);
                        sleep(1);
                    }
                });
            }
            done.await();
            long startedAll = System.nanoTime();
            // Finished when nothing of this machine is RUNNING any more.
            while (client.call("ListExecutions", "{\"stateMachineArn\":\"" + machine + "\",\"statusFilter\":\"RUNNING\",\"maxResults\":1}")
                    .contains("executionArn")) {
                Thread.sleep(2);
            }
            long finished = System.nanoTime();
            if (report) {
                double seconds = (finished - t0) / 1e9;
                System.out.printf("%s: %d executions of a 10-state Pass chain, %d clients%n",
                        machine.substring(machine.lastIndexOf(':') + 1), executions, clients);
                System.out.printf("  start-to-finish: %.0f executions/s (%.2f s; all started after %.2f s)%n",
                        executions / seconds, seconds, (startedAll - t0) / 1e9);
                System.out.printf("  StartExecution    p50 %.2f ms  p99 %.2f ms%n", pct(startLatency, 50), pct(startLatency, 99));
                long[] d = describeLatency.stream().mapToLong(Long::longValue).toArray();
                System.out.printf("  DescribeExecution p50 %.2f ms  p99 %.2f ms  (%d calls)%n", pct(d, 50), pct(d, 99), d.length);
                String sample = arns.get(executions / 2);
                System.out.println("  sample status: " + field(client.call("DescribeExecution", "{\"executionArn\":\"" + sample + "\"}"), "status"));
            }
        }
    }

    static void map(Client client, int items) throws Exception {
        String definition = "{\"StartAt\":\"Items\",\"States\":{"
                + "\"Items\":{\"Type\":\"Pass\",\"Parameters\":{\"items.$\":\"States.ArrayRange(1, " + items + ", 1)\"},\"Next\":\"Map\"},"
                + "\"Map\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ItemProcessor\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true}}}";
        // States.ArrayRange is limited to 1,000 elements: build larger arrays as input instead.
        StringBuilder input = new StringBuilder("{\\\"items\\\":[");
        for (int i = 0; i < items; i++) {
            input.append(i == 0 ? "" : ",").append(i);
        }
        input.append("]}");
        definition = definition.replace("\"Items\":{\"Type\":\"Pass\",\"Parameters\":{\"items.$\":\"States.ArrayRange(1, " + items + ", 1)\"},\"Next\":\"Map\"},", "")
                .replace("\"StartAt\":\"Items\"", "\"StartAt\":\"Map\"");
        String machine = createMachine(client, "map" + items, definition);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            String arn = field(client.call("StartExecution", "{\"stateMachineArn\":\"" + machine + "\",\"input\":\"" + input + "\"}"), "executionArn");
            String status;
            while ((status = field(client.call("DescribeExecution", "{\"executionArn\":\"" + arn + "\"}"), "status")).equals("RUNNING")) {
                Thread.sleep(5);
            }
            System.out.printf("map: %d items, %s in %.0f ms%n", items, status, (System.nanoTime() - t0) / 1e6);
            if (!status.equals("SUCCEEDED")) {
                String described = client.call("DescribeExecution", "{\"executionArn\":\"" + arn + "\"}");
                System.out.println("  error: " + field(described, "error") + ": " + field(described, "cause"));
            }
        }
    }

    /** Distributed Map over a JSONL object: wall time from StartExecution to SUCCEEDED, child executions per second. */
    static void dmap(Client client, StepLineServer server, int items, int maxConcurrency) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < items; i++) {
            lines.append("{\"n\":").append(i).append("}\n");
        }
        s3(server, "PUT", "/bench-items", new byte[0]);
        s3(server, "PUT", "/bench-results", new byte[0]);
        s3(server, "PUT", "/bench-items/items.jsonl", lines.toString().getBytes(StandardCharsets.UTF_8));
        String definition = "{\"StartAt\":\"Fan\",\"States\":{\"Fan\":{\"Type\":\"Map\",\"MaxConcurrency\":" + maxConcurrency + ","
                + "\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"JSONL\"},"
                + "\"Parameters\":{\"Bucket\":\"bench-items\",\"Key\":\"items.jsonl\"}},"
                + "\"ResultWriter\":{\"Resource\":\"arn:aws:states:::s3:putObject\",\"Parameters\":{\"Bucket\":\"bench-results\",\"Prefix\":\"out\"}},"
                + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
                + "\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true}}}";
        String machine = createMachine(client, "dmap" + items, definition);
        long t0 = System.nanoTime();
        String arn = field(client.call("StartExecution", "{\"stateMachineArn\":\"" + machine + "\"}"), "executionArn");
        String status;
        long lastReport = t0;
        while ((status = field(client.call("DescribeExecution", "{\"executionArn\":\"" + arn + "\"}"), "status")).equals("RUNNING")) {
            Thread.sleep(200);
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                String runs = client.call("ListMapRuns", "{\"executionArn\":\"" + arn + "\"}");
                String mapRun = field(runs, "mapRunArn");
                if (mapRun != null) {
                    String described = client.call("DescribeMapRun", "{\"mapRunArn\":\"" + mapRun + "\"}");
                    Matcher m = Pattern.compile("\"executionCounts\":\\{[^}]*\\}").matcher(described);
                    System.out.printf("  %.0f s: %s%n", (lastReport - t0) / 1e9, m.find() ? m.group() : described);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("dmap: %d items, MaxConcurrency %d, %s in %.1f s = %.0f child executions/s%n", items,
                maxConcurrency, status, seconds, items / seconds);
        if (!status.equals("SUCCEEDED")) {
            String described = client.call("DescribeExecution", "{\"executionArn\":\"" + arn + "\"}");
            System.out.println("  error: " + field(described, "error") + ": " + field(described, "cause"));
        }
    }

    /** An unsigned S3 call handed to the router (signatures are not checked by default). */
    static void s3(StepLineServer server, String method, String path, byte[] body) {
        Headers headers = Headers.of(Map.of("authorization", List.of(
                "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00"),
                "x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD")));
        HttpResponse response = server.handle(new HttpRequest(method, path, "", headers, body));
        if (response.status() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.status() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    static void list(Client client, StepLineServer server, int stored) throws Exception {
        String machine = createMachine(client, "listed", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
        long t0 = System.nanoTime();
        // Rows as the projection writes them, inserted directly: running a million executions is the chain benchmark's job.
        server.engine().database().write(tx -> {
            List<Object[]> rows = new ArrayList<>(10_000);
            for (int i = 0; i < stored; i++) {
                rows.add(new Object[] {machine.replace(":stateMachine:", ":execution:") + ":e" + i, machine, "e" + i,
                        i % 10 == 0 ? "FAILED" : "SUCCEEDED", 1_700_000_000_000L + i, 1_700_000_000_500L + i,
                        "{\"input\":\"{}\",\"output\":\"{}\"}"});
                if (rows.size() == 10_000 || i == stored - 1) {
                    tx.batch("INSERT INTO sfn_execution (arn, state_machine_arn, version_arn, alias_arn, name, status, start_ms,"
                            + " stop_ms, redrive_count, redrive_ms, doc) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, 0, NULL, ?)", rows);
                    rows.clear();
                }
            }
            return null;
        });
        System.out.printf("list: stored %d executions in %.1f s%n", stored, (System.nanoTime() - t0) / 1e9);
        String first = "{\"stateMachineArn\":\"" + machine + "\",\"maxResults\":100}";
        for (int i = 0; i < 500; i++) {
            client.call("ListExecutions", first); // warm-up (JIT, page cache)
        }
        long[] firstPage = new long[200];
        for (int i = 0; i < firstPage.length; i++) {
            long s = System.nanoTime();
            client.call("ListExecutions", first);
            firstPage[i] = System.nanoTime() - s;
        }
        // Walk 100 pages of 100 to reach a page 10,000 rows deep, then time that page repeatedly.
        String token = null;
        for (int page = 0; page < 100; page++) {
            String body = "{\"stateMachineArn\":\"" + machine + "\",\"maxResults\":100"
                    + (token == null ? "" : ",\"nextToken\":\"" + token + "\"") + "}";
            token = field(client.call("ListExecutions", body), "nextToken");
        }
        String deep = "{\"stateMachineArn\":\"" + machine + "\",\"maxResults\":100,\"nextToken\":\"" + token + "\"}";
        long[] deepPage = new long[200];
        for (int i = 0; i < deepPage.length; i++) {
            long s = System.nanoTime();
            client.call("ListExecutions", deep);
            deepPage[i] = System.nanoTime() - s;
        }
        String filtered = "{\"stateMachineArn\":\"" + machine + "\",\"maxResults\":100,\"statusFilter\":\"FAILED\"}";
        long[] filteredPage = new long[200];
        for (int i = 0; i < filteredPage.length; i++) {
            long s = System.nanoTime();
            client.call("ListExecutions", filtered);
            filteredPage[i] = System.nanoTime() - s;
        }
        System.out.printf("  first page (100)        p50 %.2f ms  p99 %.2f ms%n", pct(firstPage, 50), pct(firstPage, 99));
        System.out.printf("  page 10,000 deep (100)  p50 %.2f ms  p99 %.2f ms%n", pct(deepPage, 50), pct(deepPage, 99));
        System.out.printf("  statusFilter=FAILED     p50 %.2f ms  p99 %.2f ms%n", pct(filteredPage, 50), pct(filteredPage, 99));
    }

    // ------------------------------------------------------------------ plumbing

    static String createMachine(Client client, String name, String definition) {
        String body = "{\"name\":\"" + name + "\",\"roleArn\":\"arn:aws:iam::123456789012:role/bench\",\"definition\":"
                + quote(definition) + "}";
        String out = client.call("CreateStateMachine", body);
        String arn = field(out, "stateMachineArn");
        if (arn == null) {
            throw new IllegalStateException("CreateStateMachine failed: " + out);
        }
        return arn;
    }

    static Client http(int port) {
        return http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** Round robin over several nodes' endpoints, call by call. */
    static Client remote(String[] endpoints) {
        List<Client> nodes = Arrays.stream(endpoints).map(e -> http(URI.create(e.endsWith("/") ? e : e + "/"))).toList();
        AtomicInteger turn = new AtomicInteger();
        return (operation, body) -> nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size())).call(operation, body);
    }

    static Client http(URI uri) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return (operation, body) -> {
            try {
                var request = java.net.http.HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", "AWSStepFunctions." + operation)
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
                return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static Client inProcess(StepLineServer server) {
        return (operation, body) -> {
            Headers headers = Headers.of(Map.of(
                    "content-type", List.of("application/x-amz-json-1.0"),
                    "x-amz-target", List.of("AWSStepFunctions." + operation),
                    "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00")));
            HttpResponse response = server.handle(new HttpRequest("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8)));
            return new String(response.body(), StandardCharsets.UTF_8);
        };
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static double pct(long[] nanos, int p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
