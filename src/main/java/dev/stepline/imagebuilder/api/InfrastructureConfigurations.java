package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.CreateInfrastructureConfigurationInput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.CreateInfrastructureConfigurationOutput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.DeleteInfrastructureConfigurationInput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.DeleteInfrastructureConfigurationOutput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.GetInfrastructureConfigurationInput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.GetInfrastructureConfigurationOutput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.InfrastructureConfiguration;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.InfrastructureConfigurationSummary;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.InfrastructureDoc;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.ListInfrastructureConfigurationsInput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.ListInfrastructureConfigurationsOutput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.UpdateInfrastructureConfigurationInput;
import dev.stepline.imagebuilder.api.InfrastructureConfigurationShapes.UpdateInfrastructureConfigurationOutput;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.ResourceKind;
import dev.stepline.imagebuilder.arn.ResourceNames;
import dev.stepline.protocol.RequestContext;
import dev.stepline.store.StoredResource;
import java.util.List;
import java.util.Set;

/**
 * Infrastructure configurations: one per name (ARN segment), updatable. An update replaces every
 * setting with what the request carries (members left out are cleared; {@code
 * terminateInstanceOnFailure} falls back to its default, true); the name and tags stay.
 */
final class InfrastructureConfigurations {
    static final String KIND = "ib:infrastructureConfiguration";
    private static final Set<String> FILTERS = Set.of("name");

    private final OwnedResources resources;
    private final Dependents dependents;

    InfrastructureConfigurations(OwnedResources resources, Dependents dependents) {
        this.resources = resources;
        this.dependents = dependents;
    }

    CreateInfrastructureConfigurationOutput create(RequestContext context, CreateInfrastructureConfigurationInput input) {
        String arnName = ResourceNames.arnName(ResourceNames.validate(input.name(), "name"));
        String arn = ImageBuilderArn.unversioned(context.region(), context.account(),
                ResourceKind.INFRASTRUCTURE_CONFIGURATION, arnName).toString();
        CreateInfrastructureConfigurationOutput out = resources.platform().database().write(tx ->
                resources.once(tx, context, "CreateInfrastructureConfiguration", input.clientToken(), input,
                        CreateInfrastructureConfigurationOutput.class, () -> {
                    InfrastructureDoc doc = new InfrastructureDoc(input.name(), input.description(), input.instanceTypes(),
                            input.instanceProfileName(), input.securityGroupIds(), input.subnetId(), input.logging(),
                            input.keyPair(), input.terminateInstanceOnFailure() == null || input.terminateInstanceOnFailure(),
                            input.snsTopicArn(), input.resourceTags(), input.instanceMetadataOptions(), input.placement(),
                            null);
                    if (!resources.insert(tx, context, KIND, arn, arnName, doc, input.tags())) {
                        throw ImageBuilderErrors.alreadyExists(
                                "The following resource 'InfrastructureConfiguration' already exists: '" + arn + "'.");
                    }
                    return new CreateInfrastructureConfigurationOutput(null, input.clientToken(), arn);
                }));
        return new CreateInfrastructureConfigurationOutput(context.requestId(), out.clientToken(),
                out.infrastructureConfigurationArn());
    }

    UpdateInfrastructureConfigurationOutput update(RequestContext context, UpdateInfrastructureConfigurationInput input) {
        ImageBuilderArn arn = ArnShape.INFRASTRUCTURE_CONFIGURATION_ARN.parse(input.infrastructureConfigurationArn(),
                "infrastructureConfigurationArn");
        OwnedResources.checkAccount(context, arn);
        UpdateInfrastructureConfigurationOutput out = resources.platform().database().write(tx ->
                resources.once(tx, context, "UpdateInfrastructureConfiguration", input.clientToken(), input,
                        UpdateInfrastructureConfigurationOutput.class, () -> {
                    StoredResource row = resources.require(tx, context, KIND, arn.toString());
                    InfrastructureDoc old = resources.read(row, InfrastructureDoc.class);
                    InfrastructureDoc doc = new InfrastructureDoc(old.name(), input.description(), input.instanceTypes(),
                            input.instanceProfileName(), input.securityGroupIds(), input.subnetId(), input.logging(),
                            input.keyPair(), input.terminateInstanceOnFailure() == null || input.terminateInstanceOnFailure(),
                            input.snsTopicArn(), input.resourceTags(), input.instanceMetadataOptions(), input.placement(),
                            context.received().toEpochMilli());
                    if (!resources.platform().resources().update(tx, row.arn(), row.version(),
                            resources.store().writeString(doc))) {
                        throw ImageBuilderErrors.inUse("The resource ARN '" + arn + "' is being modified by another request.");
                    }
                    return new UpdateInfrastructureConfigurationOutput(null, input.clientToken(), arn.toString());
                }));
        return new UpdateInfrastructureConfigurationOutput(context.requestId(), out.clientToken(),
                out.infrastructureConfigurationArn());
    }

