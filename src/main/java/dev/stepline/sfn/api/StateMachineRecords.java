package dev.stepline.sfn.api;

import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.server.Platform;
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
