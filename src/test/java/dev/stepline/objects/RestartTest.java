package dev.stepline.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

class RestartTest {
    @Test
    void bucketsObjectsAndVersionsSurviveARestart() throws Exception {
        try (TestServer server = TestServer.embedded()) {
            S3Client s3 = server.s3();
            s3.createBucket(b -> b.bucket("durable"));
            s3.putBucketVersioning(b -> b.bucket("durable").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
            String v1 = s3.putObject(b -> b.bucket("durable").key("wf.yaml").metadata(java.util.Map.of("k", "v")),
                    RequestBody.fromString("first")).versionId();
            s3.putObject(b -> b.bucket("durable").key("wf.yaml"), RequestBody.fromString("second"));
            s3.putObject(b -> b.bucket("durable").key("gone"), RequestBody.fromString("x"));
            s3.deleteObject(b -> b.bucket("durable").key("gone"));

            server.restart();
            S3Client after = server.s3();
            assertThat(after.getBucketVersioning(b -> b.bucket("durable")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
            var current = after.getObjectAsBytes(b -> b.bucket("durable").key("wf.yaml"));
            assertThat(current.asUtf8String()).isEqualTo("second");
            var old = after.getObjectAsBytes(b -> b.bucket("durable").key("wf.yaml").versionId(v1));
            assertThat(old.asUtf8String()).isEqualTo("first");
            assertThat(old.response().metadata()).containsEntry("k", "v");
            assertThat(after.listObjectsV2(b -> b.bucket("durable")).contents()).extracting(S3Object::key).containsExactly("wf.yaml");
            assertThat(after.listObjectVersions(b -> b.bucket("durable")).versions()).extracting(ObjectVersion::key)
                    .containsExactly("gone", "wf.yaml", "wf.yaml");

            // object bytes are plain files under <dataDir>/objects, one per version, no temporaries left
            Path objects = server.server().config().dataDir().resolve("objects");
            try (Stream<Path> files = Files.walk(objects)) {
                assertThat(files.filter(Files::isRegularFile).toList()).hasSize(3)
                        .noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
            }
        }
    }
}
