package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.imagebuilder.api.ComponentCatalog.ComponentBuild;
import dev.stepline.imagebuilder.api.ComponentShapes.ComponentDoc;
import dev.stepline.imagebuilder.api.ComponentShapes.ComponentSummary;
import dev.stepline.imagebuilder.api.ComponentShapes.ComponentVersion;
import dev.stepline.imagebuilder.api.ComponentShapes.ListComponentBuildVersionsInput;
import dev.stepline.imagebuilder.api.ComponentShapes.ListComponentBuildVersionsOutput;
import dev.stepline.imagebuilder.api.ComponentShapes.ListComponentsInput;
import dev.stepline.imagebuilder.api.ComponentShapes.ListComponentsOutput;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.server.Platform;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ListComponents (version-level entries with version ARNs, name then version ascending;
 * {@code byName} keeps the highest version per name) and ListComponentBuildVersions (builds of
 * one version, newest first). Only {@code owner=Self} has components in the emulator.
 */
final class ComponentListing {
    private static final Set<String> FILTERS = new LinkedHashSet<>(
            List.of("description", "name", "platform", "supportedOsVersion", "type", "version"));

    /** The model's {@code ComponentVersionArn} (exact version, no build), which {@link ArnShape} does not list. */
    private static final Pattern COMPONENT_VERSION_ARN = Pattern.compile(
            "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):component/[a-z0-9-_]+/[0-9]+\\.[0-9]+\\.[0-9]+$");

    private final Platform platform;
    private final ComponentCatalog catalog;

    ComponentListing(Platform platform, ComponentCatalog catalog) {
        this.platform = platform;
        this.catalog = catalog;
    }

    ListComponentsOutput list(RequestContext context, ListComponentsInput input) {
        Filters filters = Filters.parse(input.filters(), FILTERS);
        boolean byName = Boolean.TRUE.equals(input.byName());
        if (byName && filters.has("version")) {
            throw ImageBuilderErrors.invalidParameterCombination("The value supplied for parameter 'filters' is not valid. "
                    + "You cannot list components by name and filter by version in the same request.");
        }
        String owner = input.owner() == null ? "Self" : input.owner();
        List<ComponentBuild> builds = owner.equals("Self")
                ? platform.database().read(tx -> catalog.owned(tx, context))
                : List.of();
        Map<String, ComponentBuild> versions = new LinkedHashMap<>();
        builds.stream().sorted(Comparator.comparing(ComponentBuild::buildVersion))
                .forEach(b -> versions.put(b.versionKey(), b));
        List<ComponentBuild> matching = versions.values().stream()
                .filter(b -> filters.test(b, ComponentListing::field))
                .toList();
        if (byName) {
            matching = List.copyOf(matching.stream().collect(Collectors.toMap(b -> b.arn().name(), Function.identity(),
                    (a, b) -> a.buildVersion().compareTo(b.buildVersion()) >= 0 ? a : b, LinkedHashMap::new)).values());
        }
        String fingerprint = owner + "|" + byName + "|" + filters.fingerprint();
        KeyedPage<ComponentBuild> page = KeyedPage.of(platform.pageTokens(), matching, ComponentBuild::versionKey,
                "ListComponents", fingerprint, input.maxResults(), input.nextToken());
        List<ComponentVersion> items = page.items().stream().map(b -> {
            ComponentDoc d = b.doc();
            return new ComponentVersion(b.arn().withoutBuild().toString(), d.name(), d.version(), d.description(),
                    d.platform(), d.supportedOsVersions(), d.type(), b.owner(), created(d), Components.ACTIVE.status());
        }).toList();
        return new ListComponentsOutput(context.requestId(), items, page.nextToken());
    }

    ListComponentBuildVersionsOutput listBuildVersions(RequestContext context, ListComponentBuildVersionsInput input) {
        String raw = input.componentVersionArn();
        ImageBuilderArn arn = null;
        if (raw != null) {
            if (!COMPONENT_VERSION_ARN.matcher(raw).matches()) {
                throw ImageBuilderException.invalidParameterValue("componentVersionArn",
                        "componentVersionArn must match pattern " + COMPONENT_VERSION_ARN.pattern());
            }
            arn = ArnShape.COMPONENT_VERSION_ARN_OR_BUILD_VERSION_ARN.parse(raw, "componentVersionArn");
            ResourceAccess.checkAccount(context, arn, raw);
        }
        ImageBuilderArn wanted = arn;
        return platform.database().read(tx -> {
            List<ComponentBuild> builds;
            if (wanted == null) {
                builds = catalog.owned(tx, context);
            } else if (wanted.isAwsOwned() || !wanted.region().equals(context.region())) {
                builds = List.of();
            } else {
                builds = catalog.owned(tx, context, wanted.name()).stream()
                        .filter(b -> wanted.version().orElseThrow().matches(b.buildVersion().version()))
                        .toList();
            }
            KeyedPage<ComponentBuild> page = KeyedPage.of(platform.pageTokens(), builds, ComponentBuild::newestFirstKey,
                    "ListComponentBuildVersions", String.valueOf(raw), input.maxResults(), input.nextToken());
            List<ComponentSummary> items = page.items().stream().map(b -> {
                ComponentDoc d = b.doc();
                return new ComponentSummary(b.arn().toString(), d.name(), d.version(), d.platform(),
                        d.supportedOsVersions(), Components.ACTIVE, d.type(), b.owner(), d.description(),
                        d.changeDescription(), created(d), platform.tags().get(tx, b.arn().toString()));
            }).toList();
            return new ListComponentBuildVersionsOutput(context.requestId(), items, page.nextToken());
        });
    }

    private static Function<ComponentBuild, Collection<String>> field(String filter) {
        return switch (filter) {
            case "description" -> b -> Filters.one(b.doc().description());
            case "name" -> b -> Filters.one(b.doc().name());
            case "platform" -> b -> Filters.one(b.doc().platform());
            case "supportedOsVersion" -> b -> b.doc().supportedOsVersions() == null ? List.of() : b.doc().supportedOsVersions();
            case "type" -> b -> Filters.one(b.doc().type());
            case "version" -> b -> Filters.one(b.doc().version());
            default -> throw new IllegalArgumentException(filter);
        };
    }

    private static String created(ComponentDoc d) {
        return TimestampFormat.isoMillis(Instant.ofEpochMilli(d.dateCreated()));
    }
}
