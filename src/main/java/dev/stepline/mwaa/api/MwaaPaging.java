package dev.stepline.mwaa.api;

import dev.stepline.protocol.paging.PageTokens;

/**
 * MWAA Serverless paging (spec §5): {@code MaxResults} 1–100 (checked by the request records),
 * 20 when absent; a token that is not ours, belongs to another operation or workflow, or has
 * expired is a {@code ValidationException}.
 */
final class MwaaPaging {
    static final int DEFAULT_PAGE = 20;

    private MwaaPaging() {}

    static int size(Integer maxResults) {
        return maxResults == null ? DEFAULT_PAGE : maxResults;
    }

    /** The sort key to continue from, or null for the first page. */
    static String after(PageTokens tokens, String nextToken, String operation, String fingerprint) {
        if (nextToken == null) {
            return null;
        }
        return tokens.open(nextToken, operation, fingerprint).orElseThrow(MwaaErrors::invalidNextToken);
    }
}
