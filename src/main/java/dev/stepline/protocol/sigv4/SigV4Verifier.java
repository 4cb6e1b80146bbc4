package dev.stepline.protocol.sigv4;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.stepline.http.HttpRequest;
import dev.stepline.protocol.sigv4.VerificationResult.Rejected;
import dev.stepline.protocol.sigv4.VerificationResult.Verified;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) on incoming requests, header or presigned-URL form.
 *
 * <p>The canonical request is rebuilt from the client's own {@code SignedHeaders} list. The path is canonicalised
 * per service ({@link Dialect#S3}: as sent; others: dot segments removed and URI-encoded once more), the query
 * decoded and re-encoded the AWS way and sorted. The payload hash is {@code x-amz-content-sha256} when that is
 * {@code UNSIGNED-PAYLOAD} or a {@code STREAMING-*} value, otherwise the SHA-256 of the body (S3 compares a hex
 * header against the body first). A ±15 minute clock skew is allowed against the injected clock. Derived signing
 * keys are cached per (secret, date, region, service). Signatures are compared in constant time.
 *
 * <p>Thread-safe.
 */
public final class SigV4Verifier {
    /** The allowed difference between the request timestamp and the server clock. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** The longest lifetime of an S3 presigned URL (seven days). */
    public static final long MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private static final Set<String> LITERAL_PAYLOAD_HASHES =
            Set.of(UNSIGNED_PAYLOAD, STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER);

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int KEY_CACHE_LIMIT = 4096;

    private final Function<String, Optional<String>> secrets;
    private final Clock clock;
    private final ConcurrentHashMap<KeyId, byte[]> signingKeys = new ConcurrentHashMap<>();

    private record KeyId(String secret, String date, String region, String service) {
    }

    /**
     * @param secrets access key id → secret access key; empty for an unknown key
     * @param clock   the server clock the request timestamp is checked against
     */
    public SigV4Verifier(Function<String, Optional<String>> secrets, Clock clock) {
        this.secrets = requireNonNull(secrets, "secrets");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * The (access key, region, service) a request is signed for, from its {@code Authorization} header or its
     * {@code X-Amz-Credential} query parameter; empty when unsigned or unparseable. Does no cryptography and no
     * validation beyond the credential's shape, so it is cheap enough to call on every request.
     */
    public static Optional<RequestScope> scopeOf(HttpRequest request) {
        String auth = request.header("Authorization");
        Optional<CredentialScope> c = auth != null
                ? AuthorizationHeader.credentialOf(auth)
                : PresignedQuery.credentialOf(request.rawQuery());
        return c.map(CredentialScope::requestScope);
    }

    /** Verifies with the dialect implied by the signing name in the credential scope. */
    public VerificationResult verify(HttpRequest request) {
        Optional<RequestScope> scope = scopeOf(request);
        return verify(request, Dialect.forService(scope.map(RequestScope::service).orElse(null)));
    }

    /** Verifies the request's signature, answering errors the way {@code dialect} does. */
    public VerificationResult verify(HttpRequest request, Dialect dialect) {
        requireNonNull(request, "request");
        requireNonNull(dialect, "dialect");
        String auth = request.header("Authorization");
        boolean presigned = auth == null && PresignedQuery.isPresigned(request.rawQuery());
        if (auth == null && !presigned) {
            return dialect.missingAuthentication();
        }

        // 1. parse the signature parts and find the timestamp
        SignatureInfo sig;
        String amzDate;
        if (!presigned) {
            String xAmzDate = request.header("X-Amz-Date");
            String httpDate = xAmzDate == null ? request.header("Date") : null;
            try {
                sig = AuthorizationHeader.parse(auth);
            } catch (SigV4FormatException e) {
                List<String> problems = new ArrayList<>(e.problems());
                if (xAmzDate == null && httpDate == null) {
                    problems.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
                }
                String msg = String.join(" ", problems);
                if (!msg.contains("in Authorization header: '")) {
                    msg = msg + " Authorization=" + auth;
                }
                return dialect.incompleteHeader(msg);
            }
            if (xAmzDate != null) {
                amzDate = xAmzDate.strip();
            } else if (httpDate != null) {
                try {
                    amzDate = AMZ_DATE.format(ZonedDateTime.parse(httpDate.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                } catch (DateTimeParseException e) {
                    return dialect.incompleteHeader("Date must be in ISO-8601 'basic format'. Got '" + httpDate
                            + "'. See http://en.wikipedia.org/wiki/ISO_8601");  // wording inferred
                }
            } else {
                return dialect.incompleteHeader("Authorization header requires existence of either a 'X-Amz-Date' "
                        + "or a 'Date' header. Authorization=" + auth);
            }
            if (!sig.signedHeaders().contains("host")) {
                // inferred wording
                return dialect.incompleteHeader("'Host' or ':authority' must be a 'SignedHeader' in the AWS "
                        + "Authorization.");
            }
        } else {
            try {
                sig = PresignedQuery.parse(request.rawQuery());
            } catch (SigV4FormatException e) {
                return dialect.incompleteQuery(e.getMessage());
            }
            amzDate = sig.amzDate();
        }

        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            String m = "Date must be in ISO-8601 'basic format'. Got '" + amzDate
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601";  // wording inferred
            return presigned ? dialect.incompleteQuery(m) : dialect.incompleteHeader(m);
        }
        CredentialScope cred = sig.credential();
        if (!amzDate.startsWith(cred.date())) {
            return dialect.credentialDateMismatch(cred.date(), amzDate, presigned);
        }

        // 2. time window
        Instant now = clock.instant();
        if (!presigned) {
            if (signedAt.isBefore(now.minus(MAX_SKEW))) {
                return dialect.skewed(amzDate, fmt(now), fmt(now.minus(MAX_SKEW)), true);
            }
            if (signedAt.isAfter(now.plus(MAX_SKEW))) {
                return dialect.skewed(amzDate, fmt(now), fmt(now.plus(MAX_SKEW)), false);
            }
        } else {
            long expires = sig.expiresSeconds();
            if (dialect == Dialect.S3) {
                if (expires < 0) {
                    return dialect.incompleteQuery("Query-string authentication version 4 requires the "
                            + "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, "
                            + "and X-Amz-Expires parameters.");
                }
                if (expires > MAX_PRESIGNED_EXPIRES_SECONDS) {
                    return dialect.incompleteQuery("X-Amz-Expires must be less than a week (in seconds) that is "
                            + MAX_PRESIGNED_EXPIRES_SECONDS);
                }
            }
            if (signedAt.isAfter(now.plus(MAX_SKEW))) {
                return dialect.presignedNotYetValid(amzDate, fmt(now.plus(MAX_SKEW)), fmt(now));
            }
            if (expires >= 0) {
                Instant expiresAt = signedAt.plusSeconds(expires);
                if (now.isAfter(expiresAt)) {
                    return dialect.presignedExpired(amzDate, expires, fmt(expiresAt), fmt(now));
                }
            } else if (signedAt.isBefore(now.minus(MAX_SKEW))) {
                return dialect.skewed(amzDate, fmt(now), fmt(now.minus(MAX_SKEW)), true);
            }
        }

        // 3. the secret
        Optional<String> secret = secrets.apply(cred.accessKeyId());
        if (secret == null || secret.isEmpty()) {
            return dialect.unknownAccessKey(cred.accessKeyId());
        }

        // 4. payload hash candidates
        List<String> payloadHashes = new ArrayList<>(2);
        String contentSha = request.header("x-amz-content-sha256");
        if (contentSha != null) {
            contentSha = contentSha.strip();
        }
        boolean s3 = dialect == Dialect.S3;
        if (contentSha != null && LITERAL_PAYLOAD_HASHES.contains(contentSha)) {
            payloadHashes.add(contentSha);
        } else if (contentSha != null && Crypto.isLowerOrUpperHex64(contentSha)) {
            if (s3) {
                String actual = Crypto.sha256Hex(request.body());
                if (!actual.equalsIgnoreCase(contentSha)) {
                    return new Rejected("XAmzContentSHA256Mismatch", 400,
                            "The provided 'x-amz-content-sha256' header does not match what was computed.",
                            Map.of("ClientComputedContentSHA256", contentSha, "S3ComputedContentSHA256", actual));
                }
                payloadHashes.add(contentSha);
            } else {
                // non-S3 services hash the body themselves; a tampered body fails as a signature mismatch
                payloadHashes.add(Crypto.sha256Hex(request.body()));
            }
        } else if (contentSha != null) {
            if (s3) {
                // observed S3 wording (InvalidArgument, 400)
                return new Rejected("InvalidArgument", 400, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                        + "STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                        + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, "
                        + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                        Map.of("ArgumentName", "x-amz-content-sha256", "ArgumentValue", contentSha));
            }
            payloadHashes.add(Crypto.sha256Hex(request.body()));
        } else if (presigned) {
            if (s3) {
                payloadHashes.add(UNSIGNED_PAYLOAD);
            } else {
                payloadHashes.add(Crypto.sha256Hex(request.body()));
                payloadHashes.add(UNSIGNED_PAYLOAD);
            }
        } else {
            if (s3) {
                // S3 requires the header on every header-signed SigV4 request (S3 API reference)
                return new Rejected("InvalidRequest", 400,
                        "Missing required header for this request: x-amz-content-sha256");
            }
            payloadHashes.add(Crypto.sha256Hex(request.body()));
        }

        // 5. the signature
        byte[] key = signingKey(secret.get(), cred);
        String headersBlock = Canonical.canonicalHeaders(request.headers(), sig.signedHeaders());
        String signedHeaders = sig.signedHeadersValue();
        List<String> paths = Canonical.canonicalPaths(request.rawPath(), s3);
        List<String> queries = new ArrayList<>(2);
        queries.add(Canonical.canonicalQuery(request.rawQuery(), presigned, false));
        if (request.rawQuery().indexOf('+') >= 0) {
            String alt = Canonical.canonicalQuery(request.rawQuery(), presigned, true);
            if (!alt.equals(queries.get(0))) {
                queries.add(alt);
            }
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        String scope = cred.scope();
        String firstCanonical = null;
        String firstStringToSign = null;
        for (String payloadHash : payloadHashes) {
            for (String path : paths) {
                for (String query : queries) {
                    String canonical = method + '\n' + path + '\n' + query + '\n' + headersBlock + '\n'
                            + signedHeaders + '\n' + payloadHash;
                    String stringToSign = SignatureInfo.ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                            + Crypto.sha256Hex(canonical);
                    String expected = Crypto.hex(Crypto.hmac(key, stringToSign.getBytes(StandardCharsets.UTF_8)));
                    if (Crypto.signaturesEqual(expected, sig.signature())) {
                        return new Verified(sig, signedAt, payloadHash,
                                new ChunkSigningContext(key, amzDate, scope, sig.signature()));
                    }
                    if (firstCanonical == null) {
                        firstCanonical = canonical;
                        firstStringToSign = stringToSign;
                    }
                }
            }
        }
        return dialect.signatureMismatch(cred.accessKeyId(), firstStringToSign, firstCanonical, sig.signature());
    }

    /** The derived signing key, cached per (secret, date, region, service). */
    byte[] signingKey(String secret, CredentialScope cred) {
        KeyId id = new KeyId(secret, cred.date(), cred.region(), cred.service());
        byte[] key = signingKeys.get(id);
        if (key == null) {
            byte[] kDate = Crypto.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), cred.date());
            byte[] kRegion = Crypto.hmac(kDate, cred.region());
            byte[] kService = Crypto.hmac(kRegion, cred.service());
            key = Crypto.hmac(kService, CredentialScope.TERMINATOR);
            if (signingKeys.size() >= KEY_CACHE_LIMIT) {
                signingKeys.clear();
            }
            signingKeys.put(id, key);
        }
        return key;
    }

    int cachedSigningKeys() {
        return signingKeys.size();
    }

    private static String fmt(Instant t) {
        return AMZ_DATE.format(t);
    }
}
