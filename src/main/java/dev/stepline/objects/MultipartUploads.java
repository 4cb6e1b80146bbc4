package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateMultipartUpload, UploadPart, CompleteMultipartUpload and AbortMultipartUpload: what the
 * AWS CLI uses for files above 8 MiB. The finished object's ETag is S3's
 * {@code md5(part md5s)-N}; per-part checksums are verified on upload but no composite checksum
 * is kept for the whole object.
 */
final class MultipartUploads {
    /** Smallest part S3 accepts, except for the last one. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final ObjectStorage storage;

    MultipartUploads(ObjectStorage storage) {
        this.storage = requireNonNull(storage, "storage is null");
    }

    HttpResponse create(S3Call call, ObjectStorage.Bucket bucket) {
        String key = ObjectOperations.checkKey(call.key());
        ObjectStorage.Upload upload = storage.createUpload(bucket.name(), key, call.context().account(),
                ObjectOperations.storedHeaders(call.request()));
        Xml xml = new Xml().root("InitiateMultipartUploadResult").leaf("Bucket", bucket.name()).leaf("Key", key)
                .leaf("UploadId", upload.uploadId()).end("InitiateMultipartUploadResult");
        HttpResponse response = ObjectStoreApi.xmlReply(200, xml);
        String algorithm = call.header("x-amz-checksum-algorithm");
        return algorithm == null ? response : response.withHeader("x-amz-checksum-algorithm", algorithm.toUpperCase(Locale.ROOT));
    }

    HttpResponse uploadPart(S3Call call, ObjectStorage.Bucket bucket) {
        if (call.header("x-amz-copy-source") != null) {
            throw S3Error.notImplemented();
        }
        int number = partNumber(call.param("partNumber"));
        ObjectStorage.Upload upload = upload(call, bucket);
        ObjectOperations.Payload payload = ObjectOperations.payload(call.request());
        String eTag = ObjectOperations.eTag(payload.md5());
        storage.putPart(upload, number, payload.data(), eTag);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", eTag);
        headers.put("x-amz-server-side-encryption", "AES256");
        if (payload.algorithm() != null) {
            headers.put(payload.algorithm().headerName(), payload.checksum());
        }
        return ObjectStoreApi.reply(200, new byte[0], headers);
    }

    HttpResponse complete(S3Call call, ObjectStorage.Bucket bucket) {
        ObjectStorage.Upload upload = upload(call, bucket);
        Xml.Node body = Xml.parse(ObjectOperations.body(call.request()));
        List<Xml.Node> requested = body.all("Part");
        if (!body.name().equals("CompleteMultipartUpload") || requested.isEmpty()) {
            throw S3Error.malformedXml();
        }
        Map<Integer, ObjectStorage.Part> uploaded = new LinkedHashMap<>();
        storage.parts(upload.uploadId()).forEach(p -> uploaded.put(p.number(), p));
        List<ObjectStorage.Part> chosen = new ArrayList<>();
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        int previous = 0;
        for (Xml.Node part : requested) {
            int number;
            try {
                number = Integer.parseInt(String.valueOf(part.text("PartNumber")).strip());
            } catch (NumberFormatException e) {
                throw S3Error.malformedXml();
            }
            String eTag = part.text("ETag") == null ? "" : part.text("ETag").strip();
            if (number <= previous) {
                throw S3Error.of("InvalidPartOrder", 400, "The list of parts was not in ascending order. "
                        + "The parts list must be specified in order by part number.").with("UploadId", upload.uploadId());
            }
            previous = number;
            ObjectStorage.Part found = uploaded.get(number);
            if (found == null || !(found.eTag().equals(eTag) || found.eTag().equals("\"" + eTag + "\""))) {
                throw S3Error.of("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may "
                        + "not have been uploaded, or the specified entity tag may not match the part's entity tag.")
                        .with("UploadId", upload.uploadId()).with("PartNumber", Integer.toString(number)).with("ETag", eTag);
            }
            chosen.add(found);
            md5s.writeBytes(HexFormat.of().parseHex(found.eTag().replace("\"", "")));
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            ObjectStorage.Part part = chosen.get(i);
            if (part.size() < MIN_PART_SIZE) {
                throw S3Error.of("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.")
                        .with("ProposedSize", Long.toString(part.size())).with("MinSizeAllowed", Long.toString(MIN_PART_SIZE))
                        .with("PartNumber", Integer.toString(part.number())).with("ETag", part.eTag());
            }
        }
        String eTag = "\"" + HexFormat.of().formatHex(ObjectOperations.md5(md5s.toByteArray())) + "-" + chosen.size() + "\"";
        ObjectStorage.Version version = storage.completeUpload(upload, chosen, eTag,
                ObjectOperations.writeCondition(call, upload.key()));
        String host = call.header("Host") == null ? "localhost" : call.header("Host");
        Xml xml = new Xml().root("CompleteMultipartUploadResult")
                .leaf("Location", "http://" + host + "/" + S3Wire.urlEncode(bucket.name()) + "/" + S3Wire.urlEncode(upload.key()))
                .leaf("Bucket", bucket.name()).leaf("Key", upload.key()).leaf("ETag", eTag).end("CompleteMultipartUploadResult");
        Map<String, String> headers = ObjectOperations.writeHeaders(version);
        headers.remove("ETag");
        headers.put("Content-Type", "application/xml");
        return new HttpResponse(200, headers, xml.bytes());
    }

    HttpResponse abort(S3Call call, ObjectStorage.Bucket bucket) {
        storage.abortUpload(upload(call, bucket).uploadId());
        return ObjectStoreApi.reply(204, new byte[0], Map.of());
    }

    private ObjectStorage.Upload upload(S3Call call, ObjectStorage.Bucket bucket) {
        String uploadId = call.param("uploadId");
        return storage.upload(bucket.name(), call.key(), uploadId).orElseThrow(() -> ObjectStorage.noSuchUpload(uploadId));
    }

    private static int partNumber(String raw) {
        try {
            int n = Integer.parseInt(String.valueOf(raw).strip());
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", raw);
    }
}
