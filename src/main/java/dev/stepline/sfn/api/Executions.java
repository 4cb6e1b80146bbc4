package dev.stepline.sfn.api;

import dev.stepline.engine.Engine;
import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import tools.jackson.databind.node.ObjectNode;
import dev.stepline.sfn.api.ExecutionShapes.DataDetails;
import dev.stepline.sfn.api.ExecutionShapes.DescribeExecutionInput;
import dev.stepline.sfn.api.ExecutionShapes.DescribeExecutionOutput;
import dev.stepline.sfn.api.ExecutionShapes.DescribeStateMachineForExecutionInput;
import dev.stepline.sfn.api.ExecutionShapes.DescribeStateMachineForExecutionOutput;
import dev.stepline.sfn.api.ExecutionShapes.ExecutionListItem;
import dev.stepline.sfn.api.ExecutionShapes.ListExecutionsInput;
import dev.stepline.sfn.api.ExecutionShapes.ListExecutionsOutput;
import dev.stepline.sfn.api.ExecutionShapes.StartExecutionInput;
import dev.stepline.sfn.api.ExecutionShapes.StartExecutionOutput;
import dev.stepline.sfn.api.ExecutionShapes.RedriveExecutionInput;
import dev.stepline.sfn.api.ExecutionShapes.RedriveExecutionOutput;
import dev.stepline.sfn.api.ExecutionShapes.BillingDetails;
import dev.stepline.sfn.api.ExecutionShapes.StartSyncExecutionInput;
import dev.stepline.sfn.api.ExecutionShapes.StartSyncExecutionOutput;
import dev.stepline.sfn.api.ExecutionShapes.StopExecutionInput;
import dev.stepline.sfn.api.ExecutionShapes.StopExecutionOutput;
import dev.stepline.sfn.api.StateMachineRecords.Machine;
import dev.stepline.sfn.api.StateMachineShapes.Revision;
import dev.stepline.sfn.api.StateMachineShapes.VersionDoc;
import dev.stepline.sfn.runtime.AslDialect;
import dev.stepline.sfn.runtime.ExecutionStart;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.server.Platform;
import dev.stepline.sfn.asl.VariableReferences;
import dev.stepline.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;

/**
 * Step Functions' execution operations (spec §4.1–§4.5, §4.8): starting, describing, stopping and
 * listing executions. The engine runs them; this class translates between the AWS view and it.
 */
final class Executions {
    static final String KIND = "sfn";

    private final Platform platform;
    private final Engine engine;
    private final StateMachineRecords records;
    private final ExecutionRows rows;
    private final ExecutionDefinitions definitions;

    Executions(Platform platform, Engine engine, StateMachineRecords records, ExecutionRows rows,
               ExecutionDefinitions definitions) {
        this.platform = platform;
        this.engine = engine;
        this.records = records;
        this.rows = rows;
        this.definitions = definitions;
    }

    ExecutionRows rows() {
        return rows;
    }

    // ------------------------------------------------------------------ StartExecution

    /** What a stateMachineArn given to StartExecution resolves to. */
    private record Target(String stateMachineArn, String name, String type, Revision revision, String revisionId,
                          long updateDate, String versionArn, String aliasArn) {}

    StartExecutionOutput start(RequestContext context, StartExecutionInput input) {
        return start(context, input, null);
    }

