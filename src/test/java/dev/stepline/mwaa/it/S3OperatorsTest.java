package dev.stepline.mwaa.it;

import static dev.stepline.mwaa.it.RunHarness.BASH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.mwaaserverless.model.GetTaskInstanceResponse;
import software.amazon.awssdk.services.mwaaserverless.model.GetWorkflowRunResponse;
import software.amazon.awssdk.services.mwaaserverless.model.TaskInstanceStatus;
import software.amazon.awssdk.services.mwaaserverless.model.WorkflowRunStatus;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The Amazon provider's S3 operators and S3KeySensor against Stepline's own object store. */
class S3OperatorsTest {
    static final String S3 = "airflow.providers.amazon.aws.operators.s3.";
    static final String SENSOR = "airflow.providers.amazon.aws.sensors.s3.S3KeySensor";
    static RunHarness h;

    @BeforeAll
    static void start() {
        h = RunHarness.embedded();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void operatorsCreateListCopyAndDeleteObjectsAndBuckets() {
        String arn = h.workflow("s3_flow", """
                s3_flow:
                  params:
                    bucket: mwaa-s3-flow
                  tasks:
                    make_bucket:
                      operator: %1$sS3CreateBucketOperator
                      bucket_name: "{{ params.bucket }}"
                    write_a:
                      operator: %1$sS3CreateObjectOperator
                      s3_bucket: "{{ params.bucket }}"
                      s3_key: "in/{{ ds_nodash }}/a.csv"
                      data: "id,name\\n1,{{ params.bucket }}\\n"
                      dependencies: [make_bucket]
                    write_b:
                      operator: %1$sS3CreateObjectOperator
                      s3_key: "s3://{{ params.bucket }}/in/b.json"
                      data: "{}"
                      dependencies: [make_bucket]
                    write_nested:
                      operator: %1$sS3CreateObjectOperator
                      s3_bucket: "{{ params.bucket }}"
                      s3_key: "in/deep/c.txt"
                      data: "c"
                      dependencies: [make_bucket]
                    wait_for_a:
                      operator: %2$s
                      bucket_name: "{{ params.bucket }}"
                      bucket_key: "in/*/a.csv"
                      wildcard_match: true
                      poke_interval: 5
                      dependencies: [write_a]
                    list_in:
                      operator: %1$sS3ListOperator
                      bucket: "{{ params.bucket }}"
                      prefix: "in/"
                      delimiter: "/"
                      dependencies: [write_b, write_nested, wait_for_a]
                    list_all:
                      operator: %1$sS3ListOperator
                      bucket: "{{ params.bucket }}"
                      dependencies: [write_b, write_nested, wait_for_a]
                    folders:
                      operator: %1$sS3ListPrefixesOperator
                      bucket: "{{ params.bucket }}"
                      prefix: "in/"
                      delimiter: "/"
                      dependencies: [write_b, write_nested, wait_for_a]
                    copy_a:
                      operator: %1$sS3CopyObjectOperator
                      source_bucket_name: "{{ params.bucket }}"
                      source_bucket_key: "in/{{ ds_nodash }}/a.csv"
                      dest_bucket_key: "s3://{{ params.bucket }}/out/a.csv"
                      dependencies: [list_in, list_all, folders]
                    drop_inputs:
                      operator: %1$sS3DeleteObjectsOperator
                      bucket: "{{ params.bucket }}"
                      prefix: "in/"
                      dependencies: [copy_a]
                    show:
                      operator: %3$s
                      bash_command: "echo {{ ti.xcom_pull(task_ids='list_in') | length }} {{ ti.xcom_pull(task_ids='list_all')[0] }}"
                      dependencies: [drop_inputs]
                """.formatted(S3, SENSOR, BASH));
        String runId = h.start(arn);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(run.runDetail().runState()).as(a.toString()).isEqualTo(WorkflowRunStatus.SUCCESS);
        assertThat(a.get("list_in#1").xcom()).containsEntry("return_value", "[\"in/b.json\"]");
        String ds = run.runDetail().createdAt().toString().substring(0, 10).replace("-", "");
        assertThat(a.get("list_all#1").xcom()).containsEntry("return_value",
                "[\"in/" + ds + "/a.csv\",\"in/b.json\",\"in/deep/c.txt\"]");
        assertThat(a.get("folders#1").xcom()).containsEntry("return_value", "[\"in/" + ds + "/\",\"in/deep/\"]");
        assertThat(a.get("write_a#1").xcom()).isEmpty();
        assertThat(a.get("show#1").xcom()).containsEntry("return_value", "\"1 in/" + ds + "/a.csv\"");
        assertThat(a.get("make_bucket#1").operatorName()).isEqualTo("S3CreateBucketOperator");
        assertThat(a.get("wait_for_a#1").operatorName()).isEqualTo("S3KeySensor");

        assertThat(h.server.s3().listObjectsV2(b -> b.bucket("mwaa-s3-flow")).contents()).extracting(S3Object::key)
                .containsExactly("out/a.csv");
        assertThat(h.server.s3().getObjectAsBytes(b -> b.bucket("mwaa-s3-flow").key("out/a.csv")).asUtf8String())
                .isEqualTo("id,name\n1,mwaa-s3-flow"); // Jinja drops one trailing newline (keep_trailing_newline=False)
    }

    @Test
    void missingBucketsAndKeysFailTheAttemptWithBotocoreText() {
        h.server.s3().createBucket(b -> b.bucket("mwaa-s3-errors"));
        h.server.s3().putObject(b -> b.bucket("mwaa-s3-errors").key("there.txt"), RequestBody.fromString("x"));
        String arn = h.workflow("s3_errors", """
                s3_errors:
                  default_args:
                    retries: 0
                  tasks:
                    list_missing:
                      operator: %1$sS3ListOperator
                      bucket: mwaa-no-such-bucket
                    copy_missing:
                      operator: %1$sS3CopyObjectOperator
                      source_bucket_key: s3://mwaa-s3-errors/not-there.txt
                      dest_bucket_key: s3://mwaa-s3-errors/copy.txt
                    write_existing:
                      operator: %1$sS3CreateObjectOperator
                      s3_bucket: mwaa-s3-errors
                      s3_key: there.txt
                      data: y
                    replace_existing:
                      operator: %1$sS3CreateObjectOperator
                      s3_bucket: mwaa-s3-errors
                      s3_key: there.txt
                      data: replaced
                      replace: true
                    delete_full_bucket:
                      operator: %1$sS3DeleteBucketOperator
                      bucket_name: mwaa-s3-errors
                      dependencies: [replace_existing, write_existing, copy_missing]
                    delete_missing_bucket:
                      operator: %1$sS3DeleteBucketOperator
                      bucket_name: mwaa-no-such-bucket
                    bad_url:
                      operator: %1$sS3CreateObjectOperator
                      s3_key: not-a-url
                      data: x
                """.formatted(S3));
        String runId = h.start(arn);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.FAILED);
        Map<String, GetTaskInstanceResponse> a = h.attempts(arn, runId);
        assertThat(a.get("list_missing#1").status()).isEqualTo(TaskInstanceStatus.FAILED);
        assertThat(a.get("list_missing#1").errorMessage()).isEqualTo(
                "An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist");
        assertThat(a.get("copy_missing#1").errorMessage()).isEqualTo(
                "An error occurred (NoSuchKey) when calling the CopyObject operation: The specified key does not exist.");
        assertThat(a.get("write_existing#1").errorMessage()).isEqualTo("ValueError: The key there.txt already exists.");
        assertThat(a.get("replace_existing#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(a.get("delete_full_bucket#1").status()).isEqualTo(TaskInstanceStatus.UPSTREAM_FAILED);
        assertThat(a.get("delete_missing_bucket#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(a.get("bad_url#1").errorMessage()).startsWith("S3HookUriParseFailure: Please provide a bucket name");
        assertThat(h.server.s3().getObjectAsBytes(b -> b.bucket("mwaa-s3-errors").key("there.txt")).asUtf8String())
                .isEqualTo("replaced");
    }

    @Test
    void aRescheduleSensorWaitsOnTheEngineClockUntilTheKeyAppears() {
        h.server.s3().createBucket(b -> b.bucket("mwaa-s3-landing"));
        String arn = h.workflow("s3_wait", """
                s3_wait:
                  tasks:
                    wait:
                      operator: %1$s
                      bucket_key: s3://mwaa-s3-landing/ready.flag
                      mode: reschedule
                      poke_interval: 60
                      timeout: 600
                    force_cleanup:
                      operator: %2$sS3DeleteBucketOperator
                      bucket_name: mwaa-s3-landing
                      force_delete: true
                      dependencies: [wait]
                """.formatted(SENSOR, S3));
        String runId = h.start(arn);
        h.awaitTask(arn, runId, "wait", TaskInstanceStatus.UP_FOR_RESCHEDULE);
        h.advance(61);
        h.awaitTask(arn, runId, "wait", TaskInstanceStatus.UP_FOR_RESCHEDULE);
        h.server.s3().putObject(b -> b.bucket("mwaa-s3-landing").key("ready.flag"), RequestBody.fromString(""));
        h.advance(61);
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.SUCCESS);
        assertThat(run.runDetail().taskInstances()).hasSize(2);
        assertThat(h.attempts(arn, runId).get("wait#1").status()).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(h.server.s3().listBuckets().buckets()).noneMatch(b -> b.name().equals("mwaa-s3-landing"));
    }

    @Test
    void aSensorThatNeverFindsItsKeyTimesOutWithoutRetry() {
        h.server.s3().createBucket(b -> b.bucket("mwaa-s3-never"));
        String arn = h.workflow("s3_never", """
                s3_never:
                  tasks:
                    wait:
                      operator: %s
                      bucket_name: mwaa-s3-never
                      bucket_key: never.flag
                      poke_interval: 30
                      timeout: 60
                      retries: 3
                """.formatted(SENSOR));
        String runId = h.start(arn);
        h.awaitTask(arn, runId, "wait", TaskInstanceStatus.RUNNING);
        for (int i = 0; i < 2; i++) {
            awaitPokes(arn, runId, i + 1);
            h.advance(31);
        }
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.FAILED);
        GetTaskInstanceResponse wait = h.attempts(arn, runId).get("wait#1");
        assertThat(wait.status()).isEqualTo(TaskInstanceStatus.FAILED);
        assertThat(wait.errorMessage()).startsWith("Sensor has timed out");
        assertThat(run.runDetail().taskInstances()).hasSize(1);
    }

    @Test
    void keysUnchangedSensorWaitsForAQuietPeriodRememberingWhatItSawBetweenPokes() throws Exception {
        h.server.s3().createBucket(b -> b.bucket("mwaa-s3-quiet"));
        h.server.s3().putObject(b -> b.bucket("mwaa-s3-quiet").key("batch/1.csv"), RequestBody.fromString("1"));
        h.server.s3().putObject(b -> b.bucket("mwaa-s3-quiet").key("batch/2.csv"), RequestBody.fromString("2"));
        String arn = h.workflow("s3_quiet", """
                s3_quiet:
                  tasks:
                    wait:
                      operator: airflow.providers.amazon.aws.sensors.s3.S3KeysUnchangedSensor
                      bucket_name: mwaa-s3-quiet
                      prefix: batch/
                      inactivity_period: 120
                      min_objects: 3
                      poke_interval: 60
                """);
        String runId = h.start(arn);
        awaitLog(arn, runId, "S3KeysUnchangedSensor task wait", 1);
        h.advance(61);
        awaitLog(arn, runId, "S3KeysUnchangedSensor task wait", 2);
        h.server.s3().putObject(b -> b.bucket("mwaa-s3-quiet").key("batch/3.csv"), RequestBody.fromString("3"));
        for (int poke = 3; poke <= 5; poke++) {
            h.advance(61);
            awaitLog(arn, runId, "S3KeysUnchangedSensor task wait", poke);
        }
        GetWorkflowRunResponse run = h.awaitEnd(arn, runId);
        assertThat(run.runDetail().runState()).isEqualTo(WorkflowRunStatus.SUCCESS);
        String log = log(arn, runId);
        assertThat(log.split("New objects found at mwaa-s3-quiet/batch/", -1)).hasSize(3);
        assertThat(log).contains("SUCCESS: Sensor found 3 objects at mwaa-s3-quiet/batch/. Waited at least 120.0 seconds");
        assertThat(log.split("S3KeysUnchangedSensor task wait", -1)).hasSize(6);
    }

    @Test
    void bucketsOfAnotherAccountAreNotTheWorkflowsToUse() {
        h.server.s3().createBucket(b -> b.bucket("mwaa-s3-theirs"));
        software.amazon.awssdk.services.mwaaserverless.MwaaServerlessClient other = h.server.mwaa("300000000009", "us-east-1");
        h.server.s3().putObject(b -> b.bucket(RunHarness.BUCKET).key("other.yaml"), RequestBody.fromString("""
                other_account:
                  default_args:
                    retries: 0
                  tasks:
                    write:
                      operator: %1$sS3CreateObjectOperator
                      s3_bucket: mwaa-s3-theirs
                      s3_key: k.txt
                      data: x
                    make:
                      operator: %1$sS3CreateBucketOperator
                      bucket_name: mwaa-s3-theirs
                    drop:
                      operator: %1$sS3DeleteBucketOperator
                      bucket_name: mwaa-s3-theirs
                """.formatted(S3)));
        String arn = other.createWorkflow(b -> b.name("other_account").roleArn("arn:aws:iam::300000000009:role/r")
                .definitionS3Location(l -> l.bucket(RunHarness.BUCKET).objectKey("other.yaml"))).workflowArn();
        String runId = other.startWorkflowRun(b -> b.workflowArn(arn)).runId();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> other.getWorkflowRun(
                b -> b.workflowArn(arn).runId(runId)).runDetail().runState() == WorkflowRunStatus.FAILED);
        Map<String, String> errors = new java.util.HashMap<>();
        Map<String, TaskInstanceStatus> states = new java.util.HashMap<>();
        other.listTaskInstances(b -> b.workflowArn(arn).runId(runId)).taskInstances().forEach(t -> {
            var ti = other.getTaskInstance(b -> b.workflowArn(arn).runId(runId).taskInstanceId(t.taskInstanceId()));
            states.put(ti.taskId(), ti.status());
            errors.put(ti.taskId(), String.valueOf(ti.errorMessage()));
        });
        assertThat(errors.get("write"))
                .isEqualTo("An error occurred (AccessDenied) when calling the PutObject operation: Access Denied");
        assertThat(errors.get("make")).startsWith("An error occurred (BucketAlreadyExists) when calling the CreateBucket");
        assertThat(states.get("drop")).isEqualTo(TaskInstanceStatus.SUCCESS);
        assertThat(h.server.s3().listBuckets().buckets()).anyMatch(b -> b.name().equals("mwaa-s3-theirs"));
    }

    private static String log(String arn, String runId) throws Exception {
        return h.log(arn, h.attempts(arn, runId).get("wait#1").logStream());
    }

    private static void awaitLog(String arn, String runId, String text, int n) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> log(arn, runId).split(text, -1).length - 1 >= n);
    }

    /** Waits until the sensor's log shows n pokes (a poke-mode sensor stays RUNNING between pokes). */
    private static void awaitPokes(String arn, String runId, int n) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            String stream = h.attempts(arn, runId).get("wait#1").logStream();
            return h.log(arn, stream).split("Poking for key", -1).length - 1 >= n;
        });
    }
}
