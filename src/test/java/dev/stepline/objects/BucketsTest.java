package dev.stepline.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class BucketsTest {
    static TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.embedded();
        s3 = server.s3();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void createHeadListDelete() {
        s3.createBucket(b -> b.bucket("alpha"));
        assertThat(s3.headBucket(b -> b.bucket("alpha")).bucketRegion()).isEqualTo("us-east-1");
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("alpha");
        assertThat(s3.listBuckets().owner().id()).hasSize(64);
        assertThat(s3.getBucketLocation(b -> b.bucket("alpha")).locationConstraintAsString()).isEmpty();

        s3.deleteBucket(b -> b.bucket("alpha"));
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("alpha"))).isInstanceOf(NoSuchBucketException.class);
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("alpha");
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("alpha")))
                .isInstanceOf(NoSuchBucketException.class)
                .hasMessageStartingWith("The specified bucket does not exist");
    }

    @Test
    void recreatingAnOwnedBucketIsOkInUsEast1AndAnErrorElsewhere() {
        s3.createBucket(b -> b.bucket("mine"));
        s3.createBucket(b -> b.bucket("mine"));

        S3Client west = S3Clients.s3(server, TestServer.ACCESS_KEY, "eu-west-1");
        west.createBucket(b -> b.bucket("mine-west")
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        assertThat(west.headBucket(b -> b.bucket("mine-west")).bucketRegion()).isEqualTo("eu-west-1");
        assertThat(west.getBucketLocation(b -> b.bucket("mine-west")).locationConstraintAsString()).isEqualTo("eu-west-1");
        assertThatThrownBy(() -> west.createBucket(b -> b.bucket("mine-west")
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class)
                .hasMessageStartingWith("Your previous request to create the named bucket succeeded and you already own it.");
    }

    @Test
    void locationConstraintMustMatchTheRequestRegion() throws Exception {
        String config = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>";
        HttpResponse<String> response = S3Clients.raw(server, "PUT", "/wrong-region", config.getBytes());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>IllegalLocationConstraintException</Code>");
        HttpResponse<String> malformed = S3Clients.raw(server, "PUT", "/bad-config", "<CreateBucketConfiguration>".getBytes());
        assertThat(malformed.body()).contains("<Code>MalformedXML</Code>");
    }

    @Test
    void bucketNamesAreOneNamespaceOwnedByTheCreator() {
        s3.createBucket(b -> b.bucket("shared-name"));
        S3Client other = S3Clients.s3(server, "222222222222", "us-east-1");
        assertThatThrownBy(() -> other.createBucket(b -> b.bucket("shared-name")))
                .isInstanceOf(BucketAlreadyExistsException.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(409));
        assertThat(other.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("shared-name");
        assertThatThrownBy(() -> other.putObject(b -> b.bucket("shared-name").key("k"), RequestBody.fromString("x")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("AccessDenied"))
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    }

    @Test
    void invalidNamesAreRejected() throws Exception {
        // the SDK refuses most bad names itself, so these go raw, as curl would send them
        for (String name : new String[] {"ab", "Upper", "a..b", "-dash", "192.168.1.1", "xn--punycode", "ends-s3alias", "a_b",
                "x".repeat(64)}) {
            HttpResponse<String> response = S3Clients.raw(server, "PUT", "/" + name, null);
            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(response.body()).as(name).contains("<Code>InvalidBucketName</Code>"
                    + "<Message>The specified bucket is not valid.</Message><BucketName>" + name + "</BucketName>");
        }
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("xn--abc")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName"));
    }

    @Test
    void deleteRefusesANonEmptyBucket() {
        s3.createBucket(b -> b.bucket("full"));
        s3.putObject(b -> b.bucket("full").key("one"), RequestBody.fromString("1"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("full")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"))
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(409));
        s3.deleteObject(b -> b.bucket("full").key("one"));
        s3.deleteBucket(b -> b.bucket("full"));
    }

    @Test
    void errorDocumentsAreS3Xml() throws Exception {
        HttpResponse<String> missing = S3Clients.raw(server, "GET", "/no-such-bucket-here/key", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/xml");
        String requestId = missing.headers().firstValue("x-amz-request-id").orElseThrow();
        assertThat(requestId).matches("[0-9A-F]{16}");
        assertThat(missing.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code>"
                + "<Message>The specified bucket does not exist</Message><BucketName>no-such-bucket-here</BucketName>"
                + "<RequestId>" + requestId + "</RequestId><HostId>");

        HttpResponse<String> unsupported = S3Clients.raw(server, "GET", "/no-such-bucket-here?acl", null);
        assertThat(unsupported.statusCode()).isEqualTo(501);
        assertThat(unsupported.body()).contains("<Code>NotImplemented</Code>");
    }
}
