package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.CommonShapes.LatestVersionReferencesShape;
import dev.stepline.imagebuilder.api.ComponentCatalog.ComponentBuild;
import dev.stepline.imagebuilder.api.ComponentShapes.Component;
import dev.stepline.imagebuilder.api.ComponentShapes.ComponentDoc;
import dev.stepline.imagebuilder.api.ComponentShapes.ComponentParameterDetail;
import dev.stepline.imagebuilder.api.ComponentShapes.ComponentState;
import dev.stepline.imagebuilder.api.ComponentShapes.CreateComponentInput;
import dev.stepline.imagebuilder.api.ComponentShapes.CreateComponentOutput;
import dev.stepline.imagebuilder.api.ComponentShapes.DeleteComponentInput;
import dev.stepline.imagebuilder.api.ComponentShapes.DeleteComponentOutput;
import dev.stepline.imagebuilder.api.ComponentShapes.GetComponentInput;
import dev.stepline.imagebuilder.api.ComponentShapes.GetComponentOutput;
import dev.stepline.imagebuilder.api.ComponentShapes.GetComponentPolicyInput;
import dev.stepline.imagebuilder.api.ComponentShapes.GetComponentPolicyOutput;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.LatestVersionReferences;
import dev.stepline.imagebuilder.arn.ResourceNames;
import dev.stepline.imagebuilder.document.ComponentDocument;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * CreateComponent, GetComponent, DeleteComponent and GetComponentPolicy (spec §5.2). Build
 * numbers and the identical-content rule work as for workflows. The component {@code type} is
 * {@code TEST} when the document has only test phases, else {@code BUILD}. Components are always
 * reported {@code encrypted} (AWS encrypts every component, with its own key when no
 * {@code kmsKeyId} is given).
 */
final class Components {
    static final ComponentState ACTIVE = new ComponentState("ACTIVE", null);

    private final Platform platform;
    private final Dependents dependents;
    private final JsonCodec store;
    private final ComponentCatalog catalog;

    Components(Platform platform, JsonCodec store, ComponentCatalog catalog, Dependents dependents) {
        this.platform = platform;
        this.dependents = dependents;
        this.store = store;
        this.catalog = catalog;
    }

    CreateComponentOutput create(RequestContext context, CreateComponentInput input) {
        String name = ResourceNames.validate(input.name(), "name");
        SemanticVersion version = SemanticVersion.parse(input.semanticVersion(), "semanticVersion");
        String data = DocumentSource.resolve(platform.objects(), input.data(), input.uri());
        ComponentDocument document = ComponentDocument.parse(data);
        if (Boolean.TRUE.equals(input.dryRun())) {
            throw ImageBuilderErrors.dryRun();
        }
        String arnName = ResourceNames.arnName(name);
        CreateComponentOutput output = platform.database().write(tx -> platform.clientTokens().run(tx, store,
                "imagebuilder:CreateComponent:" + context.account() + ":" + context.region(), input.clientToken(), input,
                CreateComponentOutput.class, context.received().toEpochMilli(),
                () -> ImageBuilderErrors.idempotentParameterMismatch(input.clientToken()),
                () -> insert(tx, context, input, arnName, version, data, document)));
        return output.withRequestId(context.requestId());
    }

    private CreateComponentOutput insert(Tx tx, RequestContext context, CreateComponentInput input, String arnName,
                                         SemanticVersion version, String data, ComponentDocument document) {
        Optional<ComponentBuild> latest = catalog.owned(tx, context, arnName).stream()
                .filter(c -> c.buildVersion().version().equals(version))
                .max(Comparator.comparing(ComponentBuild::buildVersion));
        if (latest.isPresent() && sameContent(latest.get().doc(), input, data)) {
            throw ImageBuilderErrors.alreadyExists("The following resource 'Component' already exists: '"
                    + latest.get().arn() + "'.");
        }
        String counter = "ib:component:" + context.account() + ":" + context.region() + ":" + arnName + "/" + version;
        int build = Math.toIntExact(platform.counters().next(tx, counter));
        BuildVersion buildVersion = new BuildVersion(version, build);
        ImageBuilderArn arn = ImageBuilderArn.component(context.region(), context.account(), arnName, buildVersion);
        long now = context.received().toEpochMilli();
        ComponentDoc doc = new ComponentDoc(input.name(), version.toString(), build, document.type().name(),
                input.platform(), input.supportedOsVersions(), input.description(), input.changeDescription(),
                input.kmsKeyId(), data, now, parameters(document));
        if (!platform.resources().insert(tx, new StoredResource(arn.toString(), context.account(), context.region(),
                ComponentCatalog.KIND, ComponentCatalog.sortKey(arnName, buildVersion), now, 1, store.writeString(doc)))) {
            throw ImageBuilderErrors.inUse("The component '" + arn + "' is being created by another request.");
        }
        if (input.tags() != null) {
            platform.tags().put(tx, arn.toString(), input.tags());
        }
        return new CreateComponentOutput(null, input.clientToken(), arn.toString(),
                LatestVersionReferencesShape.of(LatestVersionReferences.of(arn)));
    }