    GetInfrastructureConfigurationOutput get(RequestContext context, GetInfrastructureConfigurationInput input) {
        ImageBuilderArn arn = ArnShape.INFRASTRUCTURE_CONFIGURATION_ARN.parse(input.infrastructureConfigurationArn(),
                "infrastructureConfigurationArn");
        OwnedResources.checkAccount(context, arn);
        return resources.platform().database().read(tx -> {
            StoredResource row = resources.require(tx, context, KIND, arn.toString());
            return new GetInfrastructureConfigurationOutput(context.requestId(), view(tx, row));
        });
    }

    /** The configuration a row holds, as GetInfrastructureConfiguration (and GetImage) show it. */
    InfrastructureConfiguration view(dev.stepline.store.Tx tx, StoredResource row) {
        InfrastructureDoc doc = resources.read(row, InfrastructureDoc.class);
        return new InfrastructureConfiguration(
                row.arn(), doc.name(), doc.description(), doc.instanceTypes(), doc.instanceProfileName(),
                doc.securityGroupIds(), doc.subnetId(), doc.logging(), doc.keyPair(), doc.terminateInstanceOnFailure(),
                doc.snsTopicArn(), OwnedResources.date(row.createdMs()), OwnedResources.dateOrNull(doc.dateUpdated()),
                doc.resourceTags(), doc.instanceMetadataOptions(), resources.tags(tx, row.arn()), doc.placement());
    }

    ListInfrastructureConfigurationsOutput list(RequestContext context, ListInfrastructureConfigurationsInput input) {
        ListFilters filters = ListFilters.of(input.filters(), FILTERS);
        String fingerprint = resources.fingerprint(input.filters());
        return resources.platform().database().read(tx -> {
            OwnedResources.Page page = resources.page(tx, context, KIND, "ListInfrastructureConfigurations", fingerprint,
                    input.maxResults(), input.nextToken(), row -> {
                        InfrastructureDoc doc = resources.read(row, InfrastructureDoc.class);
                        return filters.matches(field -> field.equals("name") ? doc.name() : null);
                    });
            List<InfrastructureConfigurationSummary> items = page.rows().stream().map(row -> {
                InfrastructureDoc doc = resources.read(row, InfrastructureDoc.class);
                return new InfrastructureConfigurationSummary(row.arn(), doc.name(), doc.description(),
                        OwnedResources.date(row.createdMs()), OwnedResources.dateOrNull(doc.dateUpdated()),
                        doc.resourceTags(), resources.tags(tx, row.arn()), doc.instanceTypes(), doc.instanceProfileName(),
                        doc.placement());
            }).toList();
            return new ListInfrastructureConfigurationsOutput(context.requestId(), items, page.nextToken());
        });
    }

    DeleteInfrastructureConfigurationOutput delete(RequestContext context, DeleteInfrastructureConfigurationInput input) {
        ImageBuilderArn arn = ArnShape.INFRASTRUCTURE_CONFIGURATION_ARN.parse(input.infrastructureConfigurationArn(),
                "infrastructureConfigurationArn");
        resources.deleteOwned(context, KIND, arn, dependents);
        return new DeleteInfrastructureConfigurationOutput(context.requestId(), arn.toString());
    }
}
