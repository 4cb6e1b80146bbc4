package dev.stepline.store;

import static java.util.Objects.requireNonNull;

/**
 * One resource definition row.
 *
 * @param arn       the resource's ARN: its identity everywhere
 * @param account   owning account
 * @param region    owning region
 * @param kind      a service-scoped type, e.g. {@code sfn:activity}
 * @param sortKey   the list order within (account, region, kind); unique there
 * @param createdMs creation time, epoch millis
 * @param version   optimistic-concurrency version, 1 on insert, +1 on every update
 * @param doc       the service's document (JSON)
 */
public record StoredResource(String arn, String account, String region, String kind, String sortKey,
                             long createdMs, long version, String doc) {
    public StoredResource {
        requireNonNull(arn, "arn is null");
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(sortKey, "sortKey is null");
        requireNonNull(doc, "doc is null");
    }
}
