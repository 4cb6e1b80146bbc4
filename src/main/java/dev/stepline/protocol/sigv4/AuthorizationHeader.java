package dev.stepline.protocol.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc...}.
 */
public final class AuthorizationHeader {
    private AuthorizationHeader() {
    }

    /** True when the header value starts with the SigV4 algorithm name. */
    public static boolean isSigV4(String value) {
        return value != null && value.regionMatches(true, 0, SignatureInfo.ALGORITHM, 0, SignatureInfo.ALGORITHM.length())
                && (value.length() == SignatureInfo.ALGORITHM.length()
                    || Character.isWhitespace(value.charAt(SignatureInfo.ALGORITHM.length())));
    }

    /**
     * Parses a full header value. Component names are matched case-sensitively, as AWS does; components may come in
     * any order and be separated by {@code ,} with optional whitespace.
     *
     * @throws SigV4FormatException listing every problem, worded as AWS's JSON services word them
     */
    public static SignatureInfo parse(String value) throws SigV4FormatException {
        if (value == null || value.isBlank()) {
            throw new SigV4FormatException("Authorization header is empty.");
        }
        String trimmed = value.strip();
        int space = indexOfWhitespace(trimmed);
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        String rest = space < 0 ? "" : trimmed.substring(space).strip();
        List<String> problems = new ArrayList<>();
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        if (!SignatureInfo.ALGORITHM.equals(algorithm)) {
            // Coral answers a non-SigV4 scheme (SigV2 "AWS AKID:sig", "Bearer ...") with the same
            // missing-parameter sentences; we do too and let the caller append "Authorization=<value>".
            rest = "";
        }
        for (String part : rest.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                // observed wording (IncompleteSignatureException, DynamoDB / Cloud9)
                problems.add("'" + p + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + value + "'.");
                continue;
            }
            String k = p.substring(0, eq).strip();
            String v = p.substring(eq + 1).strip();
            switch (k) {
                case "Credential" -> credential = v;
                case "SignedHeaders" -> signedHeaders = v;
                case "Signature" -> signature = v;
                default -> { /* ignored, as AWS does for unknown components */ }
            }
        }
        if (credential == null) {
            problems.add("Authorization header requires 'Credential' parameter.");
        }
        if (signature == null) {
            problems.add("Authorization header requires 'Signature' parameter.");
        }
        if (signedHeaders == null) {
            problems.add("Authorization header requires 'SignedHeaders' parameter.");
        }
        if (!problems.isEmpty()) {
            throw new SigV4FormatException(problems);
        }
        CredentialScope scope = CredentialScope.parse(credential)
                .orElseThrow(() -> badCredential(credentialValueForMessage(value)));
        return new SignatureInfo(SignatureInfo.Location.HEADER, scope, splitSignedHeaders(signedHeaders),
                signature, null, -1);
    }

    /**
     * Extracts only the credential scope, cheaply, without validating the rest of the header. Used on every request
     * to pick the account and region.
     */
    public static Optional<CredentialScope> credentialOf(String value) {
        if (!isSigV4(value)) {
            return Optional.empty();
        }
        int i = value.indexOf("Credential=");
        if (i < 0) {
            return Optional.empty();
        }
        int start = i + "Credential=".length();
        int end = start;
        while (end < value.length() && value.charAt(end) != ',' && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        return CredentialScope.parse(value.substring(start, end));
    }

    static List<String> splitSignedHeaders(String signedHeaders) throws SigV4FormatException {
        List<String> names = new ArrayList<>();
        for (String n : signedHeaders.split(";", -1)) {
            if (n.isEmpty()) {
                throw new SigV4FormatException("SignedHeaders must be a ';'-separated list of header names: '"
                        + signedHeaders + "'.");  // inferred wording
            }
            names.add(n.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    static SigV4FormatException badCredential(String credential) {
        // Inferred wording: AWS's own messages vary with the defect ("Credential should be scoped to a valid
        // region", "... with a valid terminator: 'aws4_request'"); one sentence covers them here.
        return new SigV4FormatException("Credential should be scoped with a valid terminator: 'aws4_request' "
                + "and have the form <AccessKeyId>/<yyyyMMdd>/<region>/<service>/aws4_request, not '"
                + credential + "'.");
    }

    private static String credentialValueForMessage(String header) {
        int i = header.indexOf("Credential=");
        if (i < 0) {
            return "";
        }
        int start = i + "Credential=".length();
        int end = header.indexOf(',', start);
        return (end < 0 ? header.substring(start) : header.substring(start, end)).strip();
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
