package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.arn.ModelPatterns;
import dev.stepline.imagebuilder.document.ComponentDocument;
import dev.stepline.imagebuilder.api.RecipeShapes.ComponentConfiguration;
import dev.stepline.imagebuilder.api.RecipeShapes.ComponentParameter;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.imagebuilder.version.VersionPattern;
import dev.stepline.protocol.RequestContext;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The {@code components} of a recipe: each ARN must match {@code ComponentVersionArnOrBuildVersionArn},
 * name a component of the caller's account that exists (a version or wildcard ARN resolves to
 * the latest matching build, spec §1.4), and pass only parameters the component's document
 * declares ({@code InvalidParameterCombinationException}, spec §5.2).
 *
 * <p>Components are rows of kind {@value #KIND} keyed by their build-version ARN, whose document
 * carries the component YAML in {@code data}. AWS-owned components ({@code :aws:}) are not seeded
 * locally: they are accepted as referenced, and their parameters are only checked when a row for
 * them exists.
 */
final class RecipeComponents {
    static final String KIND = "ib:component";
    private static final int SCAN_BATCH = 500;

    private final OwnedResources resources;

    RecipeComponents(OwnedResources resources) {
        this.resources = resources;
    }

    /** Checks the syntax of every entry; runs before idempotency and existence (spec §5.0 order). */
    static void checkShape(List<ComponentConfiguration> components) {
        if (components == null) {
            return;
        }
        for (int i = 0; i < components.size(); i++) {
            ComponentConfiguration component = components.get(i);
            ArnShape.COMPONENT_VERSION_ARN_OR_BUILD_VERSION_ARN.parse(component.componentArn(),
                    "components[" + i + "].componentArn");
            List<ComponentParameter> parameters = component.parameters();
            for (int j = 0; parameters != null && j < parameters.size(); j++) {
                ComponentParameter parameter = parameters.get(j);
                String path = "components[" + i + "].parameters[" + j + "]";
                if (ModelPatterns.containsNul(parameter.name())) {
                    throw ImageBuilderErrors.invalidParameter(path + ".name", "The name must not contain NUL characters.");
                }
                if (parameter.value().stream().anyMatch(v -> v == null || ModelPatterns.containsNul(v))) {
                    throw ImageBuilderErrors.invalidParameter(path + ".value", "A value must not contain NUL characters.");
                }
            }
        }
    }

    /** Checks that every component exists for the caller and accepts the parameters given. */
    void checkReferences(Tx tx, RequestContext context, List<ComponentConfiguration> components) {
        if (components == null) {
            return;
        }
        for (int i = 0; i < components.size(); i++) {
            ComponentConfiguration component = components.get(i);
            ImageBuilderArn arn = ImageBuilderArn.parse(component.componentArn());
            OwnedResources.checkAccount(context, arn);
            Optional<StoredResource> row = resolve(tx, context, arn);
            if (row.isEmpty()) {
                if (arn.isAwsOwned()) {
                    continue;
                }
                throw ImageBuilderErrors.notFound(component.componentArn());
            }
            checkParameters(row.get(), component.parameters(), i);
        }
    }

    private Optional<StoredResource> resolve(Tx tx, RequestContext context, ImageBuilderArn arn) {
        if (arn.isBuildVersion()) {
            return resources.platform().resources().get(tx, arn.toString()).filter(r -> r.kind().equals(KIND));
        }
        if (arn.isAwsOwned()) {
            return Optional.empty();
        }
        VersionPattern wanted = arn.version().orElse(VersionPattern.LATEST);
        List<Candidate> candidates = new ArrayList<>();
        String cursor = null;
        while (true) {
            List<StoredResource> batch = resources.platform().resources().list(tx, context.account(), context.region(),
                    KIND, "", cursor, SCAN_BATCH);
            for (StoredResource row : batch) {
                candidate(row).filter(c -> c.arn.name().equals(arn.name()) && wanted.matches(c.version))
                        .ifPresent(candidates::add);
            }
            if (batch.size() < SCAN_BATCH) {
                break;
            }
            cursor = batch.get(batch.size() - 1).sortKey();
        }
        return candidates.stream()
                .max(Comparator.comparing((Candidate c) -> c.version).thenComparingInt(c -> c.build))
                .map(c -> c.row);
    }

    private record Candidate(StoredResource row, ImageBuilderArn arn, SemanticVersion version, int build) {}

    private static Optional<Candidate> candidate(StoredResource row) {
        try {
            ImageBuilderArn arn = ImageBuilderArn.parse(row.arn());
            Optional<SemanticVersion> version = arn.version().flatMap(VersionPattern::exactVersion);
            return version.map(v -> new Candidate(row, arn, v, arn.build().orElse(0)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void checkParameters(StoredResource row, List<ComponentParameter> parameters, int index) {
        if (parameters == null || parameters.isEmpty()) {
            return;
        }
        Optional<Set<String>> declared = declaredParameters(row);
        if (declared.isEmpty()) {
            return;
        }
        List<String> undeclared = parameters.stream().map(ComponentParameter::name)
                .filter(name -> !declared.get().contains(name)).distinct().toList();
        if (!undeclared.isEmpty()) {
            throw ImageBuilderErrors.invalidParameterCombination("The value supplied for parameter 'components["
                    + index + "].parameters' is not valid. The following parameters are not defined in the provided component: "
                    + String.join(", ", undeclared));
        }
    }

    /** The parameter names the stored component document declares, when its document is readable. */
    private Optional<Set<String>> declaredParameters(StoredResource row) {
        try {
            JsonNode doc = resources.store().mapper().readTree(row.doc());
            JsonNode data = doc.get("data");
            if (data == null || !data.isString()) {
                return Optional.empty();
            }
            return Optional.of(ComponentDocument.parse(data.asString()).parameterNames());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The build-version ARN each component resolves to now (a version or wildcard ARN names the
     * latest matching build); an AWS-owned component that is not stored stays as written.
     */
    List<String> resolvedArns(Tx tx, RequestContext context, List<ComponentConfiguration> components) {
        List<String> out = new ArrayList<>();
        if (components != null) {
            for (ComponentConfiguration component : components) {
                ImageBuilderArn arn = ImageBuilderArn.parse(component.componentArn());
                out.add(resolve(tx, context, arn).map(StoredResource::arn).orElse(component.componentArn()));
            }
        }
        return out;
    }

    /**
     * How many of a recipe's components are build and how many test components: ExecuteComponents
     * runs the kind of its stage (spec §3). AWS-owned components are not seeded locally; their kind
     * is taken from the name ({@code …test…} is a test component, as AWS names them).
     *
     * @return {@code {build, test}}
     */
    int[] kinds(Tx tx, RequestContext context, List<ComponentConfiguration> components) {
        int[] counts = new int[2];
        if (components == null) {
            return counts;
        }
        for (ComponentConfiguration component : components) {
            ImageBuilderArn arn = ImageBuilderArn.parse(component.componentArn());
            String type = resolve(tx, context, arn).map(row -> resources.store().mapper().readTree(row.doc()).path("type")
                    .asString("BUILD")).orElse(arn.name().contains("test") ? "TEST" : "BUILD");
            counts["TEST".equals(type) ? 1 : 0]++;
        }
        return counts;
    }
}
