package dev.stepline.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.server.ServerConfig;
import dev.stepline.testing.RawHttp;
import dev.stepline.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** With --verify-signatures on, only correctly signed requests of configured keys pass. */
class SignatureVerificationTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("stepline-sig");
        server = TestServer.with(ServerConfig.defaults().withDataDir(dir)
                .withCredentials(TestServer.ACCESS_KEY + ":" + TestServer.SECRET + ":444455556666", true));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private SfnClient sfn(String key, String secret) {
        return SfnClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    @Test
    void correctlySignedRequestsPassAndMapToTheConfiguredAccount() {
        String arn = server.sfn().createActivity(b -> b.name("signed")).activityArn();
        assertThat(arn).contains(":444455556666:activity:signed");
    }

    @Test
    void wrongSecretIsAnInvalidSignature() {
        assertThatThrownBy(() -> sfn(TestServer.ACCESS_KEY, "wrong").listActivities())
                .isInstanceOf(SfnException.class)
                .satisfies(e -> {
                    assertThat(((SfnException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    assertThat(((SfnException) e).statusCode()).isEqualTo(400);
                })
                .hasMessageContaining("The request signature we calculated does not match the signature you provided");
    }

    @Test
    void unknownKeyIsUnrecognized() {
        assertThatThrownBy(() -> sfn("AKIDUNKNOWN", "x").listActivities())
                .isInstanceOf(SfnException.class)
                .satisfies(e -> assertThat(((SfnException) e).awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
    }

    @Test
    void unsignedRequestIsRejected() {
        var response = RawHttp.awsJson(server.endpoint(), "AWSStepFunctions.ListActivities", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
    }

    @Test
    void s3AnswersInItsOwnFormat() {
        S3Client bad = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestServer.ACCESS_KEY, "wrong")))
                .build();
        assertThatThrownBy(() -> bad.listBuckets())
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> {
                    assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(((S3Exception) e).statusCode()).isEqualTo(403);
                });
        server.s3().createBucket(b -> b.bucket("signed-bucket"));
        assertThat(server.s3().listBuckets().buckets()).extracting(b -> b.name()).contains("signed-bucket");
    }

    @Test
    void healthNeedsNoSignature() {
        assertThat(RawHttp.send(server.endpoint(), "GET", "/_stepline/health", null).statusCode()).isEqualTo(200);
    }
}
