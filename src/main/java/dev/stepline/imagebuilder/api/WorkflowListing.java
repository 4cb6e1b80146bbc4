package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.api.WorkflowCatalog.WorkflowBuild;
import dev.stepline.imagebuilder.api.WorkflowShapes.ListWorkflowBuildVersionsInput;
import dev.stepline.imagebuilder.api.WorkflowShapes.ListWorkflowBuildVersionsOutput;
import dev.stepline.imagebuilder.api.WorkflowShapes.ListWorkflowsInput;
import dev.stepline.imagebuilder.api.WorkflowShapes.ListWorkflowsOutput;
import dev.stepline.imagebuilder.api.WorkflowShapes.WorkflowDoc;
import dev.stepline.imagebuilder.api.WorkflowShapes.WorkflowSummary;
import dev.stepline.imagebuilder.api.WorkflowShapes.WorkflowVersion;
import dev.stepline.imagebuilder.arn.ArnShape;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.version.VersionPattern;
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
import java.util.stream.Collectors;

/**
 * ListWorkflows (version-level entries, name then version ascending, {@code byName} keeps the
 * highest version per workflow) and ListWorkflowBuildVersions (every build, newest first).
 * Filters apply before paging.
 */
final class WorkflowListing {
    private static final Set<String> FILTERS = new LinkedHashSet<>(List.of("name", "type", "version"));

    private final Platform platform;
    private final WorkflowCatalog catalog;

    WorkflowListing(Platform platform, WorkflowCatalog catalog) {
        this.platform = platform;
        this.catalog = catalog;
    }

    ListWorkflowsOutput list(RequestContext context, ListWorkflowsInput input) {
        Filters filters = Filters.parse(input.filters(), FILTERS);
        boolean byName = Boolean.TRUE.equals(input.byName());
        if (byName && filters.has("version")) {
            throw ImageBuilderErrors.invalidParameterCombination("The value supplied for parameter 'filters' is not valid. "
                    + "You cannot list workflows by name and filter by version in the same request.");
        }
        String owner = input.owner() == null ? "Self" : input.owner();
        List<WorkflowBuild> builds = switch (owner) {
            case "Self" -> platform.database().read(tx -> catalog.owned(tx, context));
            case "Amazon" -> catalog.managed(context);
            default -> List.of();
        };
        // the latest build of each version stands for the version
        Map<String, WorkflowBuild> versions = new LinkedHashMap<>();
        builds.stream().sorted(Comparator.comparing(WorkflowBuild::ascendingKey))
                .forEach(b -> versions.put(versionKey(b), b));
        List<WorkflowBuild> matching = versions.values().stream()
                .filter(b -> filters.test(b, WorkflowListing::field))
                .toList();
        if (byName) {
            matching = List.copyOf(matching.stream().collect(Collectors.toMap(
                    b -> b.arn().name() + "/" + b.type().arnSegment(), Function.identity(),
                    (a, b) -> a.buildVersion().compareTo(b.buildVersion()) >= 0 ? a : b, LinkedHashMap::new)).values());
        }
        String fingerprint = owner + "|" + byName + "|" + filters.fingerprint();
        KeyedPage<WorkflowBuild> page = KeyedPage.of(platform.pageTokens(), matching, WorkflowListing::versionKey,
                "ListWorkflows", fingerprint, input.maxResults(), input.nextToken());
        return new ListWorkflowsOutput(page.items().stream().map(WorkflowListing::version).toList(), page.nextToken());
    }

    ListWorkflowBuildVersionsOutput listBuildVersions(RequestContext context, ListWorkflowBuildVersionsInput input) {
        String raw = input.workflowVersionArn();
        ImageBuilderArn arn = raw == null ? null : ArnShape.WORKFLOW_WILDCARD_VERSION_ARN.parse(raw, "workflowVersionArn");
        if (arn != null) {
            ResourceAccess.checkAccount(context, arn, raw);
        }
        return platform.database().read(tx -> {
            List<WorkflowBuild> builds;
            if (arn == null) {
                builds = catalog.owned(tx, context);
            } else if (!arn.region().equals(context.region())) {
                builds = List.of();
            } else {
                VersionPattern pattern = arn.version().orElseThrow();
                builds = (arn.isAwsOwned() ? catalog.managed(context) : catalog.owned(tx, context)).stream()
                        .filter(b -> b.arn().owner().equals(arn.owner()) && b.arn().kind() == arn.kind()
                                && b.arn().name().equals(arn.name()) && pattern.matches(b.buildVersion().version()))
                        .toList();
            }
            KeyedPage<WorkflowBuild> page = KeyedPage.of(platform.pageTokens(), builds, WorkflowBuild::newestFirstKey,
                    "ListWorkflowBuildVersions", String.valueOf(raw), input.maxResults(), input.nextToken());
            List<WorkflowSummary> items = page.items().stream().map(b -> {
                WorkflowDoc d = b.doc();
                Map<String, String> tags = b.managed() ? Map.of() : platform.tags().get(tx, b.arn().toString());
                return new WorkflowSummary(b.arn().toString(), d.name(), d.version(), d.description(),
                        d.changeDescription(), d.type(), b.owner(), null, created(d), tags);
            }).toList();
            return new ListWorkflowBuildVersionsOutput(items, page.nextToken());
        });
    }

    private static String versionKey(WorkflowBuild b) {
        return b.arn().name() + "/" + b.type().arnSegment() + "/" + SortKeys.ascending(b.buildVersion().version());
    }

    private static Function<WorkflowBuild, Collection<String>> field(String filter) {
        return switch (filter) {
            case "name" -> b -> Filters.one(b.doc().name());
            case "type" -> b -> Filters.one(b.doc().type());
            case "version" -> b -> Filters.one(b.doc().version());
            default -> throw new IllegalArgumentException(filter);
        };
    }

    private static WorkflowVersion version(WorkflowBuild b) {
        WorkflowDoc d = b.doc();
        return new WorkflowVersion(b.arn().withoutBuild().toString(), d.name(), d.version(), d.description(), d.type(),
                b.owner(), created(d));
    }

    private static String created(WorkflowDoc d) {
        return TimestampFormat.isoMillis(Instant.ofEpochMilli(d.dateCreated()));
    }
}
