package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpRequest;
import dev.stepline.protocol.RequestContext;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One S3 request, addressed: the bucket (null for the service), the key (null for the bucket
 * itself) and the decoded query. Path style is {@code /bucket/key}; virtual-host style puts the
 * bucket in the Host header ({@code bucket.localhost:4590}, {@code bucket.s3.localhost},
 * {@code bucket.s3.us-east-1.amazonaws.com}) and the key in the path.
 */
record S3Call(RequestContext context, HttpRequest request, String bucket, String key, Map<String, String> query) {
    private static final Pattern AWS_HOST = Pattern.compile("(.+)\\.s3[.-](?:[a-z0-9-]+\\.)*amazonaws\\.com");

    S3Call {
        requireNonNull(context, "context is null");
        requireNonNull(request, "request is null");
        query = Map.copyOf(query);
    }

    static S3Call of(RequestContext context, HttpRequest request) {
        Map<String, String> query = S3Wire.parseQuery(request.rawQuery());
        String path = request.rawPath();
        String rest = path.startsWith("/") ? path.substring(1) : path;
        String hostBucket = hostBucket(request.header("Host"));
        if (hostBucket != null) {
            return new S3Call(context, request, hostBucket, rest.isEmpty() ? null : S3Wire.decodePath(rest), query);
        }
        if (rest.isEmpty()) {
            return new S3Call(context, request, null, null, query);
        }
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            return new S3Call(context, request, S3Wire.decodePath(bucket), null, query);
        }
        return new S3Call(context, request, S3Wire.decodePath(rest.substring(0, slash)),
                S3Wire.decodePath(rest.substring(slash + 1)), query);
    }

    /** The bucket named by a virtual-host style Host header, or null for path style. */
    static String hostBucket(String host) {
        if (host == null || host.startsWith("[")) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".localhost")) {
            String bucket = name.substring(0, name.length() - ".localhost".length());
            if (bucket.endsWith(".s3")) {
                bucket = bucket.substring(0, bucket.length() - 3);
            }
            return bucket.isEmpty() || bucket.equals("s3") ? null : bucket;
        }
        Matcher aws = AWS_HOST.matcher(name);
        return aws.matches() ? aws.group(1) : null;
    }

    String header(String name) {
        return request.header(name);
    }

    boolean has(String queryName) {
        return query.containsKey(queryName);
    }

    String param(String queryName) {
        return query.get(queryName);
    }

    String method() {
        return request.method();
    }
}