    private static List<ComponentParameterDetail> parameters(ComponentDocument document) {
        return document.parameters().stream().map(p -> new ComponentParameterDetail(p.name(), p.type(),
                p.defaultValue().map(List::of).orElse(null), p.description().orElse(null))).toList();
    }

    private static boolean sameContent(ComponentDoc latest, CreateComponentInput input, String data) {
        return latest.data().equals(data)
                && latest.platform().equals(input.platform())
                && Objects.equals(latest.supportedOsVersions(), input.supportedOsVersions())
                && Objects.equals(latest.description(), input.description())
                && Objects.equals(latest.changeDescription(), input.changeDescription())
                && Objects.equals(latest.kmsKeyId(), input.kmsKeyId());
    }

    GetComponentOutput get(RequestContext context, GetComponentInput input) {
        String raw = input.componentBuildVersionArn();
        ImageBuilderArn arn = ArnShape.COMPONENT_VERSION_ARN_OR_BUILD_VERSION_ARN.parse(raw, "componentBuildVersionArn");
        ResourceAccess.checkAccount(context, arn, raw);
        return platform.database().read(tx -> {
            ComponentBuild build = catalog.resolve(tx, context, arn).orElseThrow(() -> ImageBuilderErrors.notFound(raw));
            ComponentDoc d = build.doc();
            Map<String, String> tags = platform.tags().get(tx, build.arn().toString());
            Component component = new Component(build.arn().toString(), d.name(), d.version(), d.description(),
                    d.changeDescription(), d.type(), d.platform(), d.supportedOsVersions(), ACTIVE,
                    d.parameters().isEmpty() ? null : d.parameters(), build.owner(), d.data(), d.kmsKeyId(), true,
                    TimestampFormat.isoMillis(Instant.ofEpochMilli(d.dateCreated())), tags);
            return new GetComponentOutput(context.requestId(), component,
                    LatestVersionReferencesShape.of(LatestVersionReferences.of(build.arn())));
        });
    }

    DeleteComponentOutput delete(RequestContext context, DeleteComponentInput input) {
        String raw = input.componentBuildVersionArn();
        ImageBuilderArn arn = ArnShape.COMPONENT_BUILD_VERSION_ARN.parse(raw, "componentBuildVersionArn");
        if (arn.isAwsOwned()) {
            throw ImageBuilderErrors.forbidden("The resource ARN '" + raw
                    + "' is an AWS-managed component and cannot be deleted.");
        }
        ResourceAccess.checkAccount(context, arn, raw);
        return platform.database().write(tx -> {
            ResourceAccess.find(platform, tx, context, arn.toString(), ComponentCatalog.KIND)
                    .orElseThrow(() -> ImageBuilderErrors.notFound(raw));
            dependents.check(tx, context, arn.toString());
            platform.resources().delete(tx, arn.toString());
            platform.tags().removeAll(tx, arn.toString());
            return new DeleteComponentOutput(context.requestId(), arn.toString());
        });
    }

    /** No PutComponentPolicy exists here, so an existing component never has a policy. */
    GetComponentPolicyOutput getPolicy(RequestContext context, GetComponentPolicyInput input) {
        String raw = input.componentArn();
        ImageBuilderArn arn = ArnShape.COMPONENT_BUILD_VERSION_ARN.parse(raw, "componentArn");
        ResourceAccess.checkAccount(context, arn, raw);
        platform.database().read(tx -> catalog.resolve(tx, context, arn)).orElseThrow(() -> ImageBuilderErrors.notFound(raw));
        throw ImageBuilderErrors.of(dev.stepline.imagebuilder.ImageBuilderErrorCode.RESOURCE_NOT_FOUND,
                "The resource policy for the resource ARN '" + raw + "' was not found.");
    }
}
