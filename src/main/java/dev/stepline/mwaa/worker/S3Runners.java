package dev.stepline.mwaa.worker;

import static java.util.Objects.requireNonNull;

import dev.stepline.objects.ObjectStore;
import dev.stepline.objects.ObjectStore.ObjectSummary;
import dev.stepline.objects.ObjectStore.StoredObject;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Amazon provider's S3 operators and sensor (provider 9.x argument names and behaviour) against
 * Stepline's own object store, as the workflow's account:
 * <ul>
 *   <li>{@code S3CreateObjectOperator} — {@code s3_bucket}, {@code s3_key} (or an {@code s3://} URL),
 *       {@code data}, {@code replace} (false: an existing key fails), {@code encoding}.</li>
 *   <li>{@code S3ListOperator} — {@code bucket}, {@code prefix}, {@code delimiter}, {@code apply_wildcard};
 *       XCom: the list of keys.</li>
 *   <li>{@code S3ListPrefixesOperator} — {@code bucket}, {@code prefix}, {@code delimiter}; XCom: the
 *       common prefixes (each ending with the delimiter).</li>
 *   <li>{@code S3KeySensor} — {@code bucket_key} (one or a list, or {@code s3://} URLs), {@code bucket_name},
 *       {@code wildcard_match} ({@code fnmatch}), {@code use_regex}; a poke that finds a key missing is
 *       rescheduled after {@code poke_interval} (the dialect applies {@code timeout} and {@code mode}).</li>
 *   <li>{@code S3KeysUnchangedSensor} — {@code bucket_name}, {@code prefix}, {@code inactivity_period},
 *       {@code min_objects}, {@code allow_delete}, {@code previous_objects}.</li>
 *   <li>{@code S3DeleteObjectsOperator} — {@code bucket} and either {@code keys} (one or a list) or
 *       {@code prefix}.</li>
 *   <li>{@code S3CopyObjectOperator} — {@code source_bucket_key}, {@code dest_bucket_key},
 *       {@code source_bucket_name}, {@code dest_bucket_name}, {@code source_version_id}.</li>
 *   <li>{@code S3CreateBucketOperator} / {@code S3DeleteBucketOperator} — {@code bucket_name};
 *       {@code force_delete} empties the bucket first.</li>
 * </ul>
 * A bucket another account owns answers AccessDenied. Failures carry botocore's text, e.g. {@code An error occurred (NoSuchBucket) when calling the
 * ListObjectsV2 operation: The specified bucket does not exist}.
 */
final class S3Runners {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE = 1000;
    private static final Pattern URL = Pattern.compile("(?i)s3[na]?://([^/]*)/?(.*)", Pattern.DOTALL);

    private final Supplier<ObjectStore> objects;
    private final Clock clock;

    S3Runners(Supplier<ObjectStore> objects, Clock clock) {
        this.objects = requireNonNull(objects, "objects is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** An S3 call that failed the way botocore's ClientError reads. */
    static final class S3Failure extends Exception {
        S3Failure(String message) {
            super(message, null, false, false);
        }

        static S3Failure client(String code, String operation, String message) {
            return new S3Failure("An error occurred (" + code + ") when calling the " + operation + " operation: " + message);
        }

        static S3Failure noSuchBucket(String operation) {
            return client("NoSuchBucket", operation, "The specified bucket does not exist");
        }
    }

    /** Runs one S3 operator, turning its failure into a failed attempt. */
    static OperatorRunner guarded(OperatorRunner runner) {
        return attempt -> {
            try {
                return runner.run(attempt);
            } catch (S3Failure e) {
                return Outcome.failed(e.getMessage());
            }
        };
    }

    Outcome createObject(Attempt attempt) throws S3Failure {
        Location at = location(attempt.text("s3_bucket", null), required(attempt, "s3_key"), "dest_bucket", "dest_key");
        JsonNode data = attempt.arg("data");
        if (data == null) {
            throw new S3Failure("missing keyword argument 'data'");
        }
        Charset charset = charset(attempt.text("encoding", "utf-8"));
        byte[] bytes = (data.isString() ? data.asString() : data.toString()).getBytes(charset);
        checkAccess(attempt, at.bucket(), "PutObject");
        if (!attempt.flag("replace", false) && store().get(at.bucket(), at.key(), null).isPresent()) {
            throw new S3Failure("ValueError: The key " + at.key() + " already exists.");
        }
        if (store().put(at.bucket(), at.key(), bytes, null).isEmpty()) {
            throw S3Failure.noSuchBucket("PutObject");
        }
        attempt.log().info("Uploaded " + bytes.length + " bytes to s3://" + at.bucket() + "/" + at.key());
        return Outcome.returned(null);
    }

    Outcome list(Attempt attempt) throws S3Failure {
        String bucket = required(attempt, "bucket");
        String prefix = attempt.text("prefix", "");
        String delimiter = attempt.text("delimiter", "");
        attempt.log().info("Getting the list of files from bucket: " + bucket + " in prefix: " + prefix
                + " (Delimiter " + delimiter + ")");
        checkAccess(attempt, bucket, "ListObjectsV2");
        List<String> keys = new ArrayList<>();
        boolean wildcard = attempt.flag("apply_wildcard", false);
        String listPrefix = wildcard ? prefix.split("\\*", 2)[0] : prefix;
        Pattern glob = wildcard ? glob(prefix) : null;
        for (ObjectSummary object : listAll(bucket, listPrefix, "ListObjectsV2")) {
            String rest = object.key().substring(listPrefix.length());
            if (!delimiter.isEmpty() && rest.contains(delimiter)) {
                continue;
            }
            if (glob == null || glob.matcher(object.key()).matches()) {
                keys.add(object.key());
            }
        }
        return Outcome.returned(JSON.writeValueAsString(keys));
    }

    Outcome listPrefixes(Attempt attempt) throws S3Failure {
        String bucket = required(attempt, "bucket");
        String prefix = required(attempt, "prefix");
        String delimiter = required(attempt, "delimiter");
        attempt.log().info("Getting the list of subfolders from bucket: " + bucket + " in prefix: " + prefix
                + " (Delimiter " + delimiter + ")");
        checkAccess(attempt, bucket, "ListObjectsV2");
        Set<String> prefixes = new LinkedHashSet<>();
        for (ObjectSummary object : listAll(bucket, prefix, "ListObjectsV2")) {
            String rest = object.key().substring(prefix.length());
            int at = delimiter.isEmpty() ? -1 : rest.indexOf(delimiter);
            if (at >= 0) {
                prefixes.add(prefix + rest.substring(0, at + delimiter.length()));
            }
        }
        return Outcome.returned(JSON.writeValueAsString(prefixes));
    }

    Outcome keySensor(Attempt attempt) throws S3Failure {
        JsonNode keysArg = attempt.arg("bucket_key");
        if (keysArg == null) {
            throw new S3Failure("missing keyword argument 'bucket_key'");
        }
        List<String> keys = texts(keysArg);
        String bucketName = attempt.text("bucket_name", null);
        boolean wildcard = attempt.flag("wildcard_match", false);
        boolean regex = attempt.flag("use_regex", false);
        for (String key : keys) {
            Location at = location(bucketName, key, "bucket_name", "bucket_key");
            attempt.log().info("Poking for key : s3://" + at.bucket() + "/" + at.key());
            checkAccess(attempt, at.bucket(), wildcard || regex ? "ListObjectsV2" : "HeadObject");
            if (!exists(at, wildcard, regex)) {
                return Outcome.reschedule();
            }
        }
        return Outcome.returned(null);
    }

    /**
     * {@code S3KeysUnchangedSensor}: succeeds once no key under {@code prefix} was added (or, with
     * {@code allow_delete}, removed) for {@code inactivity_period} seconds (default 3600) and there
     * are at least {@code min_objects}. What it saw is kept between pokes of a poke-mode sensor (in
     * Airflow it lives in the sensor's memory, which reschedule mode loses — as here).
     */
    Outcome keysUnchanged(Attempt attempt) throws S3Failure {
        String bucket = required(attempt, "bucket_name");
        String prefix = required(attempt, "prefix");
        double inactivityPeriod = attempt.arg("inactivity_period") == null ? 3600
                : attempt.arg("inactivity_period").asDouble();
        int minObjects = attempt.arg("min_objects") == null ? 1 : attempt.arg("min_objects").asInt();
        boolean allowDelete = attempt.flag("allow_delete", true);
        JsonNode state = attempt.payload().has("sensorState")
                ? JSON.readTree(attempt.payload().get("sensorState").asString()) : null;
        Set<String> previous = new LinkedHashSet<>();
        if (state != null) {
            state.path("previous").forEach(k -> previous.add(k.asString()));
        } else if (attempt.arg("previous_objects") != null) {
            texts(attempt.arg("previous_objects")).forEach(previous::add);
        }
        Long lastActivity = state == null || state.path("lastActivityMs").isNull() || state.path("lastActivityMs").isMissingNode()
                ? null : state.get("lastActivityMs").asLong();
        checkAccess(attempt, bucket, "ListObjectsV2");
        Set<String> current = new LinkedHashSet<>();
        listAll(bucket, prefix, "ListObjectsV2").forEach(o -> current.add(o.key()));
        String path = bucket + "/" + prefix;
        long now = clock.millis();
        if (current.containsAll(previous) && current.size() > previous.size()) {
            attempt.log().info("New objects found at " + path + ", resetting last_activity_time.");
            return Outcome.reschedule(keysState(current, now));
        }
        if (!current.containsAll(previous)) {
            if (!allowDelete) {
                throw new S3Failure("AirflowException: Illegal behavior: objects were deleted in " + path
                        + " between pokes.");
            }
            attempt.log().info("Objects were deleted during the last poke interval. Updating the file counter and"
                    + " resetting last_activity_time");
            return Outcome.reschedule(keysState(current, now));
        }
        if (lastActivity == null) {
            return Outcome.reschedule(keysState(current, now));
        }
        long inactiveSeconds = (now - lastActivity) / 1000;
        if (inactiveSeconds >= inactivityPeriod) {
            if (current.size() >= minObjects) {
                attempt.log().info("SUCCESS: Sensor found " + current.size() + " objects at " + path + ". Waited at least "
                        + PyValues.floatRepr(inactivityPeriod) + " seconds, with no new objects uploaded.");
                return Outcome.returned(null);
            }
            attempt.log().error("FAILURE: Inactivity Period passed, not enough objects found in " + path);
        }
        return Outcome.reschedule(keysState(current, lastActivity));
    }

    private static String keysState(Set<String> keys, long lastActivityMs) {
        var state = JSON.createObjectNode();
        keys.forEach(state.putArray("previous")::add);
        state.put("lastActivityMs", lastActivityMs);
        return JSON.writeValueAsString(state);
    }

    Outcome deleteObjects(Attempt attempt) throws S3Failure {
        String bucket = required(attempt, "bucket");
        JsonNode keysArg = attempt.arg("keys");
        String prefix = attempt.text("prefix", null);
        if ((keysArg == null) == (prefix == null)) {
            throw new S3Failure("AirflowException: Either keys or at least one of prefix, from_datetime, to_datetime"
                    + " should be set.");
        }
        checkAccess(attempt, bucket, keysArg != null ? "DeleteObjects" : "ListObjectsV2");
        List<String> keys = keysArg != null ? texts(keysArg)
                : listAll(bucket, prefix, "ListObjectsV2").stream().map(ObjectSummary::key).toList();
        for (String key : keys) {
            if (!store().delete(bucket, key)) {
                throw S3Failure.noSuchBucket("DeleteObjects");
            }
        }
        attempt.log().info("Deleted: " + keys);
        return Outcome.returned(null);
    }

    Outcome copyObject(Attempt attempt) throws S3Failure {
        Location source = location(attempt.text("source_bucket_name", null), required(attempt, "source_bucket_key"),
                "source_bucket_name", "source_bucket_key");
        Location dest = location(attempt.text("dest_bucket_name", null), required(attempt, "dest_bucket_key"),
                "dest_bucket_name", "dest_bucket_key");
        checkAccess(attempt, source.bucket(), "CopyObject");
        checkAccess(attempt, dest.bucket(), "CopyObject");
        Optional<StoredObject> object = store().get(source.bucket(), source.key(), attempt.text("source_version_id", null));
        if (object.isEmpty()) {
            throw bucketExists(source.bucket())
                    ? S3Failure.client("NoSuchKey", "CopyObject", "The specified key does not exist.")
                    : S3Failure.noSuchBucket("CopyObject");
        }
        if (store().put(dest.bucket(), dest.key(), object.get().content(), null).isEmpty()) {
            throw S3Failure.noSuchBucket("CopyObject");
        }
        attempt.log().info("Copied s3://" + source.bucket() + "/" + source.key() + " to s3://" + dest.bucket() + "/"
                + dest.key());
        return Outcome.returned(null);
    }

    Outcome createBucket(Attempt attempt) throws S3Failure {
        String bucket = required(attempt, "bucket_name");
        String region = attempt.text("region_name", attempt.region());
        switch (store().addBucket(bucket, attempt.account(), region)) {
            case CREATED -> attempt.log().info("Created bucket with name: " + bucket);
            case ALREADY_OWNED_BY_YOU -> attempt.log().info("Bucket with name: " + bucket + " already exists");
            case ALREADY_EXISTS -> throw S3Failure.client("BucketAlreadyExists", "CreateBucket", "The requested bucket"
                    + " name is not available. The bucket namespace is shared by all users of the system. Please select"
                    + " a different name and try again.");
            case INVALID_NAME -> throw new S3Failure("Invalid bucket name \"" + bucket + "\": Bucket name must match the"
                    + " regex \"^[a-zA-Z0-9.\\-_]{1,255}$\" and be a valid S3 bucket name");
        }
        return Outcome.returned(null);
    }

    Outcome deleteBucket(Attempt attempt) throws S3Failure {
        String bucket = required(attempt, "bucket_name");
        if (!ownedOrAbsent(attempt, bucket)) {
            // S3Hook.check_for_bucket: a 403 from HeadBucket is logged and counts as "no such bucket"
            attempt.log().error("Access to bucket \"" + bucket + "\" is forbidden or there was an error with the request");
        }
        if (!bucketExists(bucket) || !ownedOrAbsent(attempt, bucket)) {
            attempt.log().info("Bucket with name: " + bucket + " doesn't exist");
            return Outcome.returned(null);
        }
        if (attempt.flag("force_delete", false)) {
            for (ObjectSummary object : listAll(bucket, "", "ListObjectsV2")) {
                store().delete(bucket, object.key());
            }
        }
        switch (store().removeBucket(bucket)) {
            case DELETED -> attempt.log().info("Deleted bucket with name: " + bucket);
            case NO_SUCH_BUCKET -> attempt.log().info("Bucket with name: " + bucket + " doesn't exist");
            case NOT_EMPTY -> throw S3Failure.client("BucketNotEmpty", "DeleteBucket",
                    "The bucket you tried to delete is not empty");
        }
        return Outcome.returned(null);
    }

    // ------------------------------------------------------------------ helpers

    private ObjectStore store() {
        return objects.get();
    }

    /**
     * A bucket another account owns answers AccessDenied, as S3 does to the workflow's role (buckets
     * that do not exist are left to the call, which answers NoSuchBucket).
     */
    private void checkAccess(Attempt attempt, String bucket, String operation) throws S3Failure {
        if (!ownedOrAbsent(attempt, bucket)) {
            throw S3Failure.client("AccessDenied", operation, "Access Denied");
        }
    }

    private boolean ownedOrAbsent(Attempt attempt, String bucket) {
        return store().bucketAccount(bucket).map(attempt.account()::equals).orElse(true);
    }

    private boolean bucketExists(String bucket) {
        return store().list(bucket, "", null, 1).isPresent();
    }

    private boolean exists(Location at, boolean wildcard, boolean regex) throws S3Failure {
        if (!wildcard && !regex) {
            return store().get(at.bucket(), at.key(), null).isPresent();
        }
        if (!bucketExists(at.bucket())) {
            return false;
        }
        String prefix = regex ? "" : at.key().split("[\\[*?]", 2)[0];
        Pattern pattern = regex ? Pattern.compile(at.key()) : null;
        Pattern glob = regex ? null : glob(at.key());
        for (ObjectSummary object : listAll(at.bucket(), prefix, "ListObjectsV2")) {
            if (regex ? pattern.matcher(object.key()).find() : glob.matcher(object.key()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Every current key under the prefix, page by page. */
    private List<ObjectSummary> listAll(String bucket, String prefix, String operation) throws S3Failure {
        List<ObjectSummary> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<ObjectSummary> page = store().list(bucket, prefix, after, PAGE).orElse(null);
            if (page == null) {
                throw S3Failure.noSuchBucket(operation);
            }
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.getLast().key();
        }
    }

    /** Python's {@code fnmatch}: {@code *} also matches {@code /}. */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** A bucket and key as S3Hook's {@code get_s3_bucket_key} finds them. */
    record Location(String bucket, String key) {
    }

    static Location location(String bucket, String key, String bucketParam, String keyParam) throws S3Failure {
        var url = URL.matcher(key);
        if (bucket == null) {
            if (!url.matches() || url.group(1).isEmpty()) {
                throw new S3Failure("S3HookUriParseFailure: Please provide a bucket name using a valid format of"
                        + " \"S3://bucket-name/key-name\": " + key);
            }
            return new Location(url.group(1), url.group(2));
        }
        if (key.contains("://")) {
            throw new S3Failure("TypeError: If `" + bucketParam + "` is provided, " + keyParam + " should be a relative"
                    + " path from root level, rather than a \"s3://\" url");
        }
        return new Location(bucket, key);
    }

    private static String required(Attempt attempt, String name) throws S3Failure {
        String value = attempt.text(name, null);
        if (value == null) {
            throw new S3Failure("missing keyword argument '" + name + "'");
        }
        return value;
    }

    private static List<String> texts(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> out.add(v.isString() ? v.asString() : v.toString()));
        } else {
            out.add(value.isString() ? value.asString() : value.toString());
        }
        return out;
    }

    private static Charset charset(String name) throws S3Failure {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            throw new S3Failure("LookupError: unknown encoding: " + name);
        }
    }
}
