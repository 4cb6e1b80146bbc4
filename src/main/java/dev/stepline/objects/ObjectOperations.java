package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects and CopyObject. */
final class ObjectOperations {
    /** Longest key S3 accepts, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;
    private static final List<String> STORED_HEADERS = List.of(
            "Content-Type", "Content-Disposition", "Content-Language", "Cache-Control", "Expires");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern VERSION_ID = Pattern.compile("null|[A-Za-z0-9]{32}");
    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");

    private final ObjectStorage storage;

    ObjectOperations(ObjectStorage storage) {
        this.storage = requireNonNull(storage, "storage is null");
    }

    /** The request body with any {@code aws-chunked} framing removed (checksum trailers verified). */
    static byte[] body(HttpRequest request) {
        return AwsChunked.isAwsChunked(request) ? AwsChunked.decode(request).data() : request.body();
    }

    /** A request body as stored: aws-chunked framing removed, checksums and Content-MD5 verified. */
    record Payload(byte[] data, byte[] md5, ChecksumAlgorithm algorithm, String checksum) {}

    static Payload payload(HttpRequest request) {
        byte[] data;
        ChecksumAlgorithm algorithm = null;
        String checksum = null;
        if (AwsChunked.isAwsChunked(request)) {
            AwsChunked.Decoded decoded = AwsChunked.decode(request);
            data = decoded.data();
            if (decoded.checksum().isPresent()) {
                algorithm = decoded.checksum().get().algorithm();
                checksum = decoded.checksum().get().base64();
            }
        } else {
            data = request.body();
        }
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String sent = request.header(a.headerName());
            if (sent == null) {
                continue;
            }
            if (algorithm != null && algorithm != a) {
                throw S3Error.of("InvalidRequest", 400,
                        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            String actual = a.base64(data);
            if (!actual.equals(sent.strip())) {
                throw S3Error.of("BadDigest", 400, "The " + a.displayName() + " you specified did not match the calculated checksum.");
            }
            algorithm = a;
            checksum = actual;
        }
        byte[] md5 = md5(data);
        checkContentMd5(request.header("Content-MD5"), md5);
        return new Payload(data, md5, algorithm, checksum);
    }

    /** The headers an object keeps from the request that created it (PutObject, CreateMultipartUpload). */
    static Map<String, String> storedHeaders(HttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : STORED_HEADERS) {
            String value = request.header(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        headers.putIfAbsent("Content-Type", "binary/octet-stream");
        AwsChunked.storedContentEncoding(request.header("Content-Encoding")).ifPresent(v -> headers.put("Content-Encoding", v));
        headers.putAll(userMetadata(request));
        return headers;
    }

    HttpResponse putObject(S3Call call, ObjectStorage.Bucket bucket) {
        String key = checkKey(call.key());
        Payload payload = payload(call.request());
        return store(call, bucket, key, new ObjectStorage.NewObject(payload.data(), eTag(payload.md5()),
                storedHeaders(call.request()), payload.algorithm() == null ? null : payload.algorithm().name(),
                payload.checksum()), null);
    }

    private HttpResponse store(S3Call call, ObjectStorage.Bucket bucket, String key, ObjectStorage.NewObject object,
                               Xml copyResult) {
        ObjectStorage.Version version = storage.put(bucket.name(), key, object, writeCondition(call, key));
        Map<String, String> headers = writeHeaders(version);
        if (copyResult == null) {
            return ObjectStoreApi.reply(200, new byte[0], headers);
        }
        copyResult.leaf("ETag", version.eTag()).leaf("LastModified", S3Wire.isoDate(version.lastModified()));
        if (version.checksumAlgorithm() != null) {
            copyResult.leaf("ChecksumType", "FULL_OBJECT").leaf("Checksum" + version.checksumAlgorithm(), version.checksumValue());
        }
        headers.remove("ETag");
        headers.put("Content-Type", "application/xml");
        return new HttpResponse(200, headers, copyResult.end("CopyObjectResult").bytes());
    }

    /** Conditional writes: If-None-Match (usually {@code *}) and If-Match against the current version. */
    static java.util.function.Consumer<Optional<ObjectStorage.Version>> writeCondition(S3Call call, String key) {
        String ifMatch = call.header("If-Match");
        String ifNoneMatch = call.header("If-None-Match");
        return current -> {
            if (ifNoneMatch != null && current.isPresent()
                    && (ifNoneMatch.strip().equals("*") || eTagMatches(ifNoneMatch, current.get().eTag()))) {
                throw S3Error.preconditionFailed("If-None-Match");
            }
            if (ifMatch != null) {
                if (current.isEmpty()) {
                    throw S3Error.noSuchKey(key);
                }
                if (!eTagMatches(ifMatch, current.get().eTag())) {
                    throw S3Error.preconditionFailed("If-Match");
                }
            }
        };
    }

    /** The response headers of a write that made {@code version}. */
    static Map<String, String> writeHeaders(ObjectStorage.Version version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", version.eTag());
        headers.put("x-amz-server-side-encryption", "AES256");
        if (!version.versionId().equals(ObjectStorage.NULL_VERSION)) {
            headers.put("x-amz-version-id", version.versionId());
        }
        if (version.checksumAlgorithm() != null) {
            headers.put("x-amz-checksum-" + version.checksumAlgorithm().toLowerCase(Locale.ROOT), version.checksumValue());
            headers.put("x-amz-checksum-type", "FULL_OBJECT");
        }
        return headers;
    }

    /** GetObject, or HeadObject when {@code head}: same checks and headers, no body. */
    HttpResponse getObject(S3Call call, ObjectStorage.Bucket bucket, boolean head) {
        String key = call.key();
        ObjectStorage.Version version = readable(bucket, key, call.param("versionId"), call.method());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Last-Modified", S3Wire.httpDate(version.lastModified()));
        headers.put("ETag", version.eTag());
        if (bucket.versioning() != Versioning.UNVERSIONED || !version.versionId().equals(ObjectStorage.NULL_VERSION)) {
            headers.put("x-amz-version-id", version.versionId());
        }
        HttpResponse unchanged = preconditions(call, version, headers);
        if (unchanged != null) {
            return unchanged;
        }
        headers.put("Accept-Ranges", "bytes");
        headers.put("x-amz-server-side-encryption", "AES256");
        headers.putAll(version.headers());
        RESPONSE_OVERRIDES.forEach((param, header) -> {
            String value = call.param(param);
            if (value != null) {
                headers.put(header, value);
            }
        });
        long size = version.size();
        long[] range = range(call.header("Range"), size);
        if (range == null && version.checksumAlgorithm() != null && "ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode"))) {
            headers.put("x-amz-checksum-" + version.checksumAlgorithm().toLowerCase(Locale.ROOT), version.checksumValue());
            headers.put("x-amz-checksum-type", "FULL_OBJECT");
        }
        int status = 200;
        if (range != null) {
            status = 206;
            headers.put("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        }
        long length = range == null ? size : range[1] - range[0] + 1;
        if (head) {
            headers.put("Content-Length", Long.toString(length));
            return ObjectStoreApi.reply(status, new byte[0], headers);
        }
        byte[] bytes = storage.bytes(version).orElseThrow(() -> S3Error.noSuchKey(key));
        byte[] body = range == null ? bytes : Arrays.copyOfRange(bytes, (int) range[0], (int) range[1] + 1);
        return ObjectStoreApi.reply(status, body, headers);
    }

    /** The version a read names, or the S3 error for a missing key, version or a delete marker. */
    private ObjectStorage.Version readable(ObjectStorage.Bucket bucket, String key, String versionId, String method) {
        if (versionId != null && !VERSION_ID.matcher(versionId).matches()) {
            throw S3Error.of("InvalidArgument", 400, "Invalid version id specified")
                    .with("ArgumentName", "versionId").with("ArgumentValue", versionId);
        }
        Optional<ObjectStorage.Version> found = storage.version(bucket.name(), key, versionId);
        if (found.isEmpty()) {
            throw versionId == null ? S3Error.noSuchKey(key) : S3Error.noSuchVersion(key, versionId);
        }
        ObjectStorage.Version version = found.get();
        if (version.deleteMarker()) {
            S3Error e = versionId == null
                    ? S3Error.noSuchKey(key)
                    : S3Error.methodNotAllowed(method, "DeleteMarker");
            throw e.withHeader("x-amz-delete-marker", "true").withHeader("x-amz-version-id", version.versionId())
                    .withHeader("Last-Modified", S3Wire.httpDate(version.lastModified()));
        }
        return version;
    }

    /**
     * Conditional reads (RFC 7232 as S3 applies it): a failed If-Match or If-Unmodified-Since is
     * 412; a matching If-None-Match or an unmet If-Modified-Since is 304.
     */
    private static HttpResponse preconditions(S3Call call, ObjectStorage.Version version, Map<String, String> headers) {
        Instant modified = version.lastModified().truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = call.header("If-Match");
        String ifNoneMatch = call.header("If-None-Match");
        if (ifMatch != null && !eTagMatches(ifMatch, version.eTag())) {
            throw S3Error.preconditionFailed("If-Match");
        }
        Instant unmodifiedSince = S3Wire.parseHttpDate(call.header("If-Unmodified-Since"));
        if (ifMatch == null && unmodifiedSince != null && modified.isAfter(unmodifiedSince)) {
            throw S3Error.preconditionFailed("If-Unmodified-Since");
        }
        if (ifNoneMatch != null && (ifNoneMatch.strip().equals("*") || eTagMatches(ifNoneMatch, version.eTag()))) {
            return ObjectStoreApi.reply(304, new byte[0], headers);
        }
        Instant modifiedSince = S3Wire.parseHttpDate(call.header("If-Modified-Since"));
        if (ifNoneMatch == null && modifiedSince != null && !modified.isAfter(modifiedSince)) {
            return ObjectStoreApi.reply(304, new byte[0], headers);
        }
        return null;
    }

    HttpResponse deleteObject(S3Call call, ObjectStorage.Bucket bucket) {
        String versionId = call.param("versionId");
        if (versionId != null && !VERSION_ID.matcher(versionId).matches()) {
            throw S3Error.of("InvalidArgument", 400, "Invalid version id specified")
                    .with("ArgumentName", "versionId").with("ArgumentValue", versionId);
        }
        ObjectStorage.Deleted deleted = storage.delete(bucket.name(), call.key(), versionId);
        Map<String, String> headers = new LinkedHashMap<>();
        if (deleted.deleteMarker()) {
            headers.put("x-amz-delete-marker", "true");
        }
        if (deleted.versionId() != null && (bucket.versioning() != Versioning.UNVERSIONED || versionId != null)) {
            headers.put("x-amz-version-id", deleted.versionId());
        }
        return ObjectStoreApi.reply(204, new byte[0], headers);
    }

    /** POST /bucket?delete: up to 1000 keys, each deleted as DeleteObject would; Quiet reports only errors. */
    HttpResponse deleteObjects(S3Call call, ObjectStorage.Bucket bucket) {
        Xml.Node delete = Xml.parse(body(call.request()));
        List<Xml.Node> entries = delete.all("Object");
        if (!delete.name().equals("Delete") || entries.isEmpty() || entries.size() > 1000) {
            throw S3Error.malformedXml();
        }
        boolean quiet = "true".equalsIgnoreCase(String.valueOf(delete.text("Quiet")).strip());
        Xml xml = new Xml().root("DeleteResult");
        for (Xml.Node entry : entries) {
            String key = entry.text("Key");
            String versionId = entry.text("VersionId");
            if (key == null || key.isEmpty()) {
                throw S3Error.malformedXml();
            }
            if (versionId != null && !VERSION_ID.matcher(versionId).matches()) {
                xml.start("Error").leaf("Key", key).leaf("VersionId", versionId).leaf("Code", "NoSuchVersion")
                        .leaf("Message", "The specified version does not exist.").end("Error");
                continue;
            }
            ObjectStorage.Deleted deleted = storage.delete(bucket.name(), key, versionId);
            if (quiet) {
                continue;
            }
            xml.start("Deleted").leaf("Key", key).leaf("VersionId", versionId);
            if (deleted.deleteMarker()) {
                xml.leaf("DeleteMarker", "true").leaf("DeleteMarkerVersionId", deleted.versionId());
            }
            xml.end("Deleted");
        }
        return ObjectStoreApi.xmlReply(200, xml.end("DeleteResult"));
    }

    /**
     * CopyObject: {@code x-amz-copy-source: /bucket/key[?versionId=…]} (URL-encoded); metadata is
     * copied unless {@code x-amz-metadata-directive: REPLACE}.
     */
    HttpResponse copyObject(S3Call call, ObjectStorage.Bucket bucket,
                            BiFunction<RequestContext, String, ObjectStorage.Bucket> ownedBucket) {
        String key = checkKey(call.key());
        String source = call.header("x-amz-copy-source");
        String sourceVersion = null;
        int q = source.indexOf('?');
        if (q >= 0) {
            sourceVersion = S3Wire.parseQuery(source.substring(q + 1)).get("versionId");
            source = source.substring(0, q);
        }
        source = S3Wire.decodePath(source.startsWith("/") ? source.substring(1) : source);
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw S3Error.of("InvalidArgument", 400, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
                    .with("ArgumentName", "x-amz-copy-source").with("ArgumentValue", call.header("x-amz-copy-source"));
        }
        ObjectStorage.Bucket from = ownedBucket.apply(call.context(), source.substring(0, slash));
        String sourceKey = source.substring(slash + 1);
        ObjectStorage.Version original = readable(from, sourceKey, sourceVersion, "GET");
        byte[] data = storage.bytes(original).orElseThrow(() -> S3Error.noSuchKey(sourceKey));
        boolean replace = "REPLACE".equalsIgnoreCase(call.header("x-amz-metadata-directive"));
        if (!replace && from.name().equals(bucket.name()) && sourceKey.equals(key) && sourceVersion == null
                && bucket.versioning() != Versioning.ENABLED) {
            throw S3Error.of("InvalidRequest", 400, "This copy request is illegal because it is trying to copy an object "
                    + "to itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        Map<String, String> headers = replace ? storedHeaders(call.request()) : original.headers();
        Xml result = new Xml().root("CopyObjectResult");
        HttpResponse response = store(call, bucket, key, new ObjectStorage.NewObject(data, original.eTag(), headers,
                original.checksumAlgorithm(), original.checksumValue()), result);
        if (!original.versionId().equals(ObjectStorage.NULL_VERSION)) {
            response = response.withHeader("x-amz-copy-source-version-id", original.versionId());
        }
        return response;
    }

    // ---- helpers

    static String checkKey(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw S3Error.of("KeyTooLongError", 400, "Your key is too long")
                    .with("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES)).with("Size", Integer.toString(bytes));
        }
        return key;
    }

    private static Map<String, String> userMetadata(HttpRequest request) {
        Map<String, String> meta = new LinkedHashMap<>();
        request.headers().asMap().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-meta-") && lower.length() > "x-amz-meta-".length()) {
                meta.put(lower, String.join(",", values));
            }
        });
        int size = meta.entrySet().stream().mapToInt(e -> e.getKey().length() - "x-amz-meta-".length() + e.getValue().length()).sum();
        if (size > 2048) {
            throw S3Error.of("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size.")
                    .with("Size", Integer.toString(size)).with("MaxSizeAllowed", "2048");
        }
        return meta;
    }

    private static void checkContentMd5(String header, byte[] md5) {
        if (header == null) {
            return;
        }
        byte[] sent;
        try {
            sent = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            sent = null;
        }
        if (sent == null || sent.length != 16) {
            throw S3Error.of("InvalidDigest", 400, "The Content-MD5 you specified was invalid.").with("Content-MD5", header);
        }
        if (!MessageDigest.isEqual(sent, md5)) {
            throw S3Error.of("BadDigest", 400, "The Content-MD5 you specified did not match what we received.")
                    .with("ExpectedDigest", header.strip()).with("CalculatedDigest", Base64.getEncoder().encodeToString(md5));
        }
    }

    /** {@code [first, last]} for a satisfiable single byte range; null to send the whole object. */
    private static long[] range(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null; // S3 ignores a Range it cannot parse (including multiple ranges)
        }
        long first;
        long last;
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) {
                    throw invalidRange(header, size);
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
                if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (first >= size) {
            throw invalidRange(header, size);
        }
        return new long[] {first, last};
    }

    private static S3Error invalidRange(String header, long size) {
        return S3Error.of("InvalidRange", 416, "The requested range is not satisfiable")
                .with("RangeRequested", header).with("ActualObjectSize", Long.toString(size))
                .withHeader("Content-Range", "bytes */" + size);
    }

    private static boolean eTagMatches(String condition, String eTag) {
        for (String candidate : condition.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(eTag) || ("\"" + c + "\"").equals(eTag)) {
                return true;
            }
        }
        return false;
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String eTag(byte[] md5) {
        return "\"" + HexFormat.of().formatHex(md5) + "\"";
    }
}
