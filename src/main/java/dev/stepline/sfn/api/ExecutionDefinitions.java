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
    /** The key of each revision started lately (records compare by value): a start skips serialising and hashing. */
    private final Map<Doc, String> keys = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN_DOCS = 10_000;

    ExecutionDefinitions(Database database) {
        this.database = database;
    }

    /**
     * Stores {@code doc} unless this process already knows it is stored, and returns its key. Every
     * execution of an unchanged revision shares one row, so after the first start this costs no write.
     */
    String register(Doc doc) {
        String known = keys.get(doc);
        if (known != null) {
            return known;
        }
        String json = JSON.writeValueAsString(doc);
        String key = sha256(json);
        if (!stored.contains(key)) {
            database.write(tx -> tx.update("INSERT INTO sfn_definition (definition_key, doc) VALUES (?, ?)"
                    + " ON CONFLICT (definition_key) DO NOTHING", key, json));
            stored.add(key);
        }
        if (keys.size() >= MAX_KNOWN_DOCS) {
            keys.clear();
        }
        keys.put(doc, key);
        return key;
    }

    Optional<Doc> doc(Tx tx, String key) {
        int hash = key.lastIndexOf('#');
        if (hash >= 0) {
            String stateName = java.net.URLDecoder.decode(key.substring(hash + 1), StandardCharsets.UTF_8);
            return doc(tx, key.substring(0, hash)).map(parent -> new Doc(parent.stateMachineArn(), parent.name(),
                    parent.type(), processorDefinition(parent.definition(), stateName), parent.roleArn(),
                    parent.loggingConfiguration(), parent.tracingConfiguration(), parent.encryptionConfiguration(),
                    parent.revisionId(), parent.updateDate()));
        }
        return tx.queryOne("SELECT doc FROM sfn_definition WHERE definition_key = ?",
                rs -> JSON.readValue(rs.getString(1), Doc.class), key);
    }

    /**
     * {@inheritDoc} A Distributed Map child's key is its parent's key, {@code #} and the Map state's
     * name (URL-encoded): the child runs that state's ItemProcessor as a state machine of its own.
     */
    @Override
    public StateMachineDefinition definition(String key) {
        int hash = key.lastIndexOf('#');
        if (hash >= 0) {
            StateMachineDefinition cached = compiled.get(key);
            if (cached != null) {
                return cached;
            }
            // Not inside computeIfAbsent: resolving the parent may compile it (a recursive update).
            String stateName = java.net.URLDecoder.decode(key.substring(hash + 1), StandardCharsets.UTF_8);
            StateMachineDefinition parent = definition(key.substring(0, hash));
            if (!(parent.allStates().get(stateName) instanceof dev.stepline.sfn.asl.MapState map)) {
                throw new IllegalStateException("no Map state " + stateName + " in " + key);
            }
            dev.stepline.sfn.asl.Workflow processor = map.processor().workflow();
            compiled.putIfAbsent(key, new StateMachineDefinition(processor.comment(), processor.startAt(),
                    processor.states(), null, null, map.queryLanguage(), java.util.List.of()));
            return compiled.get(key);
        }
        return compiled.computeIfAbsent(key, k -> {
            Doc doc = database.read(tx -> doc(tx, k)).orElseThrow(() -> new IllegalStateException("no definition " + k));
            return AslParser.parse(doc.definition(), StateMachineType.valueOf(doc.type()));
        });
    }

    /** The ItemProcessor (or Iterator) of the Map state {@code stateName}, as a definition of its own. */
    static String processorDefinition(String definition, String stateName) {
        tools.jackson.databind.JsonNode map = findState(JSON.readTree(definition), stateName);
        if (map == null) {
            return "{}";
        }
        tools.jackson.databind.JsonNode processor = map.has("ItemProcessor") ? map.get("ItemProcessor") : map.get("Iterator");
        tools.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        processor.properties().forEach(e -> {
            if (!e.getKey().equals("ProcessorConfig")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return JSON.writeValueAsString(out);
    }

    private static tools.jackson.databind.JsonNode findState(tools.jackson.databind.JsonNode node, String name) {
        if (node == null || !(node.isObject() || node.isArray())) {
            return null;
        }
        tools.jackson.databind.JsonNode states = node.get("States");
        if (states != null && states.get(name) != null && states.get(name).isObject()) {
            return states.get(name);
        }
        for (tools.jackson.databind.JsonNode child : node) {
            tools.jackson.databind.JsonNode found = findState(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
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
