package dev.stepline.objects;

import static java.util.Objects.requireNonNull;

import dev.stepline.http.HttpRequest;
import dev.stepline.http.HttpResponse;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.ServiceEndpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3-compatible face (REST-XML, signing name {@code s3}): buckets, objects, versions and
 * listings over {@link ObjectStorage}. It is the router's fallback, so it claims nothing by
 * itself ({@link #recognises} is false): requests signed for {@code s3} and whatever no other
 * service recognises come here.
 */
public final class ObjectStoreApi implements ServiceEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreApi.class);

    /** Sub-resources S3 has and this store does not; asking for them is NotImplemented, never a listing or an upload. */
    private static final Set<String> UNSUPPORTED_SUBRESOURCES = Set.of("acl", "policy", "policyStatus", "tagging", "cors",
            "lifecycle", "encryption", "website", "logging", "notification", "replication", "requestPayment", "accelerate",
            "analytics", "inventory", "metrics", "ownershipControls", "publicAccessBlock", "object-lock",
            "intelligent-tiering", "retention", "legal-hold", "attributes", "restore", "select",
            "torrent", "session", "metadataTable", "renameObject");

    private final ObjectStorage storage;
    private final ObjectOperations objects;
    private final Listings listings;
    private final MultipartUploads uploads;

    public ObjectStoreApi(ObjectStorage storage) {
        this.storage = requireNonNull(storage, "storage is null");
        this.objects = new ObjectOperations(storage);
        this.listings = new Listings(storage);
        this.uploads = new MultipartUploads(storage);
    }

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public boolean recognises(HttpRequest request) {
        return false;
    }

    @Override
    public HttpResponse handle(RequestContext context, HttpRequest request) {
        S3Call call = null;
        try {
            call = S3Call.of(context, request);
            return withRequestIds(context, dispatch(call));
        } catch (S3Error e) {
            return error(context, request, e, call);
        } catch (AwsChunkedException e) {
            return error(context, request, S3Error.of(e.code(), e.status(), e.getMessage()), call);
        } catch (RuntimeException e) {
            LOG.error("S3 {} {} failed", request.method(), request.rawPath(), e);
            return error(context, request, S3Error.internal(), call);
        }
    }

    @Override
    public HttpResponse reject(RequestContext context, AwsException error) {
        S3Error s3 = S3Error.of(error.code(), error.status(), error.getMessage());
        for (Map.Entry<String, Object> member : error.members().entrySet()) {
            s3 = s3.with(member.getKey(), String.valueOf(member.getValue()));
        }
        return error(context, null, s3, null);
    }

    private HttpResponse dispatch(S3Call call) {
        String method = call.method();
        if (call.bucket() == null) {
            if (method.equals("GET")) {
                return listings.listBuckets(call);
            }
            throw S3Error.methodNotAllowed(method, "SERVICE");
        }
        for (String name : call.query().keySet()) {
            if (UNSUPPORTED_SUBRESOURCES.contains(name)) {
                throw S3Error.notImplemented();
            }
        }
        if (call.key() == null) {
            if (call.has("uploads") || call.has("uploadId")) {
                throw S3Error.notImplemented(); // ListMultipartUploads
            }
            return switch (method) {
                case "PUT" -> call.has("versioning") ? putVersioning(call) : createBucket(call);
                case "HEAD" -> headBucket(call);
                case "DELETE" -> deleteBucket(call);
                case "POST" -> {
                    if (call.has("delete")) {
                        yield objects.deleteObjects(call, owned(call));
                    }
                    throw S3Error.notImplemented();
                }
                case "GET" -> {
                    if (call.has("versioning")) {
                        yield getVersioning(call);
                    }
                    if (call.has("location")) {
                        yield getLocation(call);
                    }
                    if (call.has("versions")) {
                        yield listings.listVersions(call, owned(call));
                    }
                    yield "2".equals(call.param("list-type"))
                            ? listings.listObjectsV2(call, owned(call))
                            : listings.listObjectsV1(call, owned(call));
                }
                default -> throw S3Error.methodNotAllowed(method, "BUCKET");
            };
        }
        if (call.has("uploadId")) {
            return switch (method) {
                case "PUT" -> uploads.uploadPart(call, owned(call));
                case "POST" -> uploads.complete(call, owned(call));
                case "DELETE" -> uploads.abort(call, owned(call));
                default -> throw S3Error.notImplemented(); // ListParts
            };
        }
        if (call.has("uploads")) {
            if (method.equals("POST")) {
                return uploads.create(call, owned(call));
            }
            throw S3Error.methodNotAllowed(method, "OBJECT");
        }
        return switch (method) {
            case "PUT" -> call.header("x-amz-copy-source") != null
                    ? objects.copyObject(call, owned(call), this::owned)
                    : objects.putObject(call, owned(call));
            case "GET" -> objects.getObject(call, owned(call), false);
            case "HEAD" -> objects.getObject(call, owned(call), true);
            case "DELETE" -> objects.deleteObject(call, owned(call));
            case "POST" -> throw S3Error.notImplemented();
            default -> throw S3Error.methodNotAllowed(method, "OBJECT");
        };
    }

    /** The call's bucket, when it exists and the caller's account owns it. */
    ObjectStorage.Bucket owned(S3Call call) {
        return owned(call.context(), call.bucket());
    }

    private ObjectStorage.Bucket owned(RequestContext context, String name) {
        ObjectStorage.Bucket bucket = storage.bucket(name).orElseThrow(() -> S3Error.noSuchBucket(name));
        if (!bucket.account().equals(context.account())) {
            throw S3Error.accessDenied();
        }
        return bucket;
    }

    // ---- bucket operations

    private HttpResponse createBucket(S3Call call) {
        String name = call.bucket();
        if (!BucketNames.isValid(name)) {
            throw S3Error.of("InvalidBucketName", 400, "The specified bucket is not valid.").with("BucketName", name);
        }
        String region = call.context().region();
        String constraint = null;
        byte[] body = ObjectOperations.body(call.request());
        if (body.length > 0 && !new String(body, StandardCharsets.UTF_8).isBlank()) {
            Xml.Node config = Xml.parse(body);
            if (!config.name().equals("CreateBucketConfiguration")) {
                throw S3Error.malformedXml();
            }
            String text = config.text("LocationConstraint");
            constraint = text == null || text.isBlank() ? null : text.strip();
        }
        if (constraint == null && !region.equals("us-east-1")) {
            throw S3Error.of("IllegalLocationConstraintException", 400, "The unspecified location constraint is "
                    + "incompatible for the region specific endpoint this request was sent to.");
        }
        if (constraint != null) {
            if (constraint.equals("us-east-1") || !constraint.matches("[a-z]{2}(-[a-z]+)+-\\d+|EU")) {
                throw S3Error.of("InvalidLocationConstraint", 400, "The specified location-constraint is not valid")
                        .with("LocationConstraint", constraint);
            }
            if (!constraint.equals(region) && !(constraint.equals("EU") && region.equals("eu-west-1"))) {
                throw S3Error.of("IllegalLocationConstraintException", 400, "The " + constraint
                        + " location constraint is incompatible for the region specific endpoint this request was sent to.");
            }
        }
        String bucketRegion = constraint == null ? "us-east-1" : constraint.equals("EU") ? "eu-west-1" : constraint;
        ObjectStorage.Created created = storage.createBucket(name, call.context().account(), bucketRegion);
        // us-east-1 answers a re-create by the owner with 200 OK, for legacy compatibility; other regions do not
        if (!created.isNew() && !(region.equals("us-east-1") && created.bucket().region().equals("us-east-1"))) {
            throw S3Error.of("BucketAlreadyOwnedByYou", 409,
                    "Your previous request to create the named bucket succeeded and you already own it.").with("BucketName", name);
        }
        return reply(200, new byte[0], Map.of("Location", "/" + name));
    }

    private HttpResponse headBucket(S3Call call) {
        ObjectStorage.Bucket bucket = owned(call);
        return reply(200, new byte[0], Map.of("x-amz-bucket-region", bucket.region(), "x-amz-access-point-alias", "false"));
    }

    private HttpResponse deleteBucket(S3Call call) {
        owned(call);
        storage.deleteBucket(call.bucket());
        return reply(204, new byte[0], Map.of());
    }

    private HttpResponse getLocation(S3Call call) {
        ObjectStorage.Bucket bucket = owned(call);
        // us-east-1 is the empty constraint
        Xml xml = new Xml().root("LocationConstraint").text(bucket.region().equals("us-east-1") ? "" : bucket.region());
        return xmlReply(200, xml.end("LocationConstraint"));
    }

    private HttpResponse putVersioning(S3Call call) {
        owned(call);
        Xml.Node config = Xml.parse(ObjectOperations.body(call.request()));
        String status = config.name().equals("VersioningConfiguration") ? config.text("Status") : null;
        Versioning versioning = "Enabled".equals(status) ? Versioning.ENABLED
                : "Suspended".equals(status) ? Versioning.SUSPENDED : null;
        if (versioning == null) {
            throw S3Error.malformedXml();
        }
        storage.setVersioning(call.bucket(), versioning);
        return reply(200, new byte[0], Map.of());
    }

    private HttpResponse getVersioning(S3Call call) {
        ObjectStorage.Bucket bucket = owned(call);
        Xml xml = new Xml().root("VersioningConfiguration");
        if (bucket.versioning() != Versioning.UNVERSIONED) {
            xml.leaf("Status", bucket.versioning().wire());
        }
        return xmlReply(200, xml.end("VersioningConfiguration"));
    }

    // ---- responses

    static HttpResponse reply(int status, byte[] body, Map<String, String> headers) {
        return new HttpResponse(status, headers, body);
    }

    static HttpResponse xmlReply(int status, Xml xml) {
        return new HttpResponse(status, Map.of("Content-Type", "application/xml"), xml.bytes());
    }

    private static HttpResponse withRequestIds(RequestContext context, HttpResponse response) {
        return response.withHeader("x-amz-request-id", s3RequestId(context)).withHeader("x-amz-id-2", hostId(context));
    }

    private static HttpResponse error(RequestContext context, HttpRequest request, S3Error e, S3Call call) {
        Xml xml = new Xml().bareRoot("Error").leaf("Code", e.code()).leaf("Message", e.getMessage());
        e.extras().forEach(xml::leaf);
        xml.leaf("RequestId", s3RequestId(context)).leaf("HostId", hostId(context)).end("Error");
        boolean head = request != null && request.method().equals("HEAD");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/xml");
        if (head) {
            headers.put("Content-Length", "0");
        }
        headers.putAll(e.headers());
        return withRequestIds(context, new HttpResponse(e.status(), headers, head ? new byte[0] : xml.bytes()));
    }

    /** S3 request ids are 16 upper-case hex digits; ours are derived from the router's UUID so logs match. */
    static String s3RequestId(RequestContext context) {
        return context.requestId().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    private static String hostId(RequestContext context) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(context.requestId().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 64-hex canonical user id S3 shows as a bucket or object owner, derived from the account. */
    static String canonicalUserId(String account) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("stepline:" + account).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
