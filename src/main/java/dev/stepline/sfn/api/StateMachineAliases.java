package dev.stepline.sfn.api;

import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.Empty;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.sfn.api.AliasShapes.AliasDoc;
import dev.stepline.sfn.api.AliasShapes.CreateStateMachineAliasInput;
import dev.stepline.sfn.api.AliasShapes.CreateStateMachineAliasOutput;
import dev.stepline.sfn.api.AliasShapes.DeleteStateMachineAliasInput;
import dev.stepline.sfn.api.AliasShapes.DescribeStateMachineAliasInput;
import dev.stepline.sfn.api.AliasShapes.DescribeStateMachineAliasOutput;
import dev.stepline.sfn.api.AliasShapes.ListStateMachineAliasesInput;
import dev.stepline.sfn.api.AliasShapes.ListStateMachineAliasesOutput;
import dev.stepline.sfn.api.AliasShapes.RoutingConfigurationListItem;
import dev.stepline.sfn.api.AliasShapes.StateMachineAliasListItem;
import dev.stepline.sfn.api.AliasShapes.UpdateStateMachineAliasInput;
import dev.stepline.sfn.api.AliasShapes.UpdateStateMachineAliasOutput;
import dev.stepline.sfn.api.StateMachineRecords.Alias;
import dev.stepline.sfn.api.StateMachineRecords.Machine;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * State machine aliases (spec §4.11): a name pointing at one or two versions of one machine with
 * weights summing to 100. StartExecution through an alias picks a version at random by weight
 * ({@link #route}); the execution records both ARNs.
 */
final class StateMachineAliases {
    /** Aliases per state machine (spec §7). */
    static final int MAX_ALIASES = 100;

    private final Platform platform;
    private final StateMachineRecords records;

    StateMachineAliases(Platform platform, StateMachineRecords records) {
        this.platform = platform;
        this.records = records;
    }

    /** A weighted choice among the alias's versions; a weight of 0 never receives traffic. */
    static String route(AliasDoc alias) {
        List<RoutingConfigurationListItem> routes = alias.routingConfiguration();
        int draw = ThreadLocalRandom.current().nextInt(100);
        int sum = 0;
        for (RoutingConfigurationListItem route : routes) {
            sum += route.weight();
            if (draw < sum) {
                return route.stateMachineVersionArn();
            }
        }
        return routes.getLast().stateMachineVersionArn();
    }

    CreateStateMachineAliasOutput create(RequestContext context, CreateStateMachineAliasInput input) {
        List<RoutingConfigurationListItem> routing = List.copyOf(input.routingConfiguration());
        String machineArn = checkRouting(routing);
        String aliasArn = machineArn + ":" + input.name();
        return platform.database().write(tx -> {
            records.machine(tx, context, machineArn).orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(machineArn));
            requireVersions(tx, context, routing);
            var existing = records.alias(tx, context, aliasArn);
            if (existing.isPresent()) {
                AliasDoc doc = existing.get().doc();
                if (Objects.equals(doc.description(), input.description()) && doc.routingConfiguration().equals(routing)) {
                    return new CreateStateMachineAliasOutput(aliasArn, Instant.ofEpochMilli(doc.creationDate()));
                }
                throw SfnErrors.conflict("Failed to create alias because an alias with the same name and a different "
                        + "routing configuration already exists.");
            }
            if (aliases(tx, context, machineArn).size() >= MAX_ALIASES) {
                throw SfnErrors.error("ServiceQuotaExceededException", "Aliases per state machine quota of "
                        + MAX_ALIASES + " exceeded for " + machineArn); // [unverified] wording
            }
            long now = context.received().toEpochMilli();
            records.insertAlias(tx, context, aliasArn, new AliasDoc(machineArn, input.name(), input.description(),
                    routing, now, now));
            return new CreateStateMachineAliasOutput(aliasArn, Instant.ofEpochMilli(now));
        });
    }

    DescribeStateMachineAliasOutput describe(RequestContext context, DescribeStateMachineAliasInput input) {
        String arn = input.stateMachineAliasArn();
        SfnArn.parse(arn, "stateMachine");
        AliasDoc doc = platform.database().read(tx -> records.alias(tx, context, arn))
                .orElseThrow(() -> notFound(arn)).doc();
        return new DescribeStateMachineAliasOutput(arn, doc.name(), doc.description(), doc.routingConfiguration(),
                Instant.ofEpochMilli(doc.creationDate()), Instant.ofEpochMilli(doc.updateDate()));
    }

    UpdateStateMachineAliasOutput update(RequestContext context, UpdateStateMachineAliasInput input) {
        String arn = input.stateMachineAliasArn();
        SfnArn.parse(arn, "stateMachine");
        if (input.description() == null && input.routingConfiguration() == null) {
            // [unverified] wording; the model requires at least one of the two.
            throw SfnErrors.validation("Either the description or the routing configuration must be specified");
        }
        List<RoutingConfigurationListItem> routing = input.routingConfiguration() == null ? null
                : List.copyOf(input.routingConfiguration());
        return platform.database().write(tx -> {
            Alias alias = records.alias(tx, context, arn).orElseThrow(() -> notFound(arn));
            if (routing != null) {
                String machineArn = checkRouting(routing);
                if (!machineArn.equals(alias.doc().stateMachineArn())) {
                    throw invalidRouting(routing);
                }
                requireVersions(tx, context, routing);
            }
            long now = context.received().toEpochMilli();
            AliasDoc doc = alias.doc();
            records.updateAlias(tx, alias, new AliasDoc(doc.stateMachineArn(), doc.name(),
                    input.description() == null ? doc.description() : input.description(),
                    routing == null ? doc.routingConfiguration() : routing, doc.creationDate(), now));
            return new UpdateStateMachineAliasOutput(Instant.ofEpochMilli(now));
        });
    }

    /** Deleting an unknown alias succeeds (spec §4.11); the versions stay. */
    Empty delete(RequestContext context, DeleteStateMachineAliasInput input) {
        String arn = input.stateMachineAliasArn();
        SfnArn.parse(arn, "stateMachine");
        platform.database().write(tx -> {
            if (records.alias(tx, context, arn).isPresent()) {
                platform.resources().delete(tx, arn);
            }
            return null;
        });
        return Empty.INSTANCE;
    }

    /** An unqualified ARN lists the machine's aliases, a version ARN those routing to it; oldest first. */
    ListStateMachineAliasesOutput list(RequestContext context, ListStateMachineAliasesInput input) {
        String arn = input.stateMachineArn();
        SfnArn parsed = SfnArn.parse(arn, "stateMachine");
        boolean version = Qualifier.of(parsed).isVersion();
        int size = SfnPaging.size(input.maxResults());
        String after = SfnPaging.after(platform.pageTokens(), input.nextToken(), "ListStateMachineAliases", arn);
        String machineArn = version ? arn.substring(0, arn.lastIndexOf(':')) : arn;
        List<Alias> found = platform.database().read(tx -> {
            if (version) {
                records.version(tx, context, arn).orElseThrow(() -> notFound(arn));
            } else {
                records.machine(tx, context, arn).orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(arn));
            }
            return aliases(tx, context, machineArn);
        });
        List<Alias> matching = found.stream()
                .filter(a -> !version || a.doc().routingConfiguration().stream()
                        .anyMatch(r -> r.stateMachineVersionArn().equals(arn)))
                .filter(a -> after == null || sortKey(a).compareTo(after) > 0)
                .toList();
        List<StateMachineAliasListItem> items = matching.stream().limit(size)
                .map(a -> new StateMachineAliasListItem(a.arn(), Instant.ofEpochMilli(a.doc().creationDate())))
                .toList();
        String next = matching.size() > size
                ? platform.pageTokens().issue("ListStateMachineAliases", arn, sortKey(matching.get(size - 1)))
                : null;
        return new ListStateMachineAliasesOutput(items, next);
    }

    /** Every alias of the machine, oldest first (at most {@value #MAX_ALIASES}). */
    List<Alias> aliases(Tx tx, RequestContext context, String machineArn) {
        List<StoredResource> rows = platform.resources().list(tx, context.account(), context.region(),
                StateMachineRecords.ALIAS_KIND,
                StateMachineRecords.versionPrefix(StateMachineRecords.machineName(machineArn)), null, MAX_ALIASES + 1);
        return rows.stream().map(records::alias).filter(a -> a.doc().stateMachineArn().equals(machineArn)).toList();
    }

    /** DeleteStateMachineVersion: a version an alias routes to cannot go (spec §1.4). */
    void requireUnreferenced(Tx tx, RequestContext context, String versionArn) {
        String machineArn = versionArn.substring(0, versionArn.lastIndexOf(':'));
        List<String> names = aliases(tx, context, machineArn).stream()
                .filter(a -> a.doc().routingConfiguration().stream()
                        .anyMatch(r -> r.stateMachineVersionArn().equals(versionArn)))
                .map(a -> a.doc().name()).toList();
        if (!names.isEmpty()) {
            throw SfnErrors.conflict("Version to be deleted must not be referenced by an alias. Current list of "
                    + "aliases referencing this version: [" + String.join(", ", names) + "]");
        }
    }

    /** DeleteStateMachine removes the machine's aliases with it. */
    void deleteAll(Tx tx, RequestContext context, String machineArn) {
        aliases(tx, context, machineArn).forEach(a -> platform.resources().delete(tx, a.arn()));
    }

    private static String sortKey(Alias alias) {
        return alias.doc().creationDate() + ":" + alias.doc().name();
    }

    /**
     * The routing rules AWS checks before anything is read (messages observed, spec §1.4): version ARNs
     * only, distinct, of one machine, weights summing to 100. Returns the machine's unqualified ARN.
     */
    private static String checkRouting(List<RoutingConfigurationListItem> routing) {
        List<String> arns = routing.stream().map(RoutingConfigurationListItem::stateMachineVersionArn).toList();
        String machine = null;
        for (String arn : arns) {
            SfnArn parsed = SfnArn.parse(arn, "stateMachine");
            if (!Qualifier.of(parsed).isVersion()) {
                throw SfnErrors.validation("Routing configuration must contain state machine version ARNs. Received: "
                        + arns);
            }
            String owner = arn.substring(0, arn.lastIndexOf(':'));
            if (machine != null && !machine.equals(owner)) {
                throw invalidRouting(routing);
            }
            machine = owner;
        }
        if (new HashSet<>(arns).size() != arns.size()) {
            throw SfnErrors.validation("Routing configuration must contain distinct state machine version ARNs. "
                    + "Received: " + arns);
        }
        List<Integer> weights = routing.stream().map(RoutingConfigurationListItem::weight).toList();
        if (weights.stream().mapToInt(Integer::intValue).sum() != 100) {
            throw SfnErrors.validation("Sum of routing configuration weights must equal 100. Received: " + weights);
        }
        return machine;
    }

    private void requireVersions(Tx tx, RequestContext context, List<RoutingConfigurationListItem> routing) {
        for (RoutingConfigurationListItem route : routing) {
            if (records.version(tx, context, route.stateMachineVersionArn()).isEmpty()) {
                throw notFound(route.stateMachineVersionArn());
            }
        }
    }

    /** [unverified] wording: the reason is modelled, the text is not observed. */
    private static AwsException invalidRouting(List<RoutingConfigurationListItem> routing) {
        List<String> arns = new ArrayList<>();
        routing.forEach(r -> arns.add(r.stateMachineVersionArn()));
        return SfnErrors.validation("Routing configuration must contain version ARNs of the same state machine. "
                + "Received: " + arns).with("reason", "INVALID_ROUTING_CONFIGURATION");
    }

    /** AWS's text for an unknown alias or version (observed on UpdateStateMachineAlias, spec §1.4). */
    static AwsException notFound(String arn) {
        return SfnErrors.error("ResourceNotFound", "Request references a resource that does not exist.")
                .with("resourceName", arn);
    }
}
