package dev.stepline.protocol.sigv4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.stepline.http.Headers;
import dev.stepline.http.HttpRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Test support: real AWS SDK clients and signer as the oracle, with a capturing HTTP client. */
final class SdkRequests {
    static final String AKID = "AKIDSTEPLINETEST0001";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSTEPLINEKEY";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(AKID, SECRET));

    private SdkRequests() {
    }

    static Optional<String> secrets(String akid) {
        return AKID.equals(akid) ? Optional.of(SECRET) : Optional.empty();
    }

    /** An SdkHttpClient that records every request (body included) and answers 200 with a canned body. */
    static final class Capturing implements SdkHttpClient {
        final List<HttpRequest> requests = new ArrayList<>();
        private final String responseBody;
        private final Map<String, String> responseHeaders;

        Capturing(String responseBody) {
            this(responseBody, Map.of());
        }

        Capturing(String responseBody, Map<String, String> responseHeaders) {
            this.responseBody = responseBody;
            this.responseHeaders = responseHeaders;
        }

        HttpRequest last() {
            return requests.get(requests.size() - 1);
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = request.contentStreamProvider().map(SdkRequests::readAll).orElse(new byte[0]);
                    requests.add(toHttpRequest(request.httpRequest(), body));
                    SdkHttpResponse.Builder rb = SdkHttpResponse.builder().statusCode(200)
                            .putHeader("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000")
                            .putHeader("Content-Length", Integer.toString(responseBody.length()));
                    responseHeaders.forEach(rb::putHeader);
                    return HttpExecuteResponse.builder().response(rb.build())
                            .responseBody(AbortableInputStream.create(
                                    new ByteArrayInputStream(responseBody.getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    static byte[] readAll(ContentStreamProvider p) {
        try (InputStream in = p.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request as it goes on the wire: raw path and query from the URI, plus the Host header. */
    static HttpRequest toHttpRequest(SdkHttpRequest r, byte[] body) {
        URI uri = r.getUri();
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Host"))) {
            headers.put("Host", List.of(hostHeader(uri)));
        }
        return new HttpRequest(r.method().name(), uri.getRawPath() == null ? "" : uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), Headers.of(headers), body);
    }

    static HttpRequest fromUrl(String method, URL url, Map<String, List<String>> signedHeaders, byte[] body) {
        try {
            URI uri = url.toURI();
            Map<String, List<String>> headers = new LinkedHashMap<>(signedHeaders);
            if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Host"))) {
                headers.put("Host", List.of(hostHeader(uri)));
            }
            return new HttpRequest(method, uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                    Headers.of(headers), body);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean dflt = port == -1 || (uri.getScheme().equals("http") && port == 80)
                || (uri.getScheme().equals("https") && port == 443);
        return dflt ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** Signs with AwsV4HttpSigner directly, with a fixed clock. */
    static HttpRequest sign(SdkHttpRequest request, byte[] body, String service, Clock clock,
            Consumer<software.amazon.awssdk.http.auth.spi.signer.SignRequest.Builder<AwsCredentialsIdentity>> extra) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(b -> {
            b.identity(AwsCredentialsIdentity.create(AKID, SECRET))
                    .request(request)
                    .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            extra.accept(b);
        });
        byte[] signedBody = signed.payload().map(SdkRequests::readAll).orElse(body == null ? new byte[0] : body);
        return toHttpRequest(signed.request(), signedBody);
    }

    static HttpRequest presign(SdkHttpRequest request, String service, Clock clock, Duration expires) {
        return sign(request, null, service, clock, b -> b
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires));
    }

    static SdkHttpRequest.Builder request(SdkHttpMethod method, String url) {
        return SdkHttpRequest.builder().method(method).uri(URI.create(url));
    }

    static HttpRequest withHeader(HttpRequest r, String name, String value) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        r.headers().asMap().forEach((k, v) -> {
            if (!k.equalsIgnoreCase(name)) {
                h.put(k, v);
            }
        });
        if (value != null) {
            h.put(name, List.of(value));
        }
        return new HttpRequest(r.method(), r.rawPath(), r.rawQuery(), Headers.of(h), r.body());
    }

    static HttpRequest with(HttpRequest r, String method, String rawPath, String rawQuery, byte[] body) {
        return new HttpRequest(method, rawPath, rawQuery, r.headers(), body);
    }
}
