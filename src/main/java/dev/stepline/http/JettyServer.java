package dev.stepline.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The only class that knows the HTTP server library. Jetty 12 core (no servlets) was chosen over
 * Helidon for its five-jar closure that shades into one executable jar without service-registry
 * merging; throughput on two cores is within 10% of Helidon (STACK.md §1.1), and the store is the
 * bottleneck long before either. Every request runs on its own virtual thread, so handlers block.
 */
public final class JettyServer implements AutoCloseable {
    /** Largest request body accepted; S3 PutObject of larger objects should use a real S3. */
    static final long MAX_BODY_BYTES = 512L * 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;

    public JettyServer(String host, int port, HttpHandler handler) {
        requireNonNull(handler, "handler is null");
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("http");
        pool.setVirtualThreadsExecutor(new VirtualThreadPool());
        server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        config.setRequestHeaderSize(64 * 1024);
        // S3 keys may hold "%25", ";", "//" and ".." segments; the path is handed on raw and never
        // resolved against a file system, so Jetty's ambiguity checks would only reject valid keys.
        config.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Adapter(handler));
        server.setStopTimeout(5_000);
    }

    public void start() throws Exception {
        server.start();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server did not stop cleanly", e);
        }
    }

    private static final class Adapter extends Handler.Abstract {
        private final HttpHandler handler;

        Adapter(HttpHandler handler) {
            super(InvocationType.BLOCKING);
            this.handler = handler;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            HttpResponse out;
            try {
                out = handler.handle(toRequest(request));
            } catch (BodyTooLarge e) {
                out = HttpResponse.json(413, "application/json", "{\"message\":\"Request entity too large\"}");
            }
            response.setStatus(out.status());
            out.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            boolean head = "HEAD".equals(request.getMethod());
            if (!out.headers().containsKey("Content-Length")) {
                response.getHeaders().put("Content-Length", Long.toString(out.body().length));
            }
            if (head || out.body().length == 0) {
                response.write(true, ByteBuffer.allocate(0), callback);
            } else {
                response.write(true, ByteBuffer.wrap(out.body()), callback);
            }
            return true;
        }

        private static HttpRequest toRequest(Request request) throws IOException {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
            }
            long declared = request.getLength();
            if (declared > MAX_BODY_BYTES) {
                throw new BodyTooLarge();
            }
            byte[] body = readAll(request);
            String query = request.getHttpURI().getQuery();
            return new HttpRequest(
                    request.getMethod(),
                    request.getHttpURI().getPath() == null ? "/" : rawPath(request),
                    query == null ? "" : query,
                    Headers.of(headers),
                    body);
        }

        private static String rawPath(Request request) {
            // getPath() is the encoded path as sent (Jetty decodes only in getCanonicalPath()).
            String path = request.getHttpURI().getPath();
            return path.isEmpty() ? "/" : path;
        }

        private static byte[] readAll(Request request) throws IOException {
            try (var in = Content.Source.asInputStream(request)) {
                byte[] bytes = in.readNBytes((int) Math.min(MAX_BODY_BYTES + 1, Integer.MAX_VALUE - 16));
                if (bytes.length > MAX_BODY_BYTES) {
                    throw new BodyTooLarge();
                }
                return bytes;
            }
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    /** For tests and logs. */
    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost() == null ? "0.0.0.0" : connector.getHost(), port());
    }
}