    /**
     * Starts an execution; {@code parent} links a child started by a {@code states:startExecution}
     * task to the task that waits for it.
     */
    StartExecutionOutput start(RequestContext context, StartExecutionInput input, ExecutionStart.ParentTask parent) {
        String given = input.stateMachineArn();
        String testCase = null;
        String arn = given;
        int hash = given.indexOf('#');
        if (hash >= 0) {
            // Step Functions Local's mock test case suffix: <stateMachineArn>#<TestCase>.
            arn = given.substring(0, hash);
            testCase = given.substring(hash + 1);
        }
        SfnArn parsed = SfnArn.parse(arn, "stateMachine");
        if (parsed.resource().contains("/")) {
            throw SfnErrors.labelledArn();
        }
        String name = input.name() == null ? UUID.randomUUID().toString() : Names.require(input.name());
        String executionInput = input.input() == null ? "{}" : input.input();
        requireJson(executionInput);
        String finalArn = arn;
        // One snapshot answers both questions: what to run, and whether the name is already taken.
        record Resolved(Target target, String executionArn, Optional<ExecutionRows.Row> existing) {}
        Resolved resolved = platform.database().read(tx -> {
            Target t = resolve(tx, context, finalArn);
            if ("EXPRESS".equals(t.type())) {
                // Express executions are never idempotent: each gets a fresh ARN.
                return new Resolved(t, SfnArn.of(context.region(), context.account(), "express",
                        t.name() + ":" + name + ":" + UUID.randomUUID()), Optional.empty());
            }
            String standardArn = SfnArn.of(context.region(), context.account(), "execution", t.name() + ":" + name);
            return new Resolved(t, standardArn, rows.find(tx, standardArn));
        });
        Target target = resolved.target();
        String executionArn = resolved.executionArn();
        if (resolved.existing().isPresent()) {
            return idempotent(resolved.existing().get(), executionInput);
        }
        ExecutionDefinitions.Doc doc = new ExecutionDefinitions.Doc(target.stateMachineArn(), target.name(), target.type(),
                target.revision().definition(), target.revision().roleArn(), target.revision().loggingConfiguration(),
                target.revision().tracingConfiguration(), target.revision().encryptionConfiguration(), target.revisionId(),
                target.updateDate());
        String definitionKey = definitions.register(doc);
        Instant startDate = platform.clock().instant();
        ExecutionStart start = new ExecutionStart(executionArn, target.stateMachineArn(), target.name(), target.versionArn(),
                target.aliasArn(), name, definitionKey, target.revision().roleArn(), executionInput, input.traceHeader(), startDate,
                context.region(), testCase, parent);
        boolean created = engine.create(KIND, executionArn, AslDialect.newExecution(start),
                new Signal("created", Json.object()));
        if (!created) {
            // Lost a race with a start of the same name: answer as if it had been there first.
            return idempotent(platform.database().read(tx -> rows.find(tx, executionArn)).orElseThrow(), executionInput);
        }
        return new StartExecutionOutput(executionArn, startDate);
    }

    // ------------------------------------------------------------------ StartSyncExecution

    /** What AWS bills at least: 64 MB and 100 ms, in 100 ms steps (spec §4.2, observed). */
    static final long BILLED_MEMORY_MB = 64;
    static final long BILLING_STEP_MS = 100;

    /**
     * StartSyncExecution (spec §4.2): Express only; runs the execution and answers when it has ended,
     * with HTTP 200 also when it failed. The Express 5-minute limit ends it as TIMED_OUT at the latest.
     */
    StartSyncExecutionOutput startSync(RequestContext context, StartSyncExecutionInput input) {
        String arn = input.stateMachineArn();
        SfnArn parsed = SfnArn.parse(arn, "stateMachine");
        if (parsed.resource().contains("/")) {
            throw SfnErrors.labelledArn();
        }
        String type = platform.database().read(tx -> resolve(tx, context, arn).type());
        if (!"EXPRESS".equals(type)) {
            throw SfnErrors.stateMachineTypeNotSupported();
        }
        StartExecutionOutput started = start(context,
                new StartExecutionInput(arn, input.name(), input.input(), input.traceHeader()));
        ExecutionRows.Row row = awaitClosed(started.executionArn());
        boolean data = !"METADATA_ONLY".equals(input.includedData());
        boolean succeeded = "SUCCEEDED".equals(row.status());
        long duration = row.stopDate().toEpochMilli() - row.startMs();
        long billed = Math.max(BILLING_STEP_MS, (duration + BILLING_STEP_MS - 1) / BILLING_STEP_MS * BILLING_STEP_MS);
        return new StartSyncExecutionOutput(row.arn(), row.stateMachineArn(), row.name(), row.startDate(),
                row.stopDate(), row.status(), row.doc().error(), row.doc().cause(),
                data ? row.doc().input() : null, data ? new DataDetails(true) : null,
                data && succeeded ? row.doc().output() : null, new DataDetails(data),
                row.doc().traceHeader(), new BillingDetails(BILLED_MEMORY_MB, billed));
    }

