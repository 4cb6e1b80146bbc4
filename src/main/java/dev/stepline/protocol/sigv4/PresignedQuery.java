package dev.stepline.protocol.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the presigned-URL (query-string) form of SigV4: {@code X-Amz-Algorithm}, {@code X-Amz-Credential},
 * {@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}.
 */
public final class PresignedQuery {
    private PresignedQuery() {
    }

    /** True when the raw query carries an {@code X-Amz-Algorithm} or {@code X-Amz-Signature} parameter. */
    public static boolean isPresigned(String rawQuery) {
        return rawQuery != null && !rawQuery.isEmpty()
                && (hasParam(rawQuery, "X-Amz-Algorithm") || hasParam(rawQuery, "X-Amz-Signature"));
    }

    /**
     * Parses the SigV4 query parameters. {@code X-Amz-Expires} is optional here (-1 when absent); S3 requires it and
     * the verifier enforces that.
     */
    public static SignatureInfo parse(String rawQuery) throws SigV4FormatException {
        String algorithm = null;
        String credential = null;
        String date = null;
        String expires = null;
        String signedHeaders = null;
        String signature = null;
        for (String[] kv : Canonical.splitQuery(rawQuery)) {
            String name = Canonical.percentDecode(kv[0], false);
            String value = Canonical.percentDecode(kv[1], false);
            switch (name) {
                case "X-Amz-Algorithm" -> algorithm = value;
                case "X-Amz-Credential" -> credential = value;
                case "X-Amz-Date" -> date = value;
                case "X-Amz-Expires" -> expires = value;
                case "X-Amz-SignedHeaders" -> signedHeaders = value;
                case "X-Amz-Signature" -> signature = value;
                default -> { }
            }
        }
        List<String> problems = new ArrayList<>();
        if (algorithm == null || credential == null || date == null || signedHeaders == null || signature == null) {
            // S3's wording (AuthorizationQueryParametersError); the JSON services use it too here (inferred)
            problems.add("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
            throw new SigV4FormatException(problems);
        }
        if (!SignatureInfo.ALGORITHM.equals(algorithm)) {
            // S3 wording (observed from S3-compatible test suites; inferred for AWS itself)
            throw new SigV4FormatException("X-Amz-Algorithm only supports \"" + SignatureInfo.ALGORITHM + "\"");
        }
        long expiresSeconds = -1;
        if (expires != null) {
            try {
                expiresSeconds = Long.parseLong(expires);
            } catch (NumberFormatException e) {
                throw new SigV4FormatException("X-Amz-Expires should be a number");
            }
            if (expiresSeconds < 0) {
                throw new SigV4FormatException("X-Amz-Expires must be non-negative");
            }
        }
        String cred = credential;
        CredentialScope scope = CredentialScope.parse(credential)
                .orElseThrow(() -> AuthorizationHeader.badCredential(cred));
        return new SignatureInfo(SignatureInfo.Location.QUERY, scope,
                AuthorizationHeader.splitSignedHeaders(signedHeaders), signature, date, expiresSeconds);
    }

    /** Cheap credential extraction for {@link SigV4Verifier#scopeOf}. */
    static Optional<CredentialScope> credentialOf(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        int i = indexOfParam(rawQuery, "X-Amz-Credential");
        if (i < 0) {
            return Optional.empty();
        }
        int start = i + "X-Amz-Credential=".length();
        int end = rawQuery.indexOf('&', start);
        String raw = end < 0 ? rawQuery.substring(start) : rawQuery.substring(start, end);
        return CredentialScope.parse(Canonical.percentDecode(raw, false));
    }

    private static boolean hasParam(String q, String name) {
        return indexOfParam(q, name) >= 0;
    }

    private static int indexOfParam(String q, String name) {
        int from = 0;
        while (true) {
            int i = q.indexOf(name + '=', from);
            if (i < 0) {
                return -1;
            }
            if (i == 0 || q.charAt(i - 1) == '&') {
                return i;
            }
            from = i + 1;
        }
    }
}
