package dev.stepline.mwaa.api;

import dev.stepline.testing.TestServer;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient;
import software.amazon.awssdk.services.mwaaserverless.model.CreateWorkflowRequest;
import software.amazon.awssdk.services.mwaaserverless.model.CreateWorkflowResponse;
import software.amazon.awssdk.services.s3.S3Client;

/** Definitions and helpers shared by the MWAA Serverless API tests. */
final class MwaaFixtures {
    static final String ROLE = "arn:aws:iam::123456789012:role/mwaa-serverless-exec";

    /** On demand, two tasks, one ignored attribute ({@code description}). */
    static final String ON_DEMAND = """
            order_report:
              description: nightly order report
              schedule: null
              tasks:
                begin:
                  operator: airflow.providers.standard.operators.empty.EmptyOperator
                build:
                  operator: airflow.providers.standard.operators.bash.BashOperator
                  bash_command: "echo report"
                  dependencies: [begin]
            """;

    /** Scheduled daily at 02:30, nothing ignored. */
    static final String SCHEDULED = """
            order_report:
              schedule: "30 2 * * *"
              start_date: "2025-06-01"
              tasks:
                begin:
                  operator: airflow.providers.standard.operators.empty.EmptyOperator
            """;

    /** Two root keys. */
    static final String TWO_DAGS = """
            a:
              tasks: {}
            b:
              tasks: {}
            """;

    private MwaaFixtures() {}

    static void bucket(S3Client s3, String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
    }

    /** Uploads {@code yaml}; returns the S3 version id (null when the bucket is unversioned). */
    static String put(S3Client s3, String bucket, String key, String yaml) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(yaml)).versionId();
    }

    /** A create with the required members filled in; {@code more} adds or overrides. */
    static CreateWorkflowResponse create(MwaaServerlessClient mwaa, String name, String bucket, String key,
                                         Consumer<CreateWorkflowRequest.Builder> more) {
        return mwaa.createWorkflow(b -> {
            b.name(name).roleArn(ROLE).definitionS3Location(l -> l.bucket(bucket).objectKey(key));
            more.accept(b);
        });
    }

    static CreateWorkflowResponse create(MwaaServerlessClient mwaa, String name, String bucket, String key) {
        return create(mwaa, name, bucket, key, b -> { });
    }

    /** The service's message without the SDK's " (Service: …)" suffix. */
    static String message(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorMessage();
    }

    static TestServer server() {
        return TestServer.embedded();
    }
}
