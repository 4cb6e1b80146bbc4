package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * ListBuckets, ListObjects (V1), ListObjectsV2 and ListObjectVersions.
 *
 * <p>Listings walk the key index in UTF-8 byte order. With a delimiter, each run of keys sharing
 * a common prefix costs one row: after emitting the prefix the scan restarts just past it
 * ({@link S3Wire#prefixSuccessor}), so a "directory" of a million keys is skipped in one query.
 * {@code IsTruncated} is exact: the scan looks one entry beyond the page.
 *
 * <p>Continuation tokens are the last entry of the page (key or common prefix) in base64url with
 * a one-letter kind. They are not signed: a forged token only moves the cursor within a bucket
 * the caller may list anyway.
 */
final class Listings {
    private static final int MAX_KEYS = 1000;

    private final ObjectStorage storage;

    Listings(ObjectStorage storage) {
        this.storage = requireNonNull(storage, "storage is null");
    }

    /** One listed entry: a version row, or a common prefix (version null). */
    private record Entry(ObjectStorage.Version version, String prefix) {
        String sortKey() {
            return version == null ? prefix : version.key();
        }
    }

    private record Page(List<Entry> entries, boolean truncated) {
        Entry last() {
            return entries.isEmpty() ? null : entries.get(entries.size() - 1);
        }
    }

    /** Where a scan starts: strictly after {@code afterKey} (and, for versions, after {@code afterSeq} within it), at or above {@code from}. */
    private record Cursor(String afterKey, long afterSeq, String from) {}

    // ---- buckets

    HttpResponse listBuckets(S3Call call) {
        String prefix = nullToEmpty(call.param("prefix"));
        String region = call.param("bucket-region");
        int max = call.param("max-buckets") == null ? 10_000 : parseMax(call.param("max-buckets"), "max-buckets", 1, 10_000);
        String after = call.param("continuation-token") == null ? "" : decodeToken(call.param("continuation-token"))[1];
        List<ObjectStorage.Bucket> buckets = storage.buckets(call.context().account(), prefix, after, Integer.MAX_VALUE).stream()
                .filter(b -> region == null || b.region().equals(region)).toList();
        boolean truncated = buckets.size() > max;
        List<ObjectStorage.Bucket> page = truncated ? buckets.subList(0, max) : buckets;
        Xml xml = new Xml().root("ListAllMyBucketsResult").start("Buckets");
        for (ObjectStorage.Bucket b : page) {
            xml.start("Bucket").leaf("Name", b.name()).leaf("CreationDate", S3Wire.isoDate(b.created()))
                    .leaf("BucketRegion", b.region()).end("Bucket");
        }
        xml.end("Buckets").start("Owner").leaf("ID", ObjectStoreApi.canonicalUserId(call.context().account())).end("Owner");
        if (truncated) {
            xml.leaf("ContinuationToken", encodeToken('K', page.get(page.size() - 1).name()));
        }
        if (call.param("prefix") != null) {
            xml.leaf("Prefix", prefix);
        }
        return ObjectStoreApi.xmlReply(200, xml.end("ListAllMyBucketsResult"));
    }

    // ---- objects

    HttpResponse listObjectsV2(S3Call call, ObjectStorage.Bucket bucket) {
        String prefix = nullToEmpty(call.param("prefix"));
        String delimiter = nullToEmpty(call.param("delimiter"));
        int maxKeys = maxKeys(call);
        UnaryOperator<String> encode = encoder(call);
        String token = call.param("continuation-token");
        String startAfter = call.param("start-after");
        Cursor cursor;
        if (token != null) {
            String[] decoded = decodeToken(token);
            cursor = resume(decoded[1], decoded[0].equals("P"), prefix, 0);
        } else {
            cursor = new Cursor(startAfter == null ? "" : startAfter, 0, prefix);
        }
        Page page = scan(bucket.name(), prefix, delimiter, cursor, maxKeys, false);
        boolean fetchOwner = "true".equalsIgnoreCase(call.param("fetch-owner"));
        Xml xml = new Xml().root("ListBucketResult").leaf("Name", bucket.name()).leaf("Prefix", encode.apply(prefix));
        xml.leaf("ContinuationToken", token);
        if (page.truncated()) {
            Entry last = page.last();
            xml.leaf("NextContinuationToken", encodeToken(last.version() == null ? 'P' : 'K', last.sortKey()));
        }
        xml.leaf("StartAfter", encode.apply(startAfter)).leaf("KeyCount", page.entries().size()).leaf("MaxKeys", maxKeys);
        if (!delimiter.isEmpty()) {
            xml.leaf("Delimiter", encode.apply(delimiter));
        }
        xml.leaf("EncodingType", call.param("encoding-type")).leaf("IsTruncated", page.truncated());
        writeEntries(xml, page, encode, fetchOwner ? bucket.account() : null);
        return ObjectStoreApi.xmlReply(200, xml.end("ListBucketResult"));
    }

    HttpResponse listObjectsV1(S3Call call, ObjectStorage.Bucket bucket) {
        String prefix = nullToEmpty(call.param("prefix"));
        String delimiter = nullToEmpty(call.param("delimiter"));
        String marker = nullToEmpty(call.param("marker"));
        int maxKeys = maxKeys(call);
        UnaryOperator<String> encode = encoder(call);
        boolean markerIsPrefix = !delimiter.isEmpty() && marker.startsWith(prefix) && marker.endsWith(delimiter)
                && marker.indexOf(delimiter, prefix.length()) == marker.length() - delimiter.length();
        Page page = scan(bucket.name(), prefix, delimiter, resume(marker, markerIsPrefix, prefix, 0), maxKeys, false);
        Xml xml = new Xml().root("ListBucketResult").leaf("Name", bucket.name()).leaf("Prefix", encode.apply(prefix))
                .leaf("Marker", encode.apply(marker));
        if (page.truncated() && !delimiter.isEmpty()) {
            xml.leaf("NextMarker", encode.apply(page.last().sortKey()));
        }
        xml.leaf("MaxKeys", maxKeys);
        if (!delimiter.isEmpty()) {
            xml.leaf("Delimiter", encode.apply(delimiter));
        }
        xml.leaf("EncodingType", call.param("encoding-type")).leaf("IsTruncated", page.truncated());
        writeEntries(xml, page, encode, bucket.account());
        return ObjectStoreApi.xmlReply(200, xml.end("ListBucketResult"));
    }

    HttpResponse listVersions(S3Call call, ObjectStorage.Bucket bucket) {
        String prefix = nullToEmpty(call.param("prefix"));
        String delimiter = nullToEmpty(call.param("delimiter"));
        String keyMarker = nullToEmpty(call.param("key-marker"));
        String versionMarker = call.param("version-id-marker");
        int maxKeys = maxKeys(call);
        UnaryOperator<String> encode = encoder(call);
        if (versionMarker != null && keyMarker.isEmpty()) {
            throw S3Error.invalidArgument("A version-id marker cannot be specified without a key marker.",
                    "version-id-marker", versionMarker);
        }
        long afterSeq = 0;
        if (versionMarker != null && !versionMarker.isEmpty()) {
            afterSeq = storage.seqOf(bucket.name(), keyMarker, versionMarker).orElseThrow(() -> S3Error.invalidArgument(
                    "Invalid version id specified", "version-id-marker", versionMarker));
        }
        boolean markerIsPrefix = versionMarker == null && !delimiter.isEmpty() && keyMarker.startsWith(prefix)
                && keyMarker.endsWith(delimiter)
                && keyMarker.indexOf(delimiter, prefix.length()) == keyMarker.length() - delimiter.length();
        Page page = scan(bucket.name(), prefix, delimiter, resume(keyMarker, markerIsPrefix, prefix, afterSeq), maxKeys, true);
        Xml xml = new Xml().root("ListVersionsResult").leaf("Name", bucket.name()).leaf("Prefix", encode.apply(prefix))
                .leaf("KeyMarker", encode.apply(keyMarker)).leaf("VersionIdMarker", versionMarker);
        if (page.truncated()) {
            Entry last = page.last();
            xml.leaf("NextKeyMarker", encode.apply(last.sortKey()));
            if (last.version() != null) {
                xml.leaf("NextVersionIdMarker", last.version().versionId());
            }
        }
        xml.leaf("MaxKeys", maxKeys);
        if (!delimiter.isEmpty()) {
            xml.leaf("Delimiter", encode.apply(delimiter));
        }
        xml.leaf("EncodingType", call.param("encoding-type")).leaf("IsTruncated", page.truncated());
        String owner = ObjectStoreApi.canonicalUserId(bucket.account());
        for (Entry e : page.entries()) {
            ObjectStorage.Version v = e.version();
            if (v == null) {
                continue;
            }
            if (v.deleteMarker()) {
                xml.start("DeleteMarker").leaf("Key", encode.apply(v.key())).leaf("VersionId", v.versionId())
                        .leaf("IsLatest", v.latest()).leaf("LastModified", S3Wire.isoDate(v.lastModified()))
                        .start("Owner").leaf("ID", owner).end("Owner").end("DeleteMarker");
            } else {
                xml.start("Version").leaf("Key", encode.apply(v.key())).leaf("VersionId", v.versionId())
                        .leaf("IsLatest", v.latest()).leaf("LastModified", S3Wire.isoDate(v.lastModified()))
                        .leaf("ETag", v.eTag()).leaf("Size", v.size()).leaf("StorageClass", "STANDARD");
                if (v.checksumAlgorithm() != null) {
                    xml.leaf("ChecksumAlgorithm", v.checksumAlgorithm()).leaf("ChecksumType", "FULL_OBJECT");
                }
                xml.start("Owner").leaf("ID", owner).end("Owner").end("Version");
            }
        }
        writePrefixes(xml, page, encode);
        return ObjectStoreApi.xmlReply(200, xml.end("ListVersionsResult"));
    }

    // ---- the scan

    /** Resumes after {@code marker}; a marker that is a rolled-up common prefix skips everything under it. */
    private static Cursor resume(String marker, boolean markerIsPrefix, String prefix, long afterSeq) {
        String from = prefix;
        if (markerIsPrefix) {
            String past = S3Wire.prefixSuccessor(marker);
            if (past != null) {
                from = S3Wire.maxKey(prefix, past);
            }
        }
        return new Cursor(marker, afterSeq, from);
    }

    private Page scan(String bucket, String prefix, String delimiter, Cursor start, int maxKeys, boolean allVersions) {
        List<Entry> entries = new ArrayList<>();
        if (maxKeys == 0) {
            return new Page(entries, false);
        }
        String below = S3Wire.prefixSuccessor(prefix);
        String afterKey = start.afterKey();
        long afterSeq = start.afterSeq();
        String from = start.from();
        while (true) {
            int batch = Math.min(maxKeys - entries.size() + 1, MAX_KEYS + 1);
            List<ObjectStorage.Version> rows = allVersions
                    ? storage.versions(bucket, afterKey, afterSeq, from, below, batch)
                    : storage.current(bucket, afterKey, from, below, batch);
            boolean restarted = false;
            for (ObjectStorage.Version row : rows) {
                if (entries.size() == maxKeys) {
                    return new Page(entries, true);
                }
                int cut = delimiter.isEmpty() ? -1 : row.key().indexOf(delimiter, prefix.length());
                if (cut >= 0) {
                    String common = row.key().substring(0, cut + delimiter.length());
                    entries.add(new Entry(null, common));
                    String past = S3Wire.prefixSuccessor(common);
                    if (past == null || (below != null && S3Wire.compareKeys(past, below) >= 0)) {
                        return new Page(entries, false);
                    }
                    afterKey = common;
                    afterSeq = 0;
                    from = S3Wire.maxKey(from, past);
                    restarted = true;
                    break;
                }
                entries.add(new Entry(row, null));
                afterKey = row.key();
                afterSeq = row.seq();
            }
            if (!restarted && rows.size() < batch) {
                return new Page(entries, false);
            }
        }
    }

    private static void writeEntries(Xml xml, Page page, UnaryOperator<String> encode, String ownerAccount) {
        for (Entry e : page.entries()) {
            ObjectStorage.Version v = e.version();
            if (v == null) {
                continue;
            }
            xml.start("Contents").leaf("Key", encode.apply(v.key())).leaf("LastModified", S3Wire.isoDate(v.lastModified()))
                    .leaf("ETag", v.eTag());
            if (v.checksumAlgorithm() != null) {
                xml.leaf("ChecksumAlgorithm", v.checksumAlgorithm()).leaf("ChecksumType", "FULL_OBJECT");
            }
            xml.leaf("Size", v.size()).leaf("StorageClass", "STANDARD");
            if (ownerAccount != null) {
                xml.start("Owner").leaf("ID", ObjectStoreApi.canonicalUserId(ownerAccount)).end("Owner");
            }
            xml.end("Contents");
        }
        writePrefixes(xml, page, encode);
    }

    private static void writePrefixes(Xml xml, Page page, UnaryOperator<String> encode) {
        for (Entry e : page.entries()) {
            if (e.version() == null) {
                xml.start("CommonPrefixes").leaf("Prefix", encode.apply(e.prefix())).end("CommonPrefixes");
            }
        }
    }

    // ---- parameters

    private static UnaryOperator<String> encoder(S3Call call) {
        String type = call.param("encoding-type");
        if (type == null) {
            return UnaryOperator.identity();
        }
        if (!type.equals("url")) {
            throw S3Error.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", type);
        }
        return S3Wire::urlEncode;
    }

    private static int maxKeys(S3Call call) {
        String raw = call.param("max-keys");
        return raw == null ? MAX_KEYS : Math.min(parseMax(raw, "max-keys", 0, Integer.MAX_VALUE), MAX_KEYS);
    }

    private static int parseMax(String raw, String name, int min, int max) {
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw S3Error.invalidArgument("Provided " + name + " not an integer or within integer range", name, raw);
    }

    private static String encodeToken(char kind, String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + last).getBytes(StandardCharsets.UTF_8));
    }

    /** {kind, last} */
    private static String[] decodeToken(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            if (!text.isEmpty() && (text.charAt(0) == 'K' || text.charAt(0) == 'P')) {
                return new String[] {text.substring(0, 1), text.substring(1)};
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw S3Error.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