    /** Blocks until the execution's closing summary is committed. */
    private ExecutionRows.Row awaitClosed(String executionArn) {
        ExecutionWaiters waiters = rows.waiters();
        while (true) {
            java.util.concurrent.CompletableFuture<Void> closed = waiters.register(executionArn);
            ExecutionRows.Row row = platform.database().read(tx -> rows.find(tx, executionArn)).orElseThrow();
            if (!"RUNNING".equals(row.status())) {
                waiters.forget(executionArn);
                return row;
            }
            try {
                // Woken from inside the closing transaction: the loop re-reads once it has committed.
                closed.get(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // read again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + executionArn, e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Same name and identical input while still running: the original answer; otherwise the name is taken. */
    private static StartExecutionOutput idempotent(ExecutionRows.Row existing, String input) {
        if ("RUNNING".equals(existing.status()) && input.equals(existing.doc().input())) {
            return new StartExecutionOutput(existing.arn(), existing.startDate());
        }
        throw SfnErrors.executionAlreadyExists(existing.arn());
    }

    private Target resolve(Tx tx, RequestContext context, String arn) {
        Optional<Machine> machine = records.machine(tx, context, arn);
        if (machine.isPresent()) {
            StateMachineShapes.StateMachineDoc doc = machine.get().doc();
            long updated = doc.updateDate() == null ? doc.creationDate() : doc.updateDate();
            return new Target(arn, doc.name(), doc.type(), doc.revision(), doc.revisionId(), updated, null, null);
        }
        String aliasArn = null;
        String versionArn = arn;
        Optional<StateMachineRecords.Alias> alias = records.alias(tx, context, arn);
        if (alias.isPresent()) {
            aliasArn = arn;
            versionArn = StateMachineAliases.route(alias.get().doc());
        }
        String finalVersionArn = versionArn;
        VersionDoc version = records.version(tx, context, versionArn)
                .orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(finalVersionArn));
        return new Target(version.stateMachineArn(), version.name(), version.type(), version.revision(),
                version.revisionId(), version.creationDate(), versionArn, aliasArn);
    }

    /** AWS parses the input with Jackson and echoes its message (spec §1.4). */
    private static void requireJson(String input) {
        if (input.isEmpty()) {
            throw SfnErrors.invalidExecutionInput("Invalid execution input.");
        }
        try {
            Json.parse(input);
        } catch (JacksonException e) {
            throw SfnErrors.invalidExecutionInput(e.getOriginalMessage());
        }
    }

    // ------------------------------------------------------------------ DescribeExecution

    DescribeExecutionOutput describe(RequestContext context, DescribeExecutionInput input) {
        ExecutionRows.Row row = find(context, input.executionArn());
        boolean data = !"METADATA_ONLY".equals(input.includedData());
        boolean succeeded = "SUCCEEDED".equals(row.status());
        String reason = notRedrivableBecause(row);
        String redriveStatus = reason != null ? "NOT_REDRIVABLE"
                : row.mapRunArn() != null ? "REDRIVABLE_BY_MAP_RUN" : "REDRIVABLE";
        return new DescribeExecutionOutput(row.arn(), row.stateMachineArn(), row.name(), row.status(), row.startDate(),
                row.stopDate(), data ? row.doc().input() : null, data ? new DataDetails(true) : null,
                data && succeeded ? row.doc().output() : null, data && succeeded ? new DataDetails(true) : null,
                row.doc().traceHeader(), row.mapRunArn(), row.doc().error(), row.doc().cause(), row.versionArn(),
                row.aliasArn(), row.redriveCount(), row.redriveDate(), redriveStatus, reason);
    }

    /** The row of a Standard execution in the caller's account and region, or the AWS error for it. */
    ExecutionRows.Row find(RequestContext context, String executionArn) {
        SfnArn arn = SfnArn.parse(executionArn, "execution", "express");
        if (arn.type().equals("express")) {
            throw SfnErrors.invalidArnType("express");
        }
        if (!arn.account().equals(context.account()) || !arn.region().equals(context.region())) {
            throw SfnErrors.executionDoesNotExist(executionArn);
        }
        return platform.database().read(tx -> rows.find(tx, executionArn))
                .orElseThrow(() -> SfnErrors.executionDoesNotExist(executionArn));
    }

    // ------------------------------------------------------------------ StopExecution

    /**
     * Aborts a running execution and returns once the abort is committed. Stopping a closed
     * execution changes nothing and returns its stop date (spec §4.4, recommended behaviour).
     */
    StopExecutionOutput stop(RequestContext context, StopExecutionInput input) {
        ExecutionRows.Row row = find(context, input.executionArn());
        if (!"RUNNING".equals(row.status())) {
            return new StopExecutionOutput(row.stopDate());
        }
        tools.jackson.databind.node.ObjectNode data = Json.object();
        if (input.error() != null) {
            data.put("error", input.error());
        }
        if (input.cause() != null) {
            data.put("cause", input.cause());
        }
        WorkItem stop = WorkItem.signal("stop", 0, new Signal("stop", data));
        platform.database().write(tx -> {
            engine.store(tx, row.arn(), stop);
            return null;
        });
        engine.dispatch(row.arn(), stop).join();
        ExecutionRows.Row after = platform.database().read(tx -> rows.find(tx, row.arn())).orElseThrow();
        return new StopExecutionOutput(after.stopDate() == null ? platform.clock().instant() : after.stopDate());
    }

    // ------------------------------------------------------------------ RedriveExecution

    /** How long after it closed an execution may be redriven (model documentation). */
    static final java.time.Duration REDRIVABLE_PERIOD = java.time.Duration.ofDays(14);
    /** The longest an execution may be open in total (spec §7). */
    static final java.time.Duration MAX_EXECUTION_TIME = java.time.Duration.ofDays(365);

    /**
     * Why the execution cannot be redriven ({@code redriveStatusReason}, texts from the model
     * documentation), or null when it can.
     */
    private String notRedrivableBecause(ExecutionRows.Row row) {
        return switch (row.status()) {
            case "RUNNING" -> "Execution is RUNNING and cannot be redriven";
            case "SUCCEEDED" -> "Execution is SUCCEEDED and cannot be redriven";
            default -> {
                Instant now = platform.clock().instant();
                if (row.stopDate() != null && row.stopDate().plus(REDRIVABLE_PERIOD).isBefore(now)) {
                    yield "Execution redrivable period exceeded";
                }
                if (row.startDate().plus(MAX_EXECUTION_TIME).isBefore(now)) {
                    yield "Execution has exceeded the max execution time";
                }
                yield null;
            }
        };
    }

    /**
     * RedriveExecution (spec §4.7): reopens a FAILED, TIMED_OUT or ABORTED Standard execution within 14
     * days of its close; it continues from the state that did not succeed. Idempotent per
     * {@code clientToken}; returns once the redrive is committed.
     */
    RedriveExecutionOutput redrive(RequestContext context, RedriveExecutionInput input) {
        ExecutionRows.Row row = find(context, input.executionArn());
        long now = platform.clock().millis();
        ObjectNode data = Json.object();
        data.put("at", now);
        WorkItem redrive = WorkItem.signal("redrive:" + now, 0, new Signal("redrive", data));
        boolean[] reopened = {false};
        RedriveExecutionOutput output = platform.database().write(tx -> platform.clientTokens().run(tx, TOKENS,
                "states:RedriveExecution:" + row.arn(), input.clientToken(), input, RedriveExecutionOutput.class, now,
                () -> SfnErrors.validation("The client token was already used with a different request"),
                () -> {
                    ExecutionRows.Row current = rows.find(tx, row.arn()).orElseThrow();
                    String reason = notRedrivableBecause(current);
                    if (reason != null || !engine.reopen(tx, row.arn(), redrive)) {
                        // [unverified] message: AWS documents the reasons, not the error text.
                        throw SfnErrors.error("ExecutionNotRedrivable", reason == null
                                ? "Execution is " + current.status() + " and cannot be redriven" : reason);
                    }
                    reopened[0] = true;
                    return new RedriveExecutionOutput(Instant.ofEpochMilli(now));
                }));
        if (reopened[0]) {
            engine.dispatchReopened(row.arn(), redrive).join();
        }
        return output;
    }

    private static final JsonCodec TOKENS = new JsonCodec(JsonCodec.Naming.AS_DECLARED, TimestampFormat.EPOCH_SECONDS);

    // ------------------------------------------------------------------ ListExecutions

    ListExecutionsOutput list(RequestContext context, ListExecutionsInput input) {
        if ((input.stateMachineArn() == null) == (input.mapRunArn() == null)) {
            // [unverified] text: AWS documents that exactly one must be given, not the message.
            throw SfnErrors.validation("Must provide a StateMachine ARN or MapRun ARN");
        }
        if (input.mapRunArn() != null) {
            return listMapRun(context, input);
        }
        if ("PENDING_REDRIVE".equals(input.statusFilter())) {
            // [unverified] text: the model says PENDING_REDRIVE applies to Map Run children only.
            throw SfnErrors.validation("The PENDING_REDRIVE status filter is only supported with a mapRunArn");
        }
        String arn = input.stateMachineArn();
        SfnArn parsed = SfnArn.parse(arn, "stateMachine");
        if (parsed.resource().contains("/")) {
            throw SfnErrors.labelledArn();
        }
        String column = platform.database().read(tx -> {
            Optional<Machine> machine = records.machine(tx, context, arn);
            if (machine.isPresent()) {
                if ("EXPRESS".equals(machine.get().doc().type())) {
                    throw SfnErrors.stateMachineTypeNotSupported();
                }
                return "state_machine_arn";
            }
            Optional<StateMachineRecords.Alias> alias = records.alias(tx, context, arn);
            if (alias.isPresent()) {
                String someVersion = alias.get().doc().routingConfiguration().getFirst().stateMachineVersionArn();
                if (records.version(tx, context, someVersion).map(v -> "EXPRESS".equals(v.type())).orElse(false)) {
                    throw SfnErrors.stateMachineTypeNotSupported();
                }
                return "alias_arn";
            }
            VersionDoc version = records.version(tx, context, arn)
                    .orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(arn));
            if ("EXPRESS".equals(version.type())) {
                throw SfnErrors.stateMachineTypeNotSupported();
            }
            return "version_arn";
        });
        Boolean redriven = input.redriveFilter() == null ? null : "REDRIVEN".equals(input.redriveFilter());
        ExecutionRows.Filter filter = new ExecutionRows.Filter(column, arn, input.statusFilter(), redriven);
        String fingerprint = arn + "|" + input.statusFilter() + "|" + input.redriveFilter();
        return page(filter, fingerprint, input, false);
    }

    /** ListExecutions by {@code mapRunArn}: the Map Run's child executions, with {@code mapRunArn} and {@code itemCount}. */
    private ListExecutionsOutput listMapRun(RequestContext context, ListExecutionsInput input) {
        String arn = input.mapRunArn();
        SfnArn parsed = SfnArn.parse(arn, "mapRun");
        boolean exists = parsed.account().equals(context.account()) && parsed.region().equals(context.region())
                && platform.database().read(tx -> rows.mapRuns().find(tx, arn)).isPresent();
        if (!exists) {
            throw SfnErrors.resourceNotFound(arn);
        }
        Boolean redriven = input.redriveFilter() == null ? null : "REDRIVEN".equals(input.redriveFilter());
        ExecutionRows.Filter filter = new ExecutionRows.Filter("map_run_arn", arn, input.statusFilter(), redriven);
        return page(filter, "mapRun|" + arn + "|" + input.statusFilter() + "|" + input.redriveFilter(), input, true);
    }

    private ListExecutionsOutput page(ExecutionRows.Filter filter, String fingerprint, ListExecutionsInput input,
                                      boolean mapRun) {
        int size = SfnPaging.size(input.maxResults());
        String after = SfnPaging.after(platform.pageTokens(), input.nextToken(), "ListExecutions", fingerprint);
        Long afterStart = null;
        String afterArn = null;
        if (after != null) {
            int colon = after.indexOf(':');
            afterStart = Long.parseLong(after.substring(0, colon));
            afterArn = after.substring(colon + 1);
        }
        Long finalAfterStart = afterStart;
        String finalAfterArn = afterArn;
        List<ExecutionRows.Row> page = platform.database().read(tx -> rows.page(tx, filter, finalAfterStart, finalAfterArn,
                size + 1));
        List<ExecutionListItem> items = page.stream().limit(size).map(r -> new ExecutionListItem(r.arn(),
                r.stateMachineArn(), r.name(), r.status(), r.startDate(), r.stopDate(), mapRun ? r.mapRunArn() : null,
                mapRun ? r.itemCount() : null, r.versionArn(), r.aliasArn(), r.redriveCount(), r.redriveDate())).toList();
        String next = null;
        if (page.size() > size) {
            ExecutionRows.Row last = page.get(size - 1);
            next = platform.pageTokens().issue("ListExecutions", fingerprint, last.startMs() + ":" + last.arn());
        }
        return new ListExecutionsOutput(items, next);
    }

    // ------------------------------------------------------------------ DescribeStateMachineForExecution

    DescribeStateMachineForExecutionOutput describeStateMachine(RequestContext context,
                                                                DescribeStateMachineForExecutionInput input) {
        ExecutionRows.Row row = find(context, input.executionArn());
        ExecutionDefinitions.Doc doc = platform.database().read(tx -> definitions.doc(tx, row.doc().definitionKey()))
                .orElseThrow(() -> SfnErrors.executionDoesNotExist(input.executionArn()));
        boolean metadataOnly = "METADATA_ONLY".equals(input.includedData());
        String label = row.mapRunArn() == null ? null
                : row.stateMachineArn().substring(row.stateMachineArn().lastIndexOf('/') + 1);
        return new DescribeStateMachineForExecutionOutput(row.mapRunArn() == null ? doc.stateMachineArn()
                : row.stateMachineArn(), doc.name(),
                metadataOnly ? "{}" : doc.definition(), doc.roleArn(), Instant.ofEpochMilli(doc.updateDate()),
                doc.loggingConfiguration(), doc.tracingConfiguration(), row.mapRunArn(), label, doc.revisionId(),
                doc.encryptionConfiguration(), metadataOnly ? null : VariableReferences.ofText(doc.definition()));
    }
}
