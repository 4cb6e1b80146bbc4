package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.mwaa.dag.DagDefinition;
import dev.stepline.mwaa.dag.OperatorAllowlist;
import dev.stepline.mwaa.run.DagSource;
import dev.stepline.mwaa.worker.Templates;
import dev.stepline.store.Database;
import dev.stepline.store.Tx;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The definitions runs execute, by SHA-256 of their text: kept in {@code mwaa_definition} when a
 * run starts (so deleting a version never breaks a run of it) and parsed once per process. Also
 * remembers each definition's template syntax check (spec §2.4: a run with a Jinja syntax error
 * fails before any task runs).
 */
final class RunDefinitions implements DagSource {
    private final Database database;
    private final OperatorAllowlist allowlist;
    private final Templates templates;
    private final Map<String, DagDefinition> parsed = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> templateErrors = new ConcurrentHashMap<>();

    RunDefinitions(Database database, OperatorAllowlist allowlist, Templates templates) {
        this.database = requireNonNull(database, "database is null");
        this.allowlist = requireNonNull(allowlist, "allowlist is null");
        this.templates = requireNonNull(templates, "templates is null");
    }

    /** Keeps {@code text} (inside the caller's transaction) and returns its parsed form. */
    DagDefinition register(Tx tx, String sha256, String text) {
        tx.update("INSERT INTO mwaa_definition (sha256, text) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING", sha256, text);
        return parsed.computeIfAbsent(sha256, k -> parse(text));
    }

    @Override
    public DagDefinition dag(String sha256) {
        return parsed.computeIfAbsent(sha256, k -> parse(database.read(tx -> tx.queryOne(
                "SELECT text FROM mwaa_definition WHERE sha256 = ?", rs -> rs.getString(1), sha256))
                .orElseThrow(() -> new IllegalStateException("no MWAA definition " + sha256))));
    }

    /** The Jinja syntax error of the definition's template fields, if any. */
    Optional<String> templateError(String sha256) {
        return templateErrors.computeIfAbsent(sha256, k -> Optional.ofNullable(templates.compileError(dag(sha256))));
    }

    private DagDefinition parse(String text) {
        return DagDefinition.parse(text.getBytes(StandardCharsets.UTF_8), allowlist);
    }
}
