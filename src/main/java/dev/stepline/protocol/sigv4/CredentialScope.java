package dev.stepline.protocol.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The credential of a SigV4 signature: {@code AKID/20260101/us-east-1/states/aws4_request}.
 *
 * @param accessKeyId the access key id
 * @param date        the scope date, {@code yyyyMMdd}
 * @param region      the signing region
 * @param service     the signing name of the service ({@code states}, {@code imagebuilder}, {@code s3}, ...)
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {
    /** The fixed last component of every SigV4 credential scope. */
    public static final String TERMINATOR = "aws4_request";

    public CredentialScope {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(date, "date");
        requireNonNull(region, "region");
        requireNonNull(service, "service");
    }

    /**
     * Parses {@code AKID/date/region/service/aws4_request}. Empty when the value does not have exactly five
     * non-empty {@code /}-separated parts or the terminator is not {@code aws4_request}.
     * The date is not validated here (the verifier compares it with the request timestamp).
     */
    public static Optional<CredentialScope> parse(String credential) {
        if (credential == null) {
            return Optional.empty();
        }
        // access key ids never contain '/', so split from the left
        String[] parts = new String[5];
        int start = 0;
        for (int i = 0; i < 4; i++) {
            int slash = credential.indexOf('/', start);
            if (slash < 0) {
                return Optional.empty();
            }
            parts[i] = credential.substring(start, slash);
            start = slash + 1;
        }
        parts[4] = credential.substring(start);
        for (String p : parts) {
            if (p.isEmpty() || p.indexOf('/') >= 0) {
                return Optional.empty();
            }
        }
        if (!TERMINATOR.equals(parts[4])) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(parts[0], parts[1], parts[2], parts[3]));
    }

    /** The scope as it appears in the string to sign: {@code date/region/service/aws4_request}. */
    public String scope() {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    /** The credential as the client writes it: {@code AKID/date/region/service/aws4_request}. */
    public String credential() {
        return accessKeyId + '/' + scope();
    }

    /** The (access key, region, service) triple the server routes by. */
    public RequestScope requestScope() {
        return new RequestScope(accessKeyId, region, service);
    }
}
