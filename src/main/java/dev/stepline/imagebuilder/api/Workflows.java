package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.api.CommonShapes.LatestVersionReferencesShape;
import dev.stepline.imagebuilder.api.WorkflowCatalog.WorkflowBuild;
import dev.stepline.imagebuilder.api.WorkflowShapes.CreateWorkflowInput;
import dev.stepline.imagebuilder.api.WorkflowShapes.CreateWorkflowOutput;
import dev.stepline.imagebuilder.api.WorkflowShapes.DeleteWorkflowInput;
import dev.stepline.imagebuilder.api.WorkflowShapes.DeleteWorkflowOutput;
import dev.stepline.imagebuilder.api.WorkflowShapes.GetWorkflowInput;
import dev.stepline.imagebuilder.api.WorkflowShapes.GetWorkflowOutput;
import dev.stepline.imagebuilder.api.WorkflowShapes.Workflow;
import dev.stepline.imagebuilder.api.WorkflowShapes.WorkflowDoc;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.LatestVersionReferences;
import dev.stepline.imagebuilder.arn.ResourceNames;
import dev.stepline.imagebuilder.document.WorkflowDocument;
import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * CreateWorkflow, GetWorkflow and DeleteWorkflow (spec §5.1). Workflow build versions are
 * immutable; a create with the same name and version makes the next build, numbered from a
 * counter that deletes never lower.
 *
 * <p>DeleteWorkflow's dependency rule (a pipeline naming the build, or an image running it →
 * {@code ResourceDependencyException}) has nothing to check yet: pipelines and images do not
 * exist in this emulator so far.
 */
final class Workflows {
    private final Platform platform;
    private final Dependents dependents;
    private final JsonCodec store;
    private final WorkflowCatalog catalog;

    Workflows(Platform platform, JsonCodec store, WorkflowCatalog catalog, Dependents dependents) {
        this.platform = platform;
        this.dependents = dependents;
        this.store = store;
        this.catalog = catalog;
    }

    CreateWorkflowOutput create(RequestContext context, CreateWorkflowInput input) {
        String name = ResourceNames.validate(input.name(), "name");
        SemanticVersion version = SemanticVersion.parse(input.semanticVersion(), "semanticVersion");
        WorkflowType type = WorkflowType.fromWire(input.type()).orElseThrow();
        String data = DocumentSource.resolve(platform.objects(), input.data(), input.uri());
        WorkflowDocument document = WorkflowDocument.parse(data, type);
        if (Boolean.TRUE.equals(input.dryRun())) {
            throw ImageBuilderErrors.dryRun();
        }
        String arnName = ResourceNames.arnName(name);
        return platform.database().write(tx -> platform.clientTokens().run(tx, store,
                "imagebuilder:CreateWorkflow:" + context.account() + ":" + context.region(), input.clientToken(), input,
                CreateWorkflowOutput.class, context.received().toEpochMilli(),
                () -> ImageBuilderErrors.idempotentParameterMismatch(input.clientToken()),
                () -> insert(tx, context, input, type, arnName, version, data, document)));
    }

    private CreateWorkflowOutput insert(Tx tx, RequestContext context, CreateWorkflowInput input, WorkflowType type,
                                        String arnName, SemanticVersion version, String data, WorkflowDocument document) {
        Optional<WorkflowBuild> latest = catalog.owned(tx, context, type, arnName).stream()
                .filter(w -> w.buildVersion().version().equals(version))
                .max(Comparator.comparing(WorkflowBuild::buildVersion));
        if (latest.isPresent() && sameContent(latest.get().doc(), input, data)) {
            throw ImageBuilderErrors.alreadyExists("The following resource 'Workflow' already exists: '"
                    + latest.get().arn() + "'.");
        }
        String counter = "ib:workflow:" + context.account() + ":" + context.region() + ":" + type.arnSegment() + "/"
                + arnName + "/" + version;
        int build = Math.toIntExact(platform.counters().next(tx, counter));
        BuildVersion buildVersion = new BuildVersion(version, build);
        ImageBuilderArn arn = ImageBuilderArn.workflowBuildVersion(context.region(), context.account(), type, arnName,
                buildVersion);
        long now = context.received().toEpochMilli();
        WorkflowDoc doc = new WorkflowDoc(input.name(), version.toString(), build, type.wireName(), input.description(),
                input.changeDescription(), input.kmsKeyId(), data, now, WorkflowCatalog.parameters(document));
        if (!platform.resources().insert(tx, new StoredResource(arn.toString(), context.account(), context.region(),
                WorkflowCatalog.KIND, WorkflowCatalog.sortKey(type, arnName, buildVersion), now, 1,
                store.writeString(doc)))) {
            throw ImageBuilderErrors.inUse("The workflow '" + arn + "' is being created by another request.");
        }
        if (input.tags() != null) {
            platform.tags().put(tx, arn.toString(), input.tags());
        }
        return new CreateWorkflowOutput(input.clientToken(), arn.toString(),
                LatestVersionReferencesShape.of(LatestVersionReferences.of(arn)));
    }

    private static boolean sameContent(WorkflowDoc latest, CreateWorkflowInput input, String data) {
        return latest.data().equals(data)
                && Objects.equals(latest.description(), input.description())
                && Objects.equals(latest.changeDescription(), input.changeDescription())
                && Objects.equals(latest.kmsKeyId(), input.kmsKeyId());
    }

    GetWorkflowOutput get(RequestContext context, GetWorkflowInput input) {
        String raw = input.workflowBuildVersionArn();
        ImageBuilderArn arn = ArnShape.WORKFLOW_VERSION_ARN_OR_BUILD_VERSION_ARN.parse(raw, "workflowBuildVersionArn");
        ResourceAccess.checkAccount(context, arn, raw);
        return platform.database().read(tx -> {
            WorkflowBuild build = catalog.resolve(tx, context, arn).orElseThrow(() -> ImageBuilderErrors.notFound(raw));
            WorkflowDoc d = build.doc();
            Map<String, String> tags = build.managed() ? Map.of() : platform.tags().get(tx, build.arn().toString());
            Workflow workflow = new Workflow(build.arn().toString(), d.name(), d.version(), d.description(),
                    d.changeDescription(), d.type(), null, build.owner(), d.data(), d.kmsKeyId(),
                    TimestampFormat.isoMillis(Instant.ofEpochMilli(d.dateCreated())), tags,
                    d.parameters().isEmpty() ? null : d.parameters());
            return new GetWorkflowOutput(workflow,
                    LatestVersionReferencesShape.of(LatestVersionReferences.forResource(build.arn())));
        });
    }

    DeleteWorkflowOutput delete(RequestContext context, DeleteWorkflowInput input) {
        String raw = input.workflowBuildVersionArn();
        ImageBuilderArn arn = ArnShape.WORKFLOW_BUILD_VERSION_ARN.parse(raw, "workflowBuildVersionArn");
        if (arn.isAwsOwned()) {
            throw ImageBuilderErrors.forbidden("The resource ARN '" + raw
                    + "' is an AWS-managed workflow and cannot be deleted.");
        }
        ResourceAccess.checkAccount(context, arn, raw);
        return platform.database().write(tx -> {
            ResourceAccess.find(platform, tx, context, arn.toString(), WorkflowCatalog.KIND)
                    .orElseThrow(() -> ImageBuilderErrors.notFound(raw));
            dependents.check(tx, context, arn.toString());
            platform.resources().delete(tx, arn.toString());
            platform.tags().removeAll(tx, arn.toString());
            return new DeleteWorkflowOutput(arn.toString());
        });
    }
}
