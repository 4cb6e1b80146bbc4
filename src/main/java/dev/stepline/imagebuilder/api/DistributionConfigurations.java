package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.CreateDistributionConfigurationInput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.CreateDistributionConfigurationOutput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.DeleteDistributionConfigurationInput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.DeleteDistributionConfigurationOutput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.Distribution;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.DistributionConfiguration;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.DistributionConfigurationSummary;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.DistributionDoc;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.GetDistributionConfigurationInput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.GetDistributionConfigurationOutput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.ListDistributionConfigurationsInput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.ListDistributionConfigurationsOutput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.UpdateDistributionConfigurationInput;
import dev.stepline.imagebuilder.api.DistributionConfigurationShapes.UpdateDistributionConfigurationOutput;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.ResourceKind;
import dev.stepline.imagebuilder.arn.ResourceNames;
import dev.stepline.protocol.RequestContext;
import dev.stepline.store.StoredResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Distribution configurations: one per name, updatable (an update replaces the description and
 * the distributions). Every distribution needs a region and at least one output, and a region
 * may appear in only one distribution. Responses carry {@code timeoutMinutes}, always 720 here
 * since the request shapes cannot set it.
 */
final class DistributionConfigurations {
    static final String KIND = "ib:distributionConfiguration";
    static final int TIMEOUT_MINUTES = 720;
    private static final Set<String> FILTERS = Set.of("name");

    private final OwnedResources resources;
    private final Dependents dependents;

    DistributionConfigurations(OwnedResources resources, Dependents dependents) {
        this.resources = resources;
        this.dependents = dependents;
    }

    /** The semantic checks on {@code distributions} (spec §5.2). */
    static void checkDistributions(List<Distribution> distributions) {
        if (distributions.isEmpty()) {
            throw ImageBuilderErrors.invalidParameter("distributions",
                    "At least one distribution must be provided in a distribution configuration.");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < distributions.size(); i++) {
            Distribution d = distributions.get(i);
            if (d.amiDistributionConfiguration() == null && d.containerDistributionConfiguration() == null
                    && d.licenseConfigurationArns() == null && d.launchTemplateConfigurations() == null
                    && d.s3ExportConfiguration() == null && d.fastLaunchConfigurations() == null
                    && d.ssmParameterConfigurations() == null) {
                throw ImageBuilderErrors.invalidParameter("distributions[" + i + "]",
                        "One or more outputs should be provided for each region in a distribution configuration.");
            }
            Integer first = seen.putIfAbsent(d.region(), i);
            if (first != null) {
                throw ImageBuilderErrors.invalidParameter("distributions[" + i + "].region",
                        "The region '" + d.region() + "' is already used by distributions[" + first
                                + "]; each region may appear in only one distribution.");
            }
        }
    }

    CreateDistributionConfigurationOutput create(RequestContext context, CreateDistributionConfigurationInput input) {
        String arnName = ResourceNames.arnName(ResourceNames.validate(input.name(), "name"));
        checkDistributions(input.distributions());
        String arn = ImageBuilderArn.unversioned(context.region(), context.account(),
                ResourceKind.DISTRIBUTION_CONFIGURATION, arnName).toString();
        CreateDistributionConfigurationOutput out = resources.platform().database().write(tx ->
                resources.once(tx, context, "CreateDistributionConfiguration", input.clientToken(), input,
                        CreateDistributionConfigurationOutput.class, () -> {
                    DistributionDoc doc = new DistributionDoc(input.name(), input.description(), input.distributions(), null);
                    if (!resources.insert(tx, context, KIND, arn, arnName, doc, input.tags())) {
                        throw ImageBuilderErrors.alreadyExists(
                                "The following resource 'DistributionConfiguration' already exists: '" + arn + "'.");
                    }
                    return new CreateDistributionConfigurationOutput(null, input.clientToken(), arn);
                }));
        return new CreateDistributionConfigurationOutput(context.requestId(), out.clientToken(),
                out.distributionConfigurationArn());
    }

