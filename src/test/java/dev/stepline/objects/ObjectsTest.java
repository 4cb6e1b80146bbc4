package dev.stepline.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ObjectsTest {
    static TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        s3 = server.s3();
        s3.createBucket(b -> b.bucket("objs"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void putGetHeadWithMetadataAndTheSdkDefaultChunkedChecksumUpload() throws Exception {
        byte[] data = "name: demo\nschedule: daily\n".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = s3.putObject(b -> b.bucket("objs").key("dags/demo.yaml").contentType("application/yaml")
                .metadata(Map.of("owner", "team-a", "Mixed-Case", "v")), RequestBody.fromBytes(data));
        assertThat(put.eTag()).isEqualTo("\"" + md5Hex(data) + "\"");
        assertThat(put.versionId()).isNull();
        // the SDK's default upload is aws-chunked with a trailing CRC32, which the server verified and echoes
        assertThat(put.checksumCRC32()).isEqualTo(Base64.getEncoder().encodeToString(
                dev.stepline.objects.ChecksumAlgorithm.CRC32.digest(data)));

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("objs").key("dags/demo.yaml"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().contentType()).isEqualTo("application/yaml");
        assertThat(got.response().contentLength()).isEqualTo(data.length);
        assertThat(got.response().eTag()).isEqualTo(put.eTag());
        assertThat(got.response().metadata()).containsEntry("owner", "team-a").containsEntry("mixed-case", "v");
        assertThat(got.response().contentEncoding()).as("aws-chunked is not stored").isNull();

        HeadObjectResponse head = s3.headObject(b -> b.bucket("objs").key("dags/demo.yaml").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.eTag()).isEqualTo(put.eTag());
        assertThat(head.checksumCRC32()).isEqualTo(put.checksumCRC32());
        assertThat(head.lastModified()).isNotNull();
        assertThat(head.metadata()).containsEntry("owner", "team-a");
    }

    @Test
    void otherChecksumAlgorithmsAndPlainUploads() {
        // CRC64NVME needs the CRT in the SDK; the decoder's own test covers it
        PutObjectResponse crc32c = s3.putObject(b -> b.bucket("objs").key("c32c").checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromString("crc32c body"));
        assertThat(crc32c.checksumCRC32C()).isNotBlank();
        PutObjectResponse sha = s3.putObject(b -> b.bucket("objs").key("sha").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("sha body"));
        assertThat(sha.checksumSHA256()).isNotBlank();
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("objs").key("c32c").checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asUtf8String()).isEqualTo("crc32c body");
        assertThat(got.response().checksumCRC32C()).isEqualTo(crc32c.checksumCRC32C());
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("sha")).asUtf8String()).isEqualTo("sha body");
    }

    @Test
    void contentMd5IsChecked() throws Exception {
        byte[] data = "checked".getBytes(StandardCharsets.UTF_8);
        String good = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        s3.putObject(b -> b.bucket("objs").key("md5").contentMD5(good), RequestBody.fromBytes(data));

        String wrong = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest("other".getBytes()));
        HttpResponse<String> bad = S3Clients.raw(server, "PUT", "/objs/md5", data, "Content-MD5", wrong);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>BadDigest</Code><Message>The Content-MD5 you specified did not match what we received.</Message>");
        HttpResponse<String> invalid = S3Clients.raw(server, "PUT", "/objs/md5", data, "Content-MD5", "not-md5");
        assertThat(invalid.body()).contains("<Code>InvalidDigest</Code>");
        HttpResponse<String> badCrc = S3Clients.raw(server, "PUT", "/objs/md5", data, "x-amz-checksum-crc32", "AAAAAA==");
        assertThat(badCrc.body()).contains("<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("md5")).asUtf8String()).isEqualTo("checked");
    }

    @Test
    void rawAwsChunkedUploadWithTrailerAndABadTrailer() throws Exception {
        byte[] data = "hello chunked world".getBytes(StandardCharsets.UTF_8);
        String crc = Base64.getEncoder().encodeToString(dev.stepline.objects.ChecksumAlgorithm.CRC32.digest(data));
        String body = "a\r\nhello chun\r\n9\r\nked world\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n";
        HttpResponse<String> ok = S3Clients.raw(server, "PUT", "/objs/chunked", body.getBytes(StandardCharsets.UTF_8),
                "Content-Encoding", "aws-chunked", "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length", Integer.toString(data.length), "x-amz-trailer", "x-amz-checksum-crc32");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amz-checksum-crc32")).hasValue(crc);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("chunked")).asByteArray()).isEqualTo(data);

        String tampered = body.replace(crc, "AAAAAA==");
        HttpResponse<String> bad = S3Clients.raw(server, "PUT", "/objs/chunked", tampered.getBytes(StandardCharsets.UTF_8),
                "Content-Encoding", "aws-chunked", "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length", Integer.toString(data.length), "x-amz-trailer", "x-amz-checksum-crc32");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>BadDigest</Code>");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("chunked")).asByteArray()).isEqualTo(data);
    }

    @Test
    void rangeReads() {
        s3.putObject(b -> b.bucket("objs").key("digits"), RequestBody.fromString("0123456789"));
        ResponseBytes<GetObjectResponse> middle = s3.getObjectAsBytes(b -> b.bucket("objs").key("digits").range("bytes=2-5"));
        assertThat(middle.asUtf8String()).isEqualTo("2345");
        assertThat(middle.response().contentRange()).isEqualTo("bytes 2-5/10");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("digits").range("bytes=-3")).asUtf8String()).isEqualTo("789");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("digits").range("bytes=7-")).asUtf8String()).isEqualTo("789");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("digits").range("bytes=8-100")).asUtf8String()).isEqualTo("89");
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("objs").key("digits").range("bytes=10-")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(416))
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidRange"));
    }

    @Test
    void missingKeysAndBuckets() throws Exception {
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("objs").key("nope")))
                .isInstanceOf(NoSuchKeyException.class)
                .hasMessageStartingWith("The specified key does not exist.");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("objs").key("nope"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("nobucket").key("nope"))).isInstanceOf(NoSuchBucketException.class);
        HttpResponse<String> raw = S3Clients.raw(server, "GET", "/objs/dir/no%20such.txt", null);
        String requestId = raw.headers().firstValue("x-amz-request-id").orElseThrow();
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(raw.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                + "<Message>The specified key does not exist.</Message><Key>dir/no such.txt</Key><RequestId>" + requestId + "</RequestId>");
        HttpResponse<String> head = S3Clients.raw(server, "HEAD", "/objs/nope", null);
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void deleteIsIdempotentAndKeysKeepOddCharacters() {
        String key = "odd keys/ü+ñ %41 & <x>?=.txt";
        s3.putObject(b -> b.bucket("objs").key(key), RequestBody.fromString("odd"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key(key)).asUtf8String()).isEqualTo("odd");
        assertThat(s3.listObjectsV2(b -> b.bucket("objs").prefix("odd keys/")).contents()).singleElement()
                .satisfies(o -> assertThat(o.key()).isEqualTo(key));
        s3.deleteObject(b -> b.bucket("objs").key(key));
        s3.deleteObject(b -> b.bucket("objs").key(key));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("objs").key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void overwriteReplacesAndConditionalRequestsHold() {
        String first = s3.putObject(b -> b.bucket("objs").key("over"), RequestBody.fromString("v1")).eTag();
        String second = s3.putObject(b -> b.bucket("objs").key("over"), RequestBody.fromString("v2")).eTag();
        assertThat(second).isNotEqualTo(first);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("over")).asUtf8String()).isEqualTo("v2");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("objs").key("over").ifMatch(second)).asUtf8String()).isEqualTo("v2");
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("objs").key("over").ifMatch(first)))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("objs").key("over").ifNoneMatch(second)))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("objs").key("over").ifNoneMatch("*"), RequestBody.fromString("v3")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
        s3.putObject(b -> b.bucket("objs").key("fresh").ifNoneMatch("*"), RequestBody.fromString("new"));
    }

    @Test
    void copyObjectAndEmptyObjects() {
        s3.putObject(b -> b.bucket("objs").key("src").contentType("text/plain").metadata(Map.of("a", "1")),
                RequestBody.fromString("copy me"));
        var copied = s3.copyObject(b -> b.sourceBucket("objs").sourceKey("src").destinationBucket("objs").destinationKey("dst"));
        assertThat(copied.copyObjectResult().eTag()).isEqualTo(s3.headObject(b -> b.bucket("objs").key("src")).eTag());
        ResponseBytes<GetObjectResponse> dst = s3.getObjectAsBytes(b -> b.bucket("objs").key("dst"));
        assertThat(dst.asUtf8String()).isEqualTo("copy me");
        assertThat(dst.response().contentType()).isEqualTo("text/plain");
        assertThat(dst.response().metadata()).containsEntry("a", "1");

        s3.putObject(b -> b.bucket("objs").key("empty"), RequestBody.empty());
        ResponseBytes<GetObjectResponse> empty = s3.getObjectAsBytes(b -> b.bucket("objs").key("empty"));
        assertThat(empty.asByteArray()).isEmpty();
        assertThat(empty.response().eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
    }

    @Test
    void contentTypeDefaultsAsOnS3() throws Exception {
        assertThat(S3Clients.raw(server, "PUT", "/objs/untyped", "x".getBytes()).statusCode()).isEqualTo(200);
        assertThat(s3.headObject(b -> b.bucket("objs").key("untyped")).contentType()).isEqualTo("binary/octet-stream");
    }

    @Test
    void deleteObjectsInOneRequest() {
        for (String k : new String[] {"batch/1", "batch/2", "batch/3"}) {
            s3.putObject(b -> b.bucket("objs").key(k), RequestBody.fromString(k));
        }
        var result = s3.deleteObjects(b -> b.bucket("objs").delete(d -> d.objects(
                o -> o.key("batch/1"), o -> o.key("batch/2"), o -> o.key("batch/missing"))));
        assertThat(result.deleted()).hasSize(3);
        assertThat(s3.listObjectsV2(b -> b.bucket("objs").prefix("batch/")).contents()).singleElement()
                .satisfies(o -> assertThat(o.key()).isEqualTo("batch/3"));
    }

    @Test
    void virtualHostStyleAddressing() throws Exception {
        s3.putObject(b -> b.bucket("objs").key("vh/key.txt"), RequestBody.fromString("virtual"));
        try (var socket = new java.net.Socket("127.0.0.1", server.endpoint().getPort())) {
            String request = "GET /vh/key.txt HTTP/1.1\r\nHost: objs.localhost:" + server.endpoint().getPort()
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("\r\n\r\nvirtual");
        }
        try (var socket = new java.net.Socket("127.0.0.1", server.endpoint().getPort())) {
            String request = "GET /?list-type=2&prefix=vh/ HTTP/1.1\r\nHost: objs.s3.localhost\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("<Name>objs</Name>").contains("<Key>vh/key.txt</Key>");
        }
    }
}
