package dev.stepline.mwaa.worker;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code BashOperator} as Airflow runs it: {@code bash -c <bash_command>} in the attempt's working
 * directory (or {@code cwd}), stderr merged into stdout, every line to the log and the last one to
 * XCom {@code return_value}; exit 0 succeeds, an exit code in {@code skip_on_exit_code} (default 99)
 * skips, anything else fails with Airflow's message. The environment is the server's, or {@code env}
 * alone ({@code append_env: true} adds it to the server's), plus Airflow's {@code AIRFLOW_CTX_*}
 * variables and the run's {@code OverrideParameters} whose keys are valid variable names (spec §8 item 22).
 */
final class BashRunner implements OperatorRunner {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int DEFAULT_SKIP_CODE = 99;

    private final ProcessRegistry registry;

    BashRunner(ProcessRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public Outcome run(Attempt attempt) throws Exception {
        String command = attempt.text("bash_command", null);
        if (command == null || command.isBlank()) {
            return Outcome.failed("bash_command must be a non-empty string");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", command)).redirectErrorStream(true);
        String cwd = attempt.text("cwd", null);
        builder.directory(cwd == null ? attempt.workDir().toFile() : Path.of(cwd).toFile());
        environment(attempt, builder.environment());
        Charset charset = Charset.forName(attempt.text("output_encoding", "utf-8"), StandardCharsets.UTF_8);
        attempt.log().info("Running command: ['bash', '-c', " + quote(command) + "]");
        Process process = builder.start();
        registry.started(attempt.id(), process);
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), charset))) {
            for (String line; (line = out.readLine()) != null; ) {
                last = line.stripTrailing();
                attempt.log().output(last);
            }
            int exit = process.waitFor();
            attempt.log().info("Command exited with return code " + exit);
            if (exit == 0) {
                return Outcome.returned(JSON.writeValueAsString(last));
            }
            if (skipCodes(attempt).contains(exit)) {
                return Outcome.skipped("Bash command returned exit code " + exit + ". Skipping.");
            }
            return Outcome.failed("Bash command failed. The command returned a non-zero exit code " + exit + ".");
        } finally {
            registry.ended(attempt.id(), process);
        }
    }

    private static void environment(Attempt attempt, Map<String, String> env) {
        JsonNode given = attempt.arg("env");
        if (given != null && given.isObject()) {
            if (!attempt.flag("append_env", false)) {
                env.clear();
            }
            given.properties().forEach(e -> env.put(e.getKey(), e.getValue().isString() ? e.getValue().asString()
                    : e.getValue().toString()));
        }
        env.put("AIRFLOW_CTX_DAG_ID", attempt.payload().path("workflowId").asString());
        env.put("AIRFLOW_CTX_TASK_ID", attempt.taskId());
        env.put("AIRFLOW_CTX_DAG_RUN_ID", attempt.payload().path("runId").asString());
        env.put("AIRFLOW_CTX_TRY_NUMBER", Integer.toString(attempt.payload().path("attempt").asInt()));
        JsonNode overrides = attempt.payload().get("overrides");
        if (overrides != null && overrides.isObject()) {
            overrides.properties().forEach(e -> {
                if (ENV_NAME.matcher(e.getKey()).matches()) {
                    env.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
                }
            });
        }
    }

    /** {@code skip_on_exit_code}: an int, a list of ints, or null (never skip); default 99. */
    private static Set<Integer> skipCodes(Attempt attempt) {
        if (!attempt.rendered().has("skip_on_exit_code")) {
            return Set.of(DEFAULT_SKIP_CODE);
        }
        JsonNode value = attempt.rendered().get("skip_on_exit_code");
        Set<Integer> codes = new HashSet<>();
        if (value != null && value.isNumber()) {
            codes.add(value.asInt());
        } else if (value != null && value.isArray()) {
            value.forEach(v -> codes.add(v.asInt()));
        }
        return codes;
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
