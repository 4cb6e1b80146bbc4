package dev.stepline.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Listing and versioning behaviour, run against each store (subclasses pick SQLite or PostgreSQL). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageBehaviourTest {
    TestServer server;
    S3Client s3;

    abstract TestServer open();

    @BeforeAll
    void start() {
        server = open();
        s3 = server.s3();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private void put(String bucket, String key) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("body of " + key));
    }

    // ---- listings

    @Test
    void listObjectsV2PagesInUtf8ByteOrder() {
        s3.createBucket(b -> b.bucket("pages"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            keys.add("k%02d".formatted(i));
        }
        // byte order: 'z' < 'é' (C3 A9) < U+E000 (EE 80 80) < U+1F600 (F0 9F 98 80); UTF-16 order would put the emoji before U+E000
        keys.addAll(List.of("z", "é", "\uE000", "\uD83D\uDE00"));
        keys.forEach(k -> put("pages", k));

        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("pages").maxKeys(10).continuationToken(t));
            assertThat(page.keyCount()).isEqualTo(page.contents().size());
            assertThat(page.maxKeys()).isEqualTo(10);
            page.contents().stream().map(S3Object::key).forEach(listed::add);
            assertThat(page.isTruncated()).isEqualTo(page.nextContinuationToken() != null);
            token = page.nextContinuationToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(listed).isEqualTo(keys);
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket("pages").maxKeys(4)).contents()).hasSize(25);

        ListObjectsV2Response exact = s3.listObjectsV2(b -> b.bucket("pages").prefix("k1").maxKeys(10));
        assertThat(exact.contents()).hasSize(10);
        assertThat(exact.isTruncated()).as("exactly max-keys entries left: not truncated").isFalse();

        assertThat(s3.listObjectsV2(b -> b.bucket("pages").startAfter("k19")).contents()).extracting(S3Object::key)
                .containsExactly("k20", "z", "é", "\uE000", "\uD83D\uDE00");
        ListObjectsV2Response none = s3.listObjectsV2(b -> b.bucket("pages").maxKeys(0));
        assertThat(none.contents()).isEmpty();
        assertThat(none.isTruncated()).isFalse();
        S3Object first = s3.listObjectsV2(b -> b.bucket("pages").maxKeys(1).fetchOwner(true)).contents().get(0);
        assertThat(first.size()).isEqualTo("body of k00".length());
        assertThat(first.eTag()).startsWith("\"");
        assertThat(first.owner().id()).hasSize(64);
        assertThat(first.storageClassAsString()).isEqualTo("STANDARD");

        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("pages").continuationToken("!!bad!!")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
    }

    @Test
    void delimiterRollsUpCommonPrefixesAcrossPages() {
        s3.createBucket(b -> b.bucket("tree"));
        for (String k : List.of("a/1", "a/2", "a/3/deep", "b/x/1", "b/x/2", "b/y", "c", "d/")) {
            put("tree", k);
        }
        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket("tree").delimiter("/"));
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("c");
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/", "b/", "d/");
        assertThat(top.keyCount()).isEqualTo(4);

        ListObjectsV2Response underB = s3.listObjectsV2(b -> b.bucket("tree").prefix("b/").delimiter("/"));
        assertThat(underB.contents()).extracting(S3Object::key).containsExactly("b/y");
        assertThat(underB.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("b/x/");

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("tree").delimiter("/").maxKeys(1).continuationToken(t));
            assertThat(page.keyCount()).isEqualTo(1);
            page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
            page.contents().forEach(o -> seen.add(o.key()));
            token = page.nextContinuationToken();
        } while (token != null);
        assertThat(seen).containsExactly("a/", "b/", "c", "d/");

        var v1 = s3.listObjects(b -> b.bucket("tree").delimiter("/").maxKeys(2));
        assertThat(v1.isTruncated()).isTrue();
        assertThat(v1.nextMarker()).isEqualTo("b/");
        var v1next = s3.listObjects(b -> b.bucket("tree").delimiter("/").marker("b/"));
        assertThat(v1next.contents()).extracting(S3Object::key).containsExactly("c");
        assertThat(v1next.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("d/");
    }

    @Test
    void urlEncodingOfListedKeys() throws Exception {
        s3.createBucket(b -> b.bucket("encoded"));
        put("encoded", "sp ace+plus/é");
        HttpResponse<String> raw = S3Clients.raw(server, "GET", "/encoded?list-type=2&encoding-type=url&delimiter=%2F", null);
        assertThat(raw.body()).contains("<CommonPrefixes><Prefix>sp%20ace%2Bplus/</Prefix></CommonPrefixes>")
                .contains("<EncodingType>url</EncodingType>");
        assertThat(s3.listObjectsV2(b -> b.bucket("encoded").encodingType("url")).contents())
                .extracting(S3Object::key).containsExactly("sp ace+plus/é");
    }

    // ---- versions

    @Test
    void versionsDeleteMarkersAndPromotion() {
        s3.createBucket(b -> b.bucket("versioned"));
        assertThat(s3.getBucketVersioning(b -> b.bucket("versioned")).status()).isNull();
        s3.putBucketVersioning(b -> b.bucket("versioned").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket("versioned")).status()).isEqualTo(BucketVersioningStatus.ENABLED);

        String v1 = s3.putObject(b -> b.bucket("versioned").key("def.yaml"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket("versioned").key("def.yaml"), RequestBody.fromString("two")).versionId();
        assertThat(v1).isNotBlank().isNotEqualTo(v2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("versioned").key("def.yaml")).asUtf8String()).isEqualTo("two");
        var old = s3.getObjectAsBytes(b -> b.bucket("versioned").key("def.yaml").versionId(v1));
        assertThat(old.asUtf8String()).isEqualTo("one");
        assertThat(old.response().versionId()).isEqualTo(v1);
        assertThat(s3.headObject(b -> b.bucket("versioned").key("def.yaml").versionId(v1)).contentLength()).isEqualTo(3);

        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket("versioned").key("def.yaml"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.versionId()).isNotBlank();
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("versioned").key("def.yaml"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("versioned").key("def.yaml").versionId(marker.versionId())))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(405));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("versioned").key("def.yaml").versionId(v2)).asUtf8String()).isEqualTo("two");
        assertThat(s3.listObjectsV2(b -> b.bucket("versioned")).contents()).isEmpty();

        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket("versioned"));
        assertThat(versions.versions()).extracting(ObjectVersion::versionId).containsExactly(v2, v1);
        assertThat(versions.versions()).extracting(ObjectVersion::isLatest).containsExactly(false, false);
        assertThat(versions.deleteMarkers()).extracting(DeleteMarkerEntry::versionId).containsExactly(marker.versionId());
        assertThat(versions.deleteMarkers().get(0).isLatest()).isTrue();

        DeleteObjectResponse undelete = s3.deleteObject(b -> b.bucket("versioned").key("def.yaml").versionId(marker.versionId()));
        assertThat(undelete.deleteMarker()).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("versioned").key("def.yaml")).asUtf8String()).isEqualTo("two");
        s3.deleteObject(b -> b.bucket("versioned").key("def.yaml").versionId(v2));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("versioned").key("def.yaml")).asUtf8String()).isEqualTo("one");

        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("versioned").key("def.yaml").versionId(v2)))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("NoSuchVersion"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("versioned").key("def.yaml").versionId("bad id")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("versioned")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"));
    }

    @Test
    void suspendedVersioningWritesTheNullVersion() {
        s3.createBucket(b -> b.bucket("suspended"));
        put("suspended", "pre");
        s3.putBucketVersioning(b -> b.bucket("suspended").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String kept = s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("kept")).versionId();
        s3.putBucketVersioning(b -> b.bucket("suspended").versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket("suspended")).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
        s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("null-1"));
        s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("null-2"));
        var current = s3.getObjectAsBytes(b -> b.bucket("suspended").key("k"));
        assertThat(current.asUtf8String()).isEqualTo("null-2");
        assertThat(current.response().versionId()).isEqualTo("null");
        assertThat(s3.listObjectVersions(b -> b.bucket("suspended").prefix("k")).versions())
                .extracting(ObjectVersion::versionId).containsExactly("null", kept);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("suspended").key("pre").versionId("null")).asUtf8String()).isEqualTo("body of pre");
    }

    @Test
    void listObjectVersionsPages() {
        s3.createBucket(b -> b.bucket("many-versions"));
        s3.putBucketVersioning(b -> b.bucket("many-versions").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        for (String k : List.of("a", "b")) {
            for (int i = 0; i < 3; i++) {
                put("many-versions", k);
            }
        }
        s3.deleteObject(b -> b.bucket("many-versions").key("a"));
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        int pages = 0;
        while (true) {
            String km = keyMarker;
            String vm = versionMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket("many-versions").maxKeys(2)
                    .keyMarker(km).versionIdMarker(vm));
            page.deleteMarkers().forEach(d -> seen.add(d.key() + ":marker"));
            page.versions().forEach(v -> seen.add(v.key() + ":" + (v.isLatest() ? "latest" : "old")));
            pages++;
            if (!page.isTruncated()) {
                break;
            }
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(7).containsOnlyOnce("a:marker", "b:latest");
        assertThat(s3.listObjectVersionsPaginator(b -> b.bucket("many-versions").maxKeys(3)).versions()).hasSize(6);
    }
}
