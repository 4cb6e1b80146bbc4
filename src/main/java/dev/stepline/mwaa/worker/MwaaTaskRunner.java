package dev.stepline.mwaa.worker;

import static java.util.Objects.requireNonNull;

import dev.stepline.engine.Signal;
import dev.stepline.engine.TaskRunner;
import dev.stepline.engine.WorkItem;
import dev.stepline.mwaa.ids.WorkflowArn;
import dev.stepline.objects.ObjectStore;
import dev.stepline.ports.StepFunctionsPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worker of the {@code mwaa} dialect: runs TASK items {@code ti:<id>} (one attempt or sensor
 * poke: render the template fields, run the operator, log, report {@code taskDone}) and
 * {@code kill:<id>} (kill that attempt's process, report {@code killed}).
 *
 * <p><b>After a crash</b> (decided per Airflow's rules for a task whose worker died): a
 * {@code .running} marker in the attempt's working directory outlives the process; when the item
 * is run again and finds the marker, the attempt is reported failed ("worker died") instead of
 * being run a second time, so it is retried if it has retries left and fails otherwise.
 */
public final class MwaaTaskRunner implements TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MwaaTaskRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String WORKER_DIED = "The task's worker died while the attempt was running (Stepline stopped);"
            + " the attempt counts as failed";

    private final Path workRoot;
    private final Path logRoot;
    private final Clock clock;
    private final Templates templates;
    private final ProcessRegistry registry = new ProcessRegistry();
    private final MockConfig mocks;
    private final Map<String, OperatorRunner> runners = new HashMap<>();
    private final AttemptLogStore logs;
    /** The logs of attempts running on this node, by {@link LogStreamName#key()}. */
    private final Map<String, AttemptLog> running = new ConcurrentHashMap<>();

    /**
     * @param mwaaDir  where working directories ({@code work/}) and logs ({@code logs/}) go
     * @param codeDir  PythonOperator's code directory, or null
     * @param logs     where finished attempts' logs go (every node reads them there)
     */
    public MwaaTaskRunner(Path mwaaDir, Clock clock, PythonHelper python, Path codeDir, MockConfig mocks,
                          Supplier<StepFunctionsPort> stepFunctions, Supplier<ObjectStore> objects,
                          AttemptLogStore logs) {
        this.logs = requireNonNull(logs, "logs is null");
        this.workRoot = mwaaDir.resolve("work");
        this.logRoot = mwaaDir.resolve("logs");
        this.clock = requireNonNull(clock, "clock is null");
        this.templates = new Templates(clock);
        this.mocks = requireNonNull(mocks, "mocks is null");
        BashRunner bash = new BashRunner(registry);
        PythonRunner py = new PythonRunner(python, registry, codeDir);
        StepFunctionsRunners sfn = new StepFunctionsRunners(stepFunctions);
        runners.put("BashOperator", bash);
        runners.put("PythonOperator", py);
        S3Runners s3 = new S3Runners(objects, clock);
        runners.put("S3CreateObjectOperator", S3Runners.guarded(s3::createObject));
        runners.put("S3ListOperator", S3Runners.guarded(s3::list));
        runners.put("S3ListPrefixesOperator", S3Runners.guarded(s3::listPrefixes));
        runners.put("S3KeySensor", S3Runners.guarded(s3::keySensor));
        runners.put("S3KeysUnchangedSensor", S3Runners.guarded(s3::keysUnchanged));
        runners.put("S3DeleteObjectsOperator", S3Runners.guarded(s3::deleteObjects));
        runners.put("S3CopyObjectOperator", S3Runners.guarded(s3::copyObject));
        runners.put("S3CreateBucketOperator", S3Runners.guarded(s3::createBucket));
        runners.put("S3DeleteBucketOperator", S3Runners.guarded(s3::deleteBucket));
        runners.put("StepFunctionStartExecutionOperator", sfn::start);
        runners.put("StepFunctionGetExecutionOutputOperator", sfn::output);
        runners.put("StepFunctionExecutionSensor", sfn::sensor);
    }

    /**
     * An attempt's log as every node sees it: what its finished runs stored, plus the lines so far
     * of a run going on on this node (a run going on on another node shows once it ends). Logs
     * written before they were stored in the database are read from this node's file.
     *
     * @return empty when there is no such log stream
     * @throws IllegalArgumentException when the name is not a valid log stream
     */
    public Optional<String> log(String logGroup, String logStream) throws IOException {
        LogStreamName name = LogStreamName.of(logGroup, logStream);
        Path file = name.file(logRoot);
        AttemptLog live = running.get(name.key());
        Optional<String> text = live == null ? Optional.empty() : live.readWhileOpen();
        if (text.isEmpty()) {
            text = logs.read(name);
        }
        if (text.isEmpty() && Files.isRegularFile(file)) {
            text = Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        }
        return text;
    }

    @Override
    public Signal run(String executionId, WorkItem task) {
        ObjectNode payload = task.payload();
        String id = payload.get("ti").asString();
        if ("kill".equals(payload.path("op").asString())) {
            registry.kill(id);
            return new Signal("killed", JsonNodeFactory.instance.objectNode().put("ti", id));
        }
        return attempt(executionId, payload).signal(id);
    }

    private Outcome attempt(String executionId, ObjectNode payload) {
        String id = payload.get("ti").asString();
        Path workDir = workRoot.resolve(payload.get("workflowId").asString()).resolve(payload.get("runId").asString())
                .resolve(id);
        Path marker = workDir.resolve(".running");
        String operator = payload.get("operator").asString();
        LogStreamName name = LogStreamName.of(payload.get("logGroup").asString(), payload.get("logStream").asString());
        // readable from here through log() until it is closed, which stores it
        AttemptLog log = new AttemptLog(logRoot, name, logs, clock, "airflow.task");
        running.put(name.key(), log);
        try (log) {
            Files.createDirectories(workDir);
            if (Files.exists(marker)) {
                log.error(WORKER_DIED);
                log.finished("failed", null);
                Files.deleteIfExists(marker);
                return Outcome.failed(WORKER_DIED);
            }
            Files.writeString(marker, clock.instant().toString(), StandardCharsets.UTF_8);
            log.info("Executing " + operator + " task " + payload.get("taskId").asString() + ", attempt "
                    + payload.get("attempt").asInt());
            Outcome outcome = run(executionId, payload, workDir, log);
            outcome = limitXcom(outcome);
            if (outcome.error() != null) {
                log.error(outcome.error());
            }
            log.finished(finalState(outcome), null);
            Files.deleteIfExists(marker);
            return outcome;
        } catch (IOException e) {
            LOG.warn("attempt {} could not run: {}", id, e.toString());
            return Outcome.failed("Stepline could not run the attempt: " + e.getMessage());
        } finally {
            running.remove(name.key(), log);
        }
    }

    private Outcome run(String executionId, ObjectNode payload, Path workDir, AttemptLog log) {
        String operator = payload.get("operator").asString();
        String name = operator.substring(operator.lastIndexOf('.') + 1);
        String id = payload.get("ti").asString();
        try {
            Templates.Rendered rendered = templates.render(payload);
            if (rendered.error() != null) {
                return Outcome.failed(rendered.error());
            }
            Attempt attempt = new Attempt(executionId, payload, rendered.args(), workDir, log);
            OperatorRunner runner = runners.get(name);
            if (runner != null && !mocks.find(workflowName(payload), attempt.taskId()).isPresent()) {
                return runner.run(attempt);
            }
            return mocked(attempt, name);
        } catch (InterruptedException e) {
            return Outcome.failed(registry.wasKilled(id) ? "Task was killed" : "Task was interrupted");
        } catch (dev.stepline.protocol.AwsException e) {
            return Outcome.failed(e.code() + ": " + e.getMessage());
        } catch (Exception e) {
            if (registry.wasKilled(id)) {
                return Outcome.failed("Task was killed");
            }
            LOG.debug("attempt {} failed", id, e);
            return Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** An operator answered by the mock configuration, or one that cannot run here: never a silent success. */
    private Outcome mocked(Attempt attempt, String name) {
        String workflow = workflowName(attempt.payload());
        JsonNode entry = mocks.find(workflow, attempt.taskId()).orElse(null);
        if (entry == null) {
            return Outcome.failed(name + " has no local implementation in Stepline; give task " + attempt.taskId()
                    + " of workflow " + workflow + " a result or an error in the MWAA mock configuration");
        }
        attempt.log().info("Mocked " + name + " (MWAA mock configuration)");
        if (entry.has("error")) {
            return Outcome.failed(entry.get("error").asString());
        }
        JsonNode result = entry.get("result");
        return Outcome.returned(result == null || result.isNull() ? null : JSON.writeValueAsString(result));
    }

    private static Outcome limitXcom(Outcome outcome) {
        int bytes = outcome.xcom().entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
        if (bytes > Outcome.MAX_XCOM_BYTES) {
            return Outcome.failed("XCom data of " + bytes + " bytes exceeds the limit of " + Outcome.MAX_XCOM_BYTES
                    + " bytes");
        }
        return outcome;
    }

    private static String finalState(Outcome outcome) {
        return switch (outcome.state()) {
            case "success" -> "success";
            case "skipped" -> "skipped";
            case "reschedule" -> "up_for_reschedule";
            case "deferred" -> "deferred";
            default -> "failed";
        };
    }

    private static String workflowName(ObjectNode payload) {
        return WorkflowArn.parse(payload.get("workflowArn").asString()).map(WorkflowArn::name)
                .orElse(payload.get("workflowId").asString());
    }
}
