package dev.stepline.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class MultipartUploadsTest {
    static TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        s3 = server.s3();
        s3.createBucket(b -> b.bucket("multi"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void partsJoinIntoOneObjectWithTheMultipartETag() throws Exception {
        byte[] data = new byte[(int) MultipartUploads.MIN_PART_SIZE + 1000];
        new Random(7).nextBytes(data);
        byte[] first = Arrays.copyOfRange(data, 0, (int) MultipartUploads.MIN_PART_SIZE);
        byte[] second = Arrays.copyOfRange(data, (int) MultipartUploads.MIN_PART_SIZE, data.length);
        String uploadId = s3.createMultipartUpload(b -> b.bucket("multi").key("big.bin").contentType("application/x-test"))
                .uploadId();
        String e1 = s3.uploadPart(b -> b.bucket("multi").key("big.bin").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(first)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("multi").key("big.bin").uploadId(uploadId).partNumber(2), RequestBody.fromBytes(second)).eTag();

        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("multi").key("big.bin").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(e2).build(),
                        CompletedPart.builder().partNumber(1).eTag(e1).build()))))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder"));

        var done = s3.completeMultipartUpload(b -> b.bucket("multi").key("big.bin").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build())));
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(HexFormat.of().parseHex(e1.replace("\"", "")));
        md5.update(HexFormat.of().parseHex(e2.replace("\"", "")));
        assertThat(done.eTag()).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"");

        var got = s3.getObjectAsBytes(b -> b.bucket("multi").key("big.bin"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().contentType()).isEqualTo("application/x-test");
        assertThat(got.response().eTag()).isEqualTo(done.eTag());
        assertThatThrownBy(() -> s3.abortMultipartUpload(b -> b.bucket("multi").key("big.bin").uploadId(uploadId)))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void smallNonFinalPartsAreRejectedAndAbortCleansUp() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket("multi").key("small")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket("multi").key("small").uploadId(uploadId).partNumber(1), RequestBody.fromString("a")).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("multi").key("small").uploadId(uploadId).partNumber(2), RequestBody.fromString("b")).eTag();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("multi").key("small").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build()))))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall"));
        s3.abortMultipartUpload(b -> b.bucket("multi").key("small").uploadId(uploadId));
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket("multi").key("small").uploadId(uploadId).partNumber(3),
                RequestBody.fromString("c"))).isInstanceOf(NoSuchUploadException.class);

        String single = s3.createMultipartUpload(b -> b.bucket("multi").key("single")).uploadId();
        String only = s3.uploadPart(b -> b.bucket("multi").key("single").uploadId(single).partNumber(1), RequestBody.fromString("one part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket("multi").key("single").uploadId(single)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(only).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("multi").key("single")).asUtf8String()).isEqualTo("one part");
    }
}
