package dev.stepline.sfn.api;

import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.server.Platform;
import dev.stepline.sfn.api.AliasShapes.AliasDoc;
import dev.stepline.sfn.api.StateMachineShapes.StateMachineDoc;
import dev.stepline.sfn.api.StateMachineShapes.VersionDoc;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.Optional;

/**
 * State machines and their versions in the generic resource table. A state machine is kind
 * {@value #KIND} keyed by its unqualified ARN with its name as sort key; a version is kind
 * {@value #VERSION_KIND} keyed by its version ARN, sorted by {@code <name>:<zero-padded number>}
 * so that one machine's versions are one key range. Every lookup is scoped to the caller's
 * account and region.
 */
final class StateMachineRecords {
    static final String KIND = "sfn:stateMachine";
    static final String VERSION_KIND = "sfn:stateMachineVersion";
    static final String ALIAS_KIND = "sfn:stateMachineAlias";

    private final Platform platform;
    private final JsonCodec store;

    StateMachineRecords(Platform platform, JsonCodec store) {
        this.platform = platform;
        this.store = store;
    }

    /** A state machine as read, with the row version its update must match. */
    record Machine(String arn, long rowVersion, StateMachineDoc doc) {}

    Optional<Machine> machine(Tx tx, RequestContext context, String arn) {
        return row(tx, context, arn, KIND)
                .map(r -> new Machine(r.arn(), r.version(), store.mapper().readValue(r.doc(), StateMachineDoc.class)));
    }

    Optional<VersionDoc> version(Tx tx, RequestContext context, String arn) {
        return row(tx, context, arn, VERSION_KIND).map(this::version);
    }

    VersionDoc version(StoredResource row) {
        return store.mapper().readValue(row.doc(), VersionDoc.class);
    }

    StateMachineDoc machine(StoredResource row) {
        return store.mapper().readValue(row.doc(), StateMachineDoc.class);
    }

    /** Inserts a new state machine; false when one with that ARN (or name) exists. */
    boolean insert(Tx tx, RequestContext context, String arn, StateMachineDoc doc) {
        return platform.resources().insert(tx, new StoredResource(arn, context.account(), context.region(), KIND,
                doc.name(), doc.creationDate(), 1, store.writeString(doc)));
    }

    /** Replaces a state machine's document; a concurrent change in between is a {@code ConflictException}. */
    void update(Tx tx, Machine machine, StateMachineDoc doc) {
        if (!platform.resources().update(tx, machine.arn(), machine.rowVersion(), store.writeString(doc))) {
            // [unverified] wording: AWS documents ConflictException for concurrent updates, not its text.
            throw SfnErrors.conflict("The state machine '" + machine.arn() + "' was changed by a concurrent request.");
        }
    }

    void insertVersion(Tx tx, RequestContext context, String arn, VersionDoc doc) {
        platform.resources().insert(tx, new StoredResource(arn, context.account(), context.region(), VERSION_KIND,
                versionSortKey(doc.name(), doc.number()), doc.creationDate(), 1, store.writeString(doc)));
    }

    /** An alias as read, with the row version its update must match. */
    record Alias(String arn, long rowVersion, AliasDoc doc) {}

    Optional<Alias> alias(Tx tx, RequestContext context, String arn) {
        return row(tx, context, arn, ALIAS_KIND).map(this::alias);
    }

    Alias alias(StoredResource row) {
        return new Alias(row.arn(), row.version(), store.mapper().readValue(row.doc(), AliasDoc.class));
    }

    /**
     * Aliases sort by {@code <machine>:<creation millis>:<name>}: one machine's aliases are one key range,
     * listed oldest first as AWS was observed to list them (spec §4.11).
     */
    void insertAlias(Tx tx, RequestContext context, String arn, AliasDoc doc) {
        platform.resources().insert(tx, new StoredResource(arn, context.account(), context.region(), ALIAS_KIND,
                versionPrefix(machineName(doc.stateMachineArn())) + String.format("%015d", doc.creationDate()) + ":"
                        + doc.name(), doc.creationDate(), 1, store.writeString(doc)));
    }

    void updateAlias(Tx tx, Alias alias, AliasDoc doc) {
        if (!platform.resources().update(tx, alias.arn(), alias.rowVersion(), store.writeString(doc))) {
            throw SfnErrors.conflict("The alias '" + alias.arn() + "' was changed by a concurrent request.");
        }
    }

    /** The name part of an unqualified state machine ARN. */
    static String machineName(String machineArn) {
        return machineArn.substring(machineArn.lastIndexOf(':') + 1);
    }

    /** The sort-key prefix shared by every version of the machine called {@code name} (names cannot hold ':'). */
    static String versionPrefix(String name) {
        return name + ":";
    }

    static String versionSortKey(String name, long number) {
        return versionPrefix(name) + String.format("%010d", number);
    }

    private Optional<StoredResource> row(Tx tx, RequestContext context, String arn, String kind) {
        return platform.resources().get(tx, arn)
                .filter(r -> r.kind().equals(kind) && r.account().equals(context.account())
                        && r.region().equals(context.region()));
    }
}
