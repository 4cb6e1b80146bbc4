package dev.stepline.protocol;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpHandler;
import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.stepline.protocol.sigv4.RequestScope;
import dev.stepline.protocol.sigv4.SigV4Verifier;
import java.util.function.BiFunction;

/**
 * Sends each request on the one port to its service. The SigV4 credential scope names the
 * service when the request is signed ({@code states}, {@code imagebuilder},
 * {@code airflow-serverless}, {@code s3}); otherwise the {@code X-Amz-Target} header or the
 * path decides, and whatever nothing else claims goes to the object store (S3 paths are
 * {@code /bucket/key}; bucket names are lower-case, Image Builder's paths are not). Resolves
 * the caller's account and region once, for every service.
 */
public final class Router implements HttpHandler {
    /** Administrative paths; {@code _} cannot start a bucket name, so they never shadow S3. */
    public static final String ADMIN_PREFIX = "/_stepline/";

    private final Map<String, ServiceEndpoint> bySigningName = new LinkedHashMap<>();
    private final List<ServiceEndpoint> endpoints;
    private final ServiceEndpoint fallback;
    private final HttpHandler admin;
    private final Accounts accounts;
    private final String defaultRegion;
    private final Clock clock;
    private final BiFunction<HttpRequest, String, AwsException> signatureCheck;

    /**
     * @param endpoints      every service face
     * @param fallback       where unclaimed requests go (the object store), or null
     * @param signatureCheck given the request and the signing name of the service it reached,
     *                       returns the error for a signature that is not acceptable, or null
     */
    public Router(List<ServiceEndpoint> endpoints, ServiceEndpoint fallback, HttpHandler admin, Accounts accounts,
                  String defaultRegion, Clock clock, BiFunction<HttpRequest, String, AwsException> signatureCheck) {
        this.endpoints = List.copyOf(endpoints);
        this.fallback = fallback;
        this.admin = requireNonNull(admin, "admin is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.signatureCheck = requireNonNull(signatureCheck, "signatureCheck is null");
        for (ServiceEndpoint endpoint : endpoints) {
            bySigningName.put(endpoint.signingName(), endpoint);
        }
        if (fallback != null) {
            bySigningName.put(fallback.signingName(), fallback);
        }
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (request.rawPath().startsWith(ADMIN_PREFIX)) {
            return admin.handle(request);
        }
        String requestId = UUID.randomUUID().toString();
        RequestScope scope = SigV4Verifier.scopeOf(request).orElse(null);
        ServiceEndpoint endpoint = scope == null ? null : bySigningName.get(scope.service());
        if (endpoint == null) {
            endpoint = endpoints.stream().filter(e -> e.recognises(request)).findFirst().orElse(fallback);
        }
        if (endpoint == null) {
            return HttpResponse.json(404, "application/json", "{\"message\":\"Unknown operation\"}")
                    .withHeader("x-amzn-RequestId", requestId)
                    .withHeader("x-amzn-ErrorType", "UnknownOperationException");
        }
        RequestContext context = new RequestContext(
                requestId,
                accounts.accountFor(scope == null ? null : scope.accessKeyId()),
                scope == null || scope.region().isEmpty() ? defaultRegion : scope.region(),
                clock.instant());
        AwsException rejected = signatureCheck.apply(request, endpoint.signingName());
        if (rejected != null) {
            return endpoint.reject(context, rejected);
        }
        return endpoint.handle(context, request);
    }
}
