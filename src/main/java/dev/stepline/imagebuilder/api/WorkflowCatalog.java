package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.api.WorkflowShapes.WorkflowDoc;
import dev.stepline.imagebuilder.api.WorkflowShapes.WorkflowParameterDetail;
import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.imagebuilder.document.WorkflowDocument;
import dev.stepline.imagebuilder.document.WorkflowParameter;
import dev.stepline.imagebuilder.managed.ManagedWorkflow;
import dev.stepline.imagebuilder.managed.ManagedWorkflows;
import dev.stepline.imagebuilder.version.BuildVersion;
import dev.stepline.imagebuilder.version.SemanticVersion;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where workflow build versions are: the caller's own in the resource table (kind
 * {@value #KIND}, one row per build, sort key {@code name/type/version/build} so one workflow's
 * builds share a prefix), and the AWS-managed ones, served from memory in the caller's region.
 */
final class WorkflowCatalog {
    static final String KIND = "ib:workflow";
    /** When the managed workflows say they were created (their real dates are not public). */
    static final long MANAGED_CREATED_MS = Instant.parse("2023-11-16T00:00:00Z").toEpochMilli();
    private static final int ALL = Integer.MAX_VALUE;

    /** One workflow build version, stored or managed. */
    record WorkflowBuild(ImageBuilderArn arn, WorkflowDoc doc, String owner, boolean managed) {
        BuildVersion buildVersion() {
            return arn.buildVersion().orElseThrow();
        }

        WorkflowType type() {
            return arn.workflowType().orElseThrow();
        }

        /** Name, then type, then version and build ascending: ListWorkflows' order. */
        String ascendingKey() {
            return arn.name() + "/" + type().arnSegment() + "/" + SortKeys.ascending(buildVersion());
        }

        /** Name and type ascending, then version and build descending: newest first per workflow. */
        String newestFirstKey() {
            return arn.name() + "/" + type().arnSegment() + "/" + SortKeys.descending(buildVersion());
        }
    }

    private final Platform platform;
    private final JsonCodec store;

    WorkflowCatalog(Platform platform, JsonCodec store) {
        this.platform = platform;
        this.store = store;
    }

    static String sortKey(WorkflowType type, String arnName, BuildVersion buildVersion) {
        return prefix(type, arnName) + SortKeys.ascending(buildVersion);
    }

    static String prefix(WorkflowType type, String arnName) {
        return arnName + "/" + type.arnSegment() + "/";
    }

    static List<WorkflowParameterDetail> parameters(WorkflowDocument document) {
        return document.parameters().stream().map(WorkflowCatalog::parameter).toList();
    }

    private static WorkflowParameterDetail parameter(WorkflowParameter p) {
        return new WorkflowParameterDetail(p.name(), p.type().wireName(), p.defaultValue().orElse(null),
                p.description().orElse(null));
    }

    /** Every build the caller owns in its region. */
    List<WorkflowBuild> owned(Tx tx, RequestContext context) {
        return platform.resources().list(tx, context.account(), context.region(), KIND, "", null, ALL)
                .stream().map(this::fromRow).toList();
    }

    /** The caller's builds of one workflow (type and ARN name). */
    List<WorkflowBuild> owned(Tx tx, RequestContext context, WorkflowType type, String arnName) {
        return platform.resources().list(tx, context.account(), context.region(), KIND, prefix(type, arnName), null, ALL)
                .stream().map(this::fromRow).toList();
    }

    /** The managed workflows, in the caller's region. */
    List<WorkflowBuild> managed(RequestContext context) {
        return ManagedWorkflows.all().stream().map(m -> fromManaged(m, context.region())).toList();
    }

    /**
     * The build an ARN names: itself for a build-version ARN, else the highest matching version and
     * its highest build (spec §1.4). The caller must have checked the account already.
     */
    Optional<WorkflowBuild> resolve(Tx tx, RequestContext context, ImageBuilderArn arn) {
        if (!arn.region().equals(context.region()) || !arn.partition().equals(ImageBuilderArn.AWS_PARTITION)) {
            return Optional.empty();
        }
        WorkflowType type = arn.workflowType().orElseThrow();
        List<WorkflowBuild> candidates = arn.isAwsOwned()
                ? managed(context).stream().filter(w -> w.arn().owner().equals(arn.owner())
                        && w.type() == type && w.arn().name().equals(arn.name())).toList()
                : owned(tx, context, type, arn.name());
        if (arn.isBuildVersion()) {
            BuildVersion wanted = arn.buildVersion().orElseThrow();
            return candidates.stream().filter(w -> w.buildVersion().equals(wanted)).findFirst();
        }
        return arn.version().orElseThrow().resolveLatestBuild(candidates, WorkflowBuild::buildVersion);
    }

    WorkflowBuild fromRow(StoredResource row) {
        WorkflowDoc doc = store.mapper().readValue(row.doc(), WorkflowDoc.class);
        return new WorkflowBuild(ImageBuilderArn.parse(row.arn()), doc, row.account(), false);
    }

    private static WorkflowBuild fromManaged(ManagedWorkflow m, String region) {
        SemanticVersion version = m.buildVersion().version();
        WorkflowDoc doc = new WorkflowDoc(m.name(), version.toString(), m.buildVersion().build(), m.type().wireName(),
                m.description(), null, null, m.data(), MANAGED_CREATED_MS, parameters(m.document()));
        return new WorkflowBuild(m.arn(region), doc, ManagedWorkflow.OWNER, true);
    }
}
