package dev.stepline.sfn.api;

import dev.stepline.protocol.Empty;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.sfn.asl.VariableReferences;
import dev.stepline.sfn.api.ActivityShapes.EncryptionConfiguration;
import dev.stepline.sfn.api.StateMachineRecords.Machine;
import dev.stepline.sfn.api.StateMachineShapes.CreateStateMachineInput;
import dev.stepline.sfn.api.StateMachineShapes.CreateStateMachineOutput;
import dev.stepline.sfn.api.StateMachineShapes.Creation;
import dev.stepline.sfn.api.StateMachineShapes.DeleteStateMachineInput;
import dev.stepline.sfn.api.StateMachineShapes.DescribeStateMachineInput;
import dev.stepline.sfn.api.StateMachineShapes.DescribeStateMachineOutput;
import dev.stepline.sfn.api.StateMachineShapes.ListStateMachinesInput;
import dev.stepline.sfn.api.StateMachineShapes.ListStateMachinesOutput;
import dev.stepline.sfn.api.StateMachineShapes.LoggingConfiguration;
import dev.stepline.sfn.api.StateMachineShapes.Revision;
import dev.stepline.sfn.api.StateMachineShapes.StateMachineDoc;
import dev.stepline.sfn.api.StateMachineShapes.StateMachineListItem;
import dev.stepline.sfn.api.StateMachineShapes.TracingConfiguration;
import dev.stepline.sfn.api.StateMachineShapes.UpdateStateMachineInput;
import dev.stepline.sfn.api.StateMachineShapes.UpdateStateMachineOutput;
import dev.stepline.sfn.api.StateMachineShapes.VersionDoc;
import dev.stepline.sfn.asl.AslParser;
import dev.stepline.sfn.asl.StateMachineType;
import dev.stepline.store.StoredResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine and
 * ListStateMachines. The definition is kept exactly as sent; it is parsed (and rejected with
 * AWS's {@code InvalidDefinition} text) on every create and update against the machine's type.
 */
final class StateMachines {
    private static final String DEFAULT_LOG_LEVEL = "OFF";

    private final Platform platform;
    private final StateMachineRecords records;
    private final StateMachineVersions versions;
    private final StateMachineAliases aliases;

    StateMachines(Platform platform, StateMachineRecords records, StateMachineVersions versions,
                  StateMachineAliases aliases) {
        this.platform = platform;
        this.records = records;
        this.versions = versions;
        this.aliases = aliases;
    }

    /**
     * Idempotent on the name (model documentation): a second create with the same definition,
     * type, logging, tracing, encryption, publish and version description returns the first
     * machine; a different roleArn or tags are ignored, as on AWS. Anything else is
     * {@code StateMachineAlreadyExists}.
     */
    CreateStateMachineOutput create(RequestContext context, CreateStateMachineInput input) {
        boolean publish = Boolean.TRUE.equals(input.publish());
        requireDescriptionOnlyWhenPublishing(publish, input.versionDescription());
        String name = Names.require(input.name());
        String type = input.type() == null ? StateMachineType.STANDARD.name() : input.type();
        Revision revision = new Revision(input.definition(), input.roleArn(), logging(input.loggingConfiguration()),
                tracing(input.tracingConfiguration()), encryption(input.encryptionConfiguration()));
        AslParser.parse(input.definition(), StateMachineType.valueOf(type));
        String arn = SfnArn.of(context.region(), context.account(), "stateMachine", name);
        Map<String, String> tags = SfnTags.toMap(input.tags());
        if (tags.size() > SfnTags.MAX_TAGS) {
            throw SfnErrors.tooManyTags(arn);
        }
        return platform.database().write(tx -> {
            Optional<Machine> existing = records.machine(tx, context, arn);
            if (existing.isPresent()) {
                StateMachineDoc doc = existing.get().doc();
                if (!doc.type().equals(type) || !sameIgnoringRole(doc.revision(), revision)
                        || doc.creation().publish() != publish
                        || !Objects.equals(doc.creation().versionDescription(), input.versionDescription())) {
                    throw SfnErrors.stateMachineAlreadyExists(arn);
                }
                return new CreateStateMachineOutput(arn, Instant.ofEpochMilli(doc.creationDate()), doc.creation().versionArn());
            }
            long now = context.received().toEpochMilli();
            StateMachineDoc doc = new StateMachineDoc(name, type, revision, null, now, null,
                    new Creation(publish, input.versionDescription(), null));
            String versionArn = publish
                    ? versions.publish(tx, context, new Machine(arn, 1, doc), input.versionDescription()).arn()
                    : null;
            doc = new StateMachineDoc(name, type, revision, null, now, null,
                    new Creation(publish, input.versionDescription(), versionArn));
            if (!records.insert(tx, context, arn, doc)) {
                throw SfnErrors.stateMachineAlreadyExists(arn);
            }
            platform.tags().put(tx, arn, tags);
            return new CreateStateMachineOutput(arn, Instant.ofEpochMilli(now), versionArn);
        });
    }

    /** Accepts an unqualified ARN or a version ARN (whose snapshot, description and revision it returns). */
    DescribeStateMachineOutput describe(RequestContext context, DescribeStateMachineInput input) {
        String arn = input.stateMachineArn();
        SfnArn.parse(arn, "stateMachine");
        boolean metadataOnly = "METADATA_ONLY".equals(input.includedData());
        return platform.database().read(tx -> {
            Optional<Machine> machine = records.machine(tx, context, arn);
            if (machine.isPresent()) {
                StateMachineDoc doc = machine.get().doc();
                return describe(arn, doc.name(), doc.type(), doc.revision(), doc.revisionId(), null, doc.creationDate(),
                        metadataOnly);
            }
            VersionDoc version = records.version(tx, context, arn).orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(arn));
            return describe(arn, version.name(), version.type(), version.revision(), version.revisionId(),
                    version.description(), version.creationDate(), metadataOnly);
        });
    }

    private static DescribeStateMachineOutput describe(String arn, String name, String type, Revision revision,
                                                       String revisionId, String description, long creationDate,
                                                       boolean metadataOnly) {
        // The model: with includedData METADATA_ONLY "the returned definition will be {}".
        return new DescribeStateMachineOutput(arn, name, "ACTIVE", metadataOnly ? "{}" : revision.definition(),
                revision.roleArn(), type, Instant.ofEpochMilli(creationDate), revision.loggingConfiguration(),
                revision.tracingConfiguration(), null, revisionId, description, revision.encryptionConfiguration(),
                metadataOnly ? null : VariableReferences.ofText(revision.definition()));
    }

    /**
     * Only an unqualified ARN can be updated (a version ARN is {@code StateMachineDoesNotExist},
     * as observed on AWS). A new revisionId is issued only when something actually changed.
     */
    UpdateStateMachineOutput update(RequestContext context, UpdateStateMachineInput input) {
        String arn = input.stateMachineArn();
        SfnArn.parse(arn, "stateMachine");
        boolean publish = Boolean.TRUE.equals(input.publish());
        return platform.database().write(tx -> {
            Machine machine = records.machine(tx, context, arn).orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(arn));
            if (input.definition() == null && input.roleArn() == null && input.loggingConfiguration() == null
                    && input.tracingConfiguration() == null && input.encryptionConfiguration() == null) {
                throw SfnErrors.nothingToUpdate();
            }
            requireDescriptionOnlyWhenPublishing(publish, input.versionDescription());
            StateMachineDoc doc = machine.doc();
            Revision old = doc.revision();
            if (input.definition() != null) {
                AslParser.parse(input.definition(), StateMachineType.valueOf(doc.type()));
            }
            Revision revision = new Revision(
                    input.definition() != null ? input.definition() : old.definition(),
                    input.roleArn() != null ? input.roleArn() : old.roleArn(),
                    input.loggingConfiguration() != null ? logging(input.loggingConfiguration()) : old.loggingConfiguration(),
                    input.tracingConfiguration() != null ? tracing(input.tracingConfiguration()) : old.tracingConfiguration(),
                    input.encryptionConfiguration() != null
                            ? encryption(input.encryptionConfiguration()) : old.encryptionConfiguration());
            long now = context.received().toEpochMilli();
            String revisionId = revision.equals(old) ? doc.revisionId() : UUID.randomUUID().toString();
            StateMachineDoc updated = new StateMachineDoc(doc.name(), doc.type(), revision, revisionId, doc.creationDate(),
                    now, doc.creation());
            records.update(tx, machine, updated);
            String versionArn = publish
                    ? versions.publish(tx, context, new Machine(arn, machine.rowVersion() + 1, updated),
                            input.versionDescription()).arn()
                    : null;
            return new UpdateStateMachineOutput(Instant.ofEpochMilli(now), revisionId, versionArn);
        });
    }

    /** Deleting an unknown machine (or passing a version ARN) succeeds without effect, as on AWS for unknown ARNs. */
    Empty delete(RequestContext context, DeleteStateMachineInput input) {
        String arn = input.stateMachineArn();
        SfnArn.parse(arn, "stateMachine");
        platform.database().write(tx -> {
            Optional<Machine> machine = records.machine(tx, context, arn);
            if (machine.isPresent()) {
                aliases.deleteAll(tx, context, arn);
                versions.deleteAll(tx, context, machine.get().doc().name());
                platform.resources().delete(tx, arn);
                platform.tags().removeAll(tx, arn);
            }
            return null;
        });
        return Empty.INSTANCE;
    }

    /** In name order: AWS's own order is unverified (spec §4.14; LocalStack sorts by name). */
    ListStateMachinesOutput list(RequestContext context, ListStateMachinesInput input) {
        int size = SfnPaging.size(input.maxResults());
        String after = SfnPaging.after(platform.pageTokens(), input.nextToken(), "ListStateMachines", "");
        List<StoredResource> rows = platform.database().read(tx -> platform.resources()
                .list(tx, context.account(), context.region(), StateMachineRecords.KIND, "", after, size + 1));
        List<StateMachineListItem> items = rows.stream().limit(size).map(r -> {
            StateMachineDoc doc = records.machine(r);
            return new StateMachineListItem(r.arn(), doc.name(), doc.type(), Instant.ofEpochMilli(doc.creationDate()));
        }).toList();
        String next = rows.size() > size
                ? platform.pageTokens().issue("ListStateMachines", "", rows.get(size - 1).sortKey())
                : null;
        return new ListStateMachinesOutput(items, next);
    }

    private static void requireDescriptionOnlyWhenPublishing(boolean publish, String versionDescription) {
        if (versionDescription != null && !publish) {
            throw SfnErrors.validation("Version description can only be set when publish is true");
        }
    }

    private static boolean sameIgnoringRole(Revision a, Revision b) {
        return a.definition().equals(b.definition()) && a.loggingConfiguration().equals(b.loggingConfiguration())
                && a.tracingConfiguration().equals(b.tracingConfiguration())
                && a.encryptionConfiguration().equals(b.encryptionConfiguration());
    }

    /**
     * AWS's defaults filled in (level OFF, includeExecutionData false; destinations echoed as
     * given). A level other than OFF needs exactly one destination, and no level takes more than one.
     */
    private static LoggingConfiguration logging(LoggingConfiguration given) {
        String level = given == null || given.level() == null ? DEFAULT_LOG_LEVEL : given.level();
        boolean includeData = given != null && Boolean.TRUE.equals(given.includeExecutionData());
        var destinations = given == null ? null : given.destinations();
        int count = destinations == null ? 0 : destinations.size();
        if (count > 1 || (!DEFAULT_LOG_LEVEL.equals(level) && count != 1)) {
            throw SfnErrors.invalidLoggingConfiguration("Must specify exactly one Log Destination.");
        }
        return new LoggingConfiguration(level, includeData, destinations);
    }

    private static TracingConfiguration tracing(TracingConfiguration given) {
        return new TracingConfiguration(given != null && Boolean.TRUE.equals(given.enabled()));
    }

    /** Absent means AWS-owned keys, which DescribeStateMachine reports as such [unverified, as for activities]. */
    private static EncryptionConfiguration encryption(EncryptionConfiguration given) {
        return given == null ? new EncryptionConfiguration(null, null, "AWS_OWNED_KEY") : given;
    }
}
