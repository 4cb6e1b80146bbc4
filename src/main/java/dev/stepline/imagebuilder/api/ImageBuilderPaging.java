package dev.stepline.imagebuilder.api;

import dev.stepline.protocol.paging.PageTokens;

/**
 * Image Builder's paging rules (spec §5.0): {@code maxResults} 1–25 (the range is checked by the
 * request record's {@code @Range}), 25 when absent; a token that is not ours, is for another
 * operation or other filters, or has expired is {@code InvalidPaginationTokenException}.
 */
public final class ImageBuilderPaging {
    public static final int DEFAULT_PAGE = 25;

    private ImageBuilderPaging() {}

    public static int size(Integer maxResults) {
        return maxResults == null ? DEFAULT_PAGE : maxResults;
    }

    /** The key to continue after, or null for the first page. */
    public static String after(PageTokens tokens, String nextToken, String operation, String fingerprint) {
        if (nextToken == null) {
            return null;
        }
        return tokens.open(nextToken, operation, fingerprint).orElseThrow(ImageBuilderErrors::invalidPaginationToken);
    }
}
