package dev.stepline.sfn.api;

import dev.stepline.protocol.Empty;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.sfn.api.StateMachineRecords.Machine;
import dev.stepline.sfn.api.StateMachineShapes.DeleteStateMachineVersionInput;
import dev.stepline.sfn.api.StateMachineShapes.ListStateMachineVersionsInput;
import dev.stepline.sfn.api.StateMachineShapes.ListStateMachineVersionsOutput;
import dev.stepline.sfn.api.StateMachineShapes.PublishStateMachineVersionInput;
import dev.stepline.sfn.api.StateMachineShapes.PublishStateMachineVersionOutput;
import dev.stepline.sfn.api.StateMachineShapes.StateMachineVersionListItem;
import dev.stepline.sfn.api.StateMachineShapes.VersionDoc;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * State machine versions (spec §4.11): immutable copies of a revision, numbered 1, 2, 3… by a
 * store counter so that a number is never handed out twice, even after its version is deleted.
 * Publishing is idempotent per revision: when the newest version already holds the current
 * revision it is returned instead of a new one.
 */
final class StateMachineVersions {
    /** The literal PublishStateMachineVersion accepts as the revision of a never-updated machine. */
    static final String INITIAL_REVISION = "INITIAL";

    private final Platform platform;
    private final StateMachineRecords records;
    private final StateMachineAliases aliases;

    StateMachineVersions(Platform platform, StateMachineRecords records, StateMachineAliases aliases) {
        this.platform = platform;
        this.records = records;
        this.aliases = aliases;
    }

    /** A published (or found) version: its ARN and creation time. */
    record Published(String arn, long creationDate) {}

    /** Publishes the machine's current revision, or returns the version that already holds it. */
    Published publish(Tx tx, RequestContext context, Machine machine, String description) {
        String prefix = StateMachineRecords.versionPrefix(machine.doc().name());
        List<StoredResource> newest = platform.resources().listDescending(tx, context.account(), context.region(),
                StateMachineRecords.VERSION_KIND, prefix, null, 1);
        if (!newest.isEmpty()) {
            VersionDoc latest = records.version(newest.getFirst());
            if (Objects.equals(latest.revisionId(), machine.doc().revisionId())) {
                return new Published(newest.getFirst().arn(), latest.creationDate());
            }
        }
        long number = platform.counters().next(tx, counter(machine));
        String arn = machine.arn() + ":" + number;
        long now = context.received().toEpochMilli();
        records.insertVersion(tx, context, arn, new VersionDoc(machine.arn(), machine.doc().name(), machine.doc().type(),
                number, machine.doc().revision(), machine.doc().revisionId(), description, now));
        return new Published(arn, now);
    }

    PublishStateMachineVersionOutput publish(RequestContext context, PublishStateMachineVersionInput input) {
        String arn = input.stateMachineArn();
        SfnArn.parse(arn, "stateMachine");
        Published published = platform.database().write(tx -> {
            Machine machine = records.machine(tx, context, arn).orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(arn));
            String current = machine.doc().revisionId() == null ? INITIAL_REVISION : machine.doc().revisionId();
            if (input.revisionId() != null && !input.revisionId().equals(current)) {
                throw SfnErrors.conflict("Failed to publish the State Machine version for revision " + input.revisionId()
                        + ". The current State Machine revision is " + current + ".");
            }
            return publish(tx, context, machine, input.description());
        });
        return new PublishStateMachineVersionOutput(Instant.ofEpochMilli(published.creationDate()), published.arn());
    }

    /** Newest first (the model: descending creation time); an unknown machine has no versions. */
    ListStateMachineVersionsOutput list(RequestContext context, ListStateMachineVersionsInput input) {
        String arn = input.stateMachineArn();
        SfnArn parsed = SfnArn.parse(arn, "stateMachine");
        int size = SfnPaging.size(input.maxResults());
        String before = SfnPaging.after(platform.pageTokens(), input.nextToken(), "ListStateMachineVersions", arn);
        String prefix = StateMachineRecords.versionPrefix(parsed.resource());
        List<StoredResource> rows = platform.database().read(tx -> platform.resources().listDescending(tx,
                context.account(), context.region(), StateMachineRecords.VERSION_KIND, prefix, before, size + 1));
        List<StateMachineVersionListItem> items = rows.stream().limit(size)
                .map(r -> new StateMachineVersionListItem(r.arn(), Instant.ofEpochMilli(r.createdMs())))
                .toList();
        String next = rows.size() > size
                ? platform.pageTokens().issue("ListStateMachineVersions", arn, rows.get(size - 1).sortKey())
                : null;
        return new ListStateMachineVersionsOutput(items, next);
    }

    /** Deleting an unknown version succeeds, as on AWS. */
    Empty delete(RequestContext context, DeleteStateMachineVersionInput input) {
        String arn = input.stateMachineVersionArn();
        SfnArn.parse(arn, "stateMachine");
        platform.database().write(tx -> {
            if (records.version(tx, context, arn).isPresent()) {
                aliases.requireUnreferenced(tx, context, arn);
                platform.resources().delete(tx, arn);
            }
            return null;
        });
        return Empty.INSTANCE;
    }

    /** Removes every version of the machine called {@code name} (DeleteStateMachine). */
    void deleteAll(Tx tx, RequestContext context, String name) {
        String prefix = StateMachineRecords.versionPrefix(name);
        List<StoredResource> rows;
        do {
            rows = platform.resources().list(tx, context.account(), context.region(), StateMachineRecords.VERSION_KIND,
                    prefix, null, 500);
            rows.forEach(r -> platform.resources().delete(tx, r.arn()));
        } while (!rows.isEmpty());
    }

    /**
     * One counter per machine incarnation: numbers are never reused while the machine lives, and a
     * machine deleted and created again under the same name starts at 1 [unverified on AWS].
     */
    private static String counter(Machine machine) {
        return "sfn:version:" + machine.arn() + "@" + machine.doc().creationDate();
    }
}
