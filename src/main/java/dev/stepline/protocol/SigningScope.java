package dev.stepline.protocol;

import dev.stepline.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The SigV4 credential scope of a request: who signed it, for which region and service. Read
 * from the {@code Authorization} header or a presigned URL's {@code X-Amz-Credential}; null for
 * an unsigned request. Cheap: the router calls it on every request.
 */
public record SigningScope(String accessKey, String region, String service) {
    private static final String CREDENTIAL = "Credential=";

    public static SigningScope of(HttpRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.startsWith("AWS4-HMAC-SHA256")) {
            int start = authorization.indexOf(CREDENTIAL);
            if (start < 0) {
                return null;
            }
            start += CREDENTIAL.length();
            int end = authorization.indexOf(',', start);
            return parse(authorization.substring(start, end < 0 ? authorization.length() : end).strip());
        }
        String query = request.rawQuery();
        int at = query.indexOf("X-Amz-Credential=");
        if (at >= 0) {
            int end = query.indexOf('&', at);
            String value = query.substring(at + "X-Amz-Credential=".length(), end < 0 ? query.length() : end);
            return parse(URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return null;
    }

    /** {@code AKID/20260101/us-east-1/states/aws4_request}. */
    static SigningScope parse(String credential) {
        String[] parts = credential.split("/");
        if (parts.length != 5) {
            return null;
        }
        return new SigningScope(parts[0], parts[2], parts[3]);
    }
}
