package dev.stepline.mwaa.api;

import static java.util.Objects.requireNonNull;

import dev.stepline.mwaa.api.WorkflowShapes.ListWorkflowVersionsInput;
import dev.stepline.mwaa.api.WorkflowShapes.ListWorkflowVersionsOutput;
import dev.stepline.mwaa.api.WorkflowShapes.ListWorkflowsInput;
import dev.stepline.mwaa.api.WorkflowShapes.ListWorkflowsOutput;
import dev.stepline.mwaa.api.WorkflowShapes.WorkflowSummary;
import dev.stepline.mwaa.api.WorkflowShapes.WorkflowVersionSummary;
import dev.stepline.mwaa.api.WorkflowStore.Found;
import dev.stepline.protocol.RequestContext;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import java.util.List;

/**
 * ListWorkflows (newest first, ties by ARN) and ListWorkflowVersions (latest first), spec §5.5,
 * §5.6: keyset pages on the resource index, signed {@code NextToken}s scoped to the operation
 * and, for versions, to the workflow.
 */
final class WorkflowListings {
    private final Platform platform;
    private final WorkflowStore store;

    WorkflowListings(Platform platform, WorkflowStore store) {
        this.platform = requireNonNull(platform, "platform is null");
        this.store = requireNonNull(store, "store is null");
    }

    ListWorkflowsOutput workflows(RequestContext context, ListWorkflowsInput input) {
        int size = MwaaPaging.size(input.maxResults());
        String before = MwaaPaging.after(platform.pageTokens(), input.nextToken(), "ListWorkflows", "");
        List<StoredResource> rows = platform.database().read(tx -> store.workflows(tx, context, before, size + 1));
        List<WorkflowSummary> page = rows.stream().limit(size)
                .map(r -> WorkflowViews.summary(r.arn(), store.workflowDoc(r)))
                .toList();
        String next = rows.size() > size
                ? platform.pageTokens().issue("ListWorkflows", "", rows.get(size - 1).sortKey())
                : null;
        return new ListWorkflowsOutput(page, next);
    }

    /** An unknown workflow is {@code ResourceNotFoundException} (spec §8 item 13). */
    ListWorkflowVersionsOutput versions(RequestContext context, ListWorkflowVersionsInput input) {
        int size = MwaaPaging.size(input.maxResults());
        String arn = input.workflowArn();
        String before = MwaaPaging.after(platform.pageTokens(), input.nextToken(), "ListWorkflowVersions", arn);
        return platform.database().read(tx -> {
            Found workflow = store.require(tx, context, arn);
            List<StoredResource> rows = store.versions(tx, context, arn, before, size + 1);
            List<WorkflowVersionSummary> page = rows.stream().limit(size)
                    .map(r -> WorkflowViews.summary(arn, store.versionDoc(r), workflow.doc().latestVersion()))
                    .toList();
            String next = rows.size() > size
                    ? platform.pageTokens().issue("ListWorkflowVersions", arn, rows.get(size - 1).sortKey())
                    : null;
            return new ListWorkflowVersionsOutput(page, next);
        });
    }
}
