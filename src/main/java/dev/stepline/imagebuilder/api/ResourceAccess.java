package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.arn.ImageBuilderArn;
import dev.stepline.protocol.AwsException;
import dev.stepline.protocol.RequestContext;
import dev.stepline.store.StoredResource;
import dev.stepline.store.Tx;
import dev.stepline.server.Platform;
import java.util.Optional;

/**
 * Who may see an Image Builder ARN (spec §5.0): the caller's own account in the caller's region;
 * {@code aws}-owned ARNs are public. Another 12-digit account is {@code ForbiddenException} (403),
 * never a hint that the resource exists.
 */
final class ResourceAccess {
    /** Every Image Builder resource kind in the shared resource table starts with this. */
    static final String KIND_PREFIX = "ib:";

    private ResourceAccess() {}

    /** Throws {@code ForbiddenException} when the ARN names another customer account. */
    static void checkAccount(RequestContext context, ImageBuilderArn arn, String rawArn) {
        if (!arn.isAwsOwned() && !arn.owner().equals(context.account())) {
            throw forbidden(rawArn);
        }
    }

    static AwsException forbidden(String rawArn) {
        return ImageBuilderErrors.forbidden("You are not authorized to access the resource ARN '" + rawArn
                + "', which belongs to another account.");
    }

    /** The caller's row of this kind with exactly this ARN, in the caller's region. */
    static Optional<StoredResource> find(Platform platform, Tx tx, RequestContext context, String arn, String kind) {
        return platform.resources().get(tx, arn)
                .filter(r -> r.kind().equals(kind) && r.account().equals(context.account())
                        && r.region().equals(context.region()));
    }
}
