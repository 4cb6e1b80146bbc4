import dev.stepline.http.Headers;
import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.server.ServerConfig;
import dev.stepline.server.StepLineServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image Builder load driver (not a test; see BENCHMARKS.md), in-process: requests go to the server's
 * router without a socket, signed headers as the SDK sends them (signatures are not verified by default).
 *
 * <pre>
 * java -cp target/stepline.jar bench/ImageBuilderLoad.java build [images] [clients]
 * java -cp target/stepline.jar bench/ImageBuilderLoad.java reads [stored images] [samples]
 * </pre>
 *
 * <ul>
 *   <li>{@code build}: images per second through the default workflows (build-image: 7 steps, test-image:
 *       4 steps, built-in distribution) on the simulated EC2 with zero simulated durations, from CreateImage
 *       until every image is AVAILABLE.</li>
 *   <li>{@code reads}: stores N images that way, then measures ListWorkflowExecutions and
 *       GetWorkflowStepExecution latency for random images and steps.</li>
 * </ul>
 */
public final class ImageBuilderLoad {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "build";
        Path dir = Files.createTempDirectory("stepline-bench");
        StepLineServer server = StepLineServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir));
        try {
            call(server, "PUT", "/_stepline/imagebuilder/settings", "", "{\"stepSeconds\": 0}");
            String recipe = field(call(server, "PUT", "/CreateImageRecipe", "", "{\"name\":\"bench\",\"semanticVersion\":\"1.0.0\","
                    + "\"parentImage\":\"ami-0123456789abcdef0\",\"clientToken\":\"" + UUID.randomUUID() + "\"}"), "imageRecipeArn");
            String infra = field(call(server, "PUT", "/CreateInfrastructureConfiguration", "", "{\"name\":\"bench\","
                    + "\"instanceProfileName\":\"profile\",\"clientToken\":\"" + UUID.randomUUID() + "\"}"),
                    "infrastructureConfigurationArn");
            switch (scenario) {
                case "build" -> {
                    int images = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
                    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
                    build(server, recipe, infra, 200, clients); // warm-up
                    long start = System.nanoTime();
                    build(server, recipe, infra, images, clients);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("build: %d images with the default workflows in %.1f s = %.0f images/s (%d clients)%n",
                            images, seconds, images / seconds, clients);
                }
                case "reads" -> {
                    int stored = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
                    int samples = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
                    long start = System.nanoTime();
                    List<String> arns = build(server, recipe, infra, stored, 16);
                    System.out.printf("stored %d images in %.1f s%n", stored, (System.nanoTime() - start) / 1e9);
                    reads(server, arns, samples);
                }
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } finally {
            server.close();
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Creates {@code images} images from {@code clients} threads and waits until all are AVAILABLE. */
    static List<String> build(StepLineServer server, String recipe, String infra, int images, int clients) throws Exception {
        ConcurrentLinkedQueue<String> arns = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = images / clients + (c < images % clients ? 1 : 0);
            futures.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    String out = call(server, "PUT", "/CreateImage", "", "{\"imageRecipeArn\":\"" + recipe
                            + "\",\"infrastructureConfigurationArn\":\"" + infra + "\",\"clientToken\":\"" + UUID.randomUUID() + "\"}");
                    arns.add(field(out, "imageBuildVersionArn"));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        for (String arn : arns) {
            while (true) {
                String image = call(server, "GET", "/GetImage", "imageBuildVersionArn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8), "");
                if (image.contains("\"status\":\"AVAILABLE\"")) {
                    break;
                }
                if (image.contains("\"status\":\"FAILED\"")) {
                    throw new IllegalStateException("image failed: " + image);
                }
                Thread.sleep(5);
            }
        }
        return new ArrayList<>(arns);
    }

    static void reads(StepLineServer server, List<String> arns, int samples) {
        Random random = new Random(42);
        long[] list = new long[samples];
        long[] get = new long[samples];
        for (int warm = 0; warm < 2; warm++) {
            for (int i = 0; i < samples; i++) {
                String arn = arns.get(random.nextInt(arns.size()));
                long t0 = System.nanoTime();
                String executions = call(server, "POST", "/ListWorkflowExecutions", "", "{\"imageBuildVersionArn\":\"" + arn + "\"}");
                list[i] = System.nanoTime() - t0;
                String wf = field(executions, "workflowExecutionId");
                String steps = call(server, "POST", "/ListWorkflowStepExecutions", "", "{\"workflowExecutionId\":\"" + wf + "\"}");
                String step = field(steps, "stepExecutionId");
                long t1 = System.nanoTime();
                String out = call(server, "GET", "/GetWorkflowStepExecution", "stepExecutionId=" + step, "");
                get[i] = System.nanoTime() - t1;
                if (!out.contains("\"stepExecutionId\"")) {
                    throw new IllegalStateException(out);
                }
            }
        }
        System.out.printf("ListWorkflowExecutions over %d images: %s%n", arns.size(), percentiles(list));
        System.out.printf("GetWorkflowStepExecution over %d images: %s%n", arns.size(), percentiles(get));
    }

    static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    static String call(StepLineServer server, String method, String path, String query, String body) {
        Headers headers = Headers.of(Map.of(
                "content-type", List.of("application/json"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/imagebuilder/aws4_request,"
                        + " SignedHeaders=host, Signature=00")));
        HttpResponse response = server.handle(new HttpRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8)));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() != 200) {
            throw new IllegalStateException(method + " " + path + " -> " + response.status() + " " + text);
        }
        return text;
    }

    static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }
}
