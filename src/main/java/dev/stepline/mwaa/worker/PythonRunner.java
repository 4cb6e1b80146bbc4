package dev.stepline.mwaa.worker;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PythonOperator}: {@code python_callable} ({@code module.function}) imported from the
 * configured code directory and called by the machine's Python with the rendered {@code op_args},
 * {@code op_kwargs} and {@code templates_dict} (and the context values its signature asks for); a
 * non-None return value becomes XCom {@code return_value}. Without a code directory the attempt fails
 * with a message saying so (the 2024-07-26 API cannot upload code; spec §2.5).
 */
final class PythonRunner implements OperatorRunner {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PythonHelper python;
    private final ProcessRegistry registry;
    private final Path codeDir;

    PythonRunner(PythonHelper python, ProcessRegistry registry, Path codeDir) {
        this.python = requireNonNull(python, "python is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.codeDir = codeDir;
    }

    @Override
    public Outcome run(Attempt attempt) throws Exception {
        if (codeDir == null) {
            return Outcome.failed("PythonOperator needs a code directory: start Stepline with --mwaa-code-dir");
        }
        ObjectNode request = Templates.request(attempt.payload(), attempt.rendered());
        request.put("callable", attempt.text("python_callable", ""));
        request.put("codeDir", codeDir.toAbsolutePath().toString());
        attempt.log().info("Calling " + attempt.text("python_callable", "") + " from " + codeDir.toAbsolutePath());
        ObjectNode answer = python.call("python", request, attempt.log()::output, registry, attempt.id());
        if (answer.path("error").isString()) {
            return Outcome.failed(answer.get("error").asString());
        }
        JsonNode result = answer.get("result");
        attempt.log().info("Done. Returned value was: " + (result == null ? "None" : result.toString()));
        return Outcome.returned(result == null || result.isNull() ? null : JSON.writeValueAsString(result));
    }
}
