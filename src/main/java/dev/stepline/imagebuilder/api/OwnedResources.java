package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.protocol.RequestContext;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.server.Platform;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the recipe and configuration handlers share: the caller's rows of one kind in the generic
 * resource table (kinds start with {@code ib:} so that tagging finds any Image Builder resource by
 * ARN), cross-account and not-found answers (spec §5.0), client-token idempotency, tags, dates,
 * and keyset pages with filters applied before paging.
 */
final class OwnedResources {
    /** Rows read per round trip while a filtered page is being filled. */
    private static final int SCAN_BATCH = 200;

    private final Platform platform;
    private final JsonCodec store;

    OwnedResources(Platform platform, JsonCodec store) {
        this.platform = platform;
        this.store = store;
    }

    Platform platform() {
        return platform;
    }

    JsonCodec store() {
        return store;
    }

    /**
     * An ARN naming another 12-digit account is {@code ForbiddenException} (403); {@code aws}-owned
     * ARNs are readable by everyone.
     */
    static void checkAccount(RequestContext context, ImageBuilderArn arn) {
        if (!arn.isAwsOwned() && !arn.owner().equals(context.account())) {
            throw ImageBuilderErrors.forbidden("The account " + context.account()
                    + " is not authorized to access the resource ARN '" + arn + "'.");
        }
    }

    /** The caller's row of {@code kind} at {@code arn}, in the caller's region. */
    Optional<StoredResource> find(Tx tx, RequestContext context, String kind, String arn) {
        return platform.resources().get(tx, arn)
                .filter(r -> r.kind().equals(kind) && r.account().equals(context.account())
                        && r.region().equals(context.region()));
    }

    /** {@link #find}, or {@code ResourceNotFoundException} {@code The resource ARN '<arn>' was not found.} */
    StoredResource require(Tx tx, RequestContext context, String kind, String arn) {
        return find(tx, context, kind, arn).orElseThrow(() -> ImageBuilderErrors.notFound(arn));
    }

    <T> T read(StoredResource row, Class<T> type) {
        return store.mapper().readValue(row.doc(), type);
    }

    /** Inserts a new row and its tags; false when the ARN is taken. */
    boolean insert(Tx tx, RequestContext context, String kind, String arn, String sortKey, Object doc,
                   Map<String, String> tags) {
        boolean inserted = platform.resources().insert(tx, new StoredResource(arn, context.account(), context.region(),
                kind, sortKey, context.received().toEpochMilli(), 1, store.writeString(doc)));
        if (inserted && tags != null && !tags.isEmpty()) {
            platform.tags().put(tx, arn, tags);
        }
        return inserted;
    }

    /**
     * Deletes the caller's resource of {@code kind} at {@code arn} and its tags: another account's
     * ARN is {@code ForbiddenException}, an unknown one {@code ResourceNotFoundException}, one still
     * in use {@code ResourceDependencyException}.
     */
    void deleteOwned(RequestContext context, String kind, ImageBuilderArn arn, Dependents dependents) {
        checkAccount(context, arn);
        platform.database().write(tx -> {
            require(tx, context, kind, arn.toString());
            dependents.check(tx, context, arn.toString());
            delete(tx, arn.toString());
            return null;
        });
    }

    /** AWS-managed resources are read-only: deleting one is {@code ForbiddenException}. */
    static void refuseAwsOwned(ImageBuilderArn arn) {
        if (arn.isAwsOwned()) {
            throw ImageBuilderErrors.forbidden("AWS-managed resources cannot be deleted: '" + arn + "'.");
        }
    }

    /** Deletes the row and its tags. */
    void delete(Tx tx, String arn) {
        platform.resources().delete(tx, arn);
        platform.tags().removeAll(tx, arn);
    }

    /** The resource's current tags; {@code {}} when it has none (spec §0). */
    Map<String, String> tags(Tx tx, String arn) {
        return platform.tags().get(tx, arn);
    }

    /**
     * Runs a mutating operation once per {@code clientToken} (spec §5.0): a replay with the same
     * request answers the stored response, a different request {@code IdempotentParameterMismatchException}.
     */
    <T> T once(Tx tx, RequestContext context, String operation, String clientToken, Object request, Class<T> type,
               Supplier<T> action) {
        String scope = "imagebuilder:" + operation + ":" + context.account() + ":" + context.region();
        return platform.clientTokens().run(tx, store, scope, clientToken, request, type,
                context.received().toEpochMilli(), () -> ImageBuilderErrors.idempotentParameterMismatch(clientToken),
                action);
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, as Image Builder's {@code DateTime} strings. */
    static String date(long epochMillis) {
        return TimestampFormat.isoMillis(Instant.ofEpochMilli(epochMillis));
    }

    static String dateOrNull(Long epochMillis) {
        return epochMillis == null ? null : date(epochMillis);
    }

    /** One page of rows and the token for the next, if any. */
    record Page(List<StoredResource> rows, String nextToken) {}

    /**
     * A page of the caller's rows of {@code kind} in sort-key order, keeping only rows that
     * {@code keep} accepts; the token continues after the last row returned.
     *
     * @param fingerprint the request's other arguments (filters, owner), bound into the token
     */
    Page page(Tx tx, RequestContext context, String kind, String operation, String fingerprint,
              Integer maxResults, String nextToken, Predicate<StoredResource> keep) {
        int size = ImageBuilderPaging.size(maxResults);
        // a token is good only for the account and region that were given it
        fingerprint = context.account() + ":" + context.region() + ":" + fingerprint;
        String cursor = ImageBuilderPaging.after(platform.pageTokens(), nextToken, operation, fingerprint);
        List<StoredResource> out = new ArrayList<>();
        while (out.size() <= size) {
            List<StoredResource> batch = platform.resources().list(tx, context.account(), context.region(), kind, "",
                    cursor, SCAN_BATCH);
            for (StoredResource row : batch) {
                if (keep.test(row)) {
                    out.add(row);
                    if (out.size() > size) {
                        break;
                    }
                }
            }
            if (batch.size() < SCAN_BATCH) {
                break;
            }
            cursor = batch.get(batch.size() - 1).sortKey();
        }
        if (out.size() > size) {
            List<StoredResource> rows = out.subList(0, size);
            return new Page(List.copyOf(rows),
                    platform.pageTokens().issue(operation, fingerprint, rows.get(size - 1).sortKey()));
        }
        return new Page(out, null);
    }

    /** A stable fingerprint of the list arguments other than the page. */
    String fingerprint(Object... arguments) {
        return store.writeString(java.util.Arrays.stream(arguments).map(a -> a == null ? "" : a).toList());
    }
}