    UpdateDistributionConfigurationOutput update(RequestContext context, UpdateDistributionConfigurationInput input) {
        ImageBuilderArn arn = ArnShape.DISTRIBUTION_CONFIGURATION_ARN.parse(input.distributionConfigurationArn(),
                "distributionConfigurationArn");
        checkDistributions(input.distributions());
        OwnedResources.checkAccount(context, arn);
        UpdateDistributionConfigurationOutput out = resources.platform().database().write(tx ->
                resources.once(tx, context, "UpdateDistributionConfiguration", input.clientToken(), input,
                        UpdateDistributionConfigurationOutput.class, () -> {
                    StoredResource row = resources.require(tx, context, KIND, arn.toString());
                    DistributionDoc old = resources.read(row, DistributionDoc.class);
                    DistributionDoc doc = new DistributionDoc(old.name(), input.description(), input.distributions(),
                            context.received().toEpochMilli());
                    if (!resources.platform().resources().update(tx, row.arn(), row.version(),
                            resources.store().writeString(doc))) {
                        throw ImageBuilderErrors.inUse("The resource ARN '" + arn + "' is being modified by another request.");
                    }
                    return new UpdateDistributionConfigurationOutput(null, input.clientToken(), arn.toString());
                }));
        return new UpdateDistributionConfigurationOutput(context.requestId(), out.clientToken(),
                out.distributionConfigurationArn());
    }

    GetDistributionConfigurationOutput get(RequestContext context, GetDistributionConfigurationInput input) {
        ImageBuilderArn arn = ArnShape.DISTRIBUTION_CONFIGURATION_ARN.parse(input.distributionConfigurationArn(),
                "distributionConfigurationArn");
        OwnedResources.checkAccount(context, arn);
        return resources.platform().database().read(tx -> {
            StoredResource row = resources.require(tx, context, KIND, arn.toString());
            return new GetDistributionConfigurationOutput(context.requestId(), view(tx, row));
        });
    }

    /** The configuration a row holds, as GetDistributionConfiguration (and GetImage) show it. */
    DistributionConfiguration view(dev.stepline.store.Tx tx, StoredResource row) {
        DistributionDoc doc = resources.read(row, DistributionDoc.class);
        return new DistributionConfiguration(row.arn(), doc.name(), doc.description(), doc.distributions(), TIMEOUT_MINUTES,
                OwnedResources.date(row.createdMs()), OwnedResources.dateOrNull(doc.dateUpdated()),
                resources.tags(tx, row.arn()));
    }

    ListDistributionConfigurationsOutput list(RequestContext context, ListDistributionConfigurationsInput input) {
        ListFilters filters = ListFilters.of(input.filters(), FILTERS);
        String fingerprint = resources.fingerprint(input.filters());
        return resources.platform().database().read(tx -> {
            OwnedResources.Page page = resources.page(tx, context, KIND, "ListDistributionConfigurations", fingerprint,
                    input.maxResults(), input.nextToken(), row -> {
                        DistributionDoc doc = resources.read(row, DistributionDoc.class);
                        return filters.matches(field -> field.equals("name") ? doc.name() : null);
                    });
            List<DistributionConfigurationSummary> items = page.rows().stream().map(row -> {
                DistributionDoc doc = resources.read(row, DistributionDoc.class);
                return new DistributionConfigurationSummary(row.arn(), doc.name(), doc.description(),
                        OwnedResources.date(row.createdMs()), OwnedResources.dateOrNull(doc.dateUpdated()),
                        resources.tags(tx, row.arn()), doc.distributions().stream().map(Distribution::region).toList());
            }).toList();
            return new ListDistributionConfigurationsOutput(context.requestId(), items, page.nextToken());
        });
    }

    DeleteDistributionConfigurationOutput delete(RequestContext context, DeleteDistributionConfigurationInput input) {
        ImageBuilderArn arn = ArnShape.DISTRIBUTION_CONFIGURATION_ARN.parse(input.distributionConfigurationArn(),
                "distributionConfigurationArn");
        resources.deleteOwned(context, KIND, arn, dependents);
        return new DeleteDistributionConfigurationOutput(context.requestId(), arn.toString());
    }
}
