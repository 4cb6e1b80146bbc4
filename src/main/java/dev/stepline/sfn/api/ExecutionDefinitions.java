package dev.stepline.sfn.api;

import dev.stepline.sfn.api.ActivityShapes.EncryptionConfiguration;
import dev.stepline.sfn.api.StateMachineShapes.LoggingConfiguration;
import dev.stepline.sfn.api.StateMachineShapes.TracingConfiguration;
import dev.stepline.sfn.asl.AslParser;
import dev.stepline.sfn.asl.StateMachineDefinition;
import dev.stepline.sfn.asl.StateMachineType;
import dev.stepline.sfn.runtime.DefinitionSource;
import dev.stepline.store.Database;
import dev.stepline.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The definitions executions run, content-addressed in {@code sfn_definition}: an execution keeps
 * the revision it started with even after UpdateStateMachine (DescribeStateMachineForExecution
 * returns it). Compiled once per process and shared by every execution of the same revision.
 */
final class ExecutionDefinitions implements DefinitionSource {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What an execution ran: the revision, as DescribeStateMachineForExecution reports it. */
    record Doc(String stateMachineArn, String name, String type, String definition, String roleArn,
               LoggingConfiguration loggingConfiguration, TracingConfiguration tracingConfiguration,
               EncryptionConfiguration encryptionConfiguration, String revisionId, long updateDate) {}

    private final Database database;
    private final Map<String, StateMachineDefinition> compiled = new ConcurrentHashMap<>();
    private final Set<String> stored = ConcurrentHashMap.newKeySet();

    ExecutionDefinitions(Database database) {
        this.database = database;
    }

    /**
     * Stores {@code doc} unless this process already knows it is stored, and returns its key. Every
     * execution of an unchanged revision shares one row, so after the first start this costs no write.
     */
    String register(Doc doc) {
        String json = JSON.writeValueAsString(doc);
        String key = sha256(json);
        if (!stored.contains(key)) {
            database.write(tx -> tx.update("INSERT INTO sfn_definition (definition_key, doc) VALUES (?, ?)"
                    + " ON CONFLICT (definition_key) DO NOTHING", key, json));
            stored.add(key);
        }
        return key;
    }

    Optional<Doc> doc(Tx tx, String key) {
        return tx.queryOne("SELECT doc FROM sfn_definition WHERE definition_key = ?",
                rs -> JSON.readValue(rs.getString(1), Doc.class), key);
    }

    @Override
    public StateMachineDefinition definition(String key) {
        return compiled.computeIfAbsent(key, k -> {
            Doc doc = database.read(tx -> doc(tx, k)).orElseThrow(() -> new IllegalStateException("no definition " + k));
            return AslParser.parse(doc.definition(), StateMachineType.valueOf(doc.type()));
        });
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
