package dev.stepline.sfn.api;

import dev.stepline.protocol.paging.PageTokens;

/** Step Functions' paging rules (spec §4.0): {@code maxResults} 0 or absent means 100; bad tokens are {@code InvalidToken}. */
final class SfnPaging {
    static final int DEFAULT_PAGE = 100;

    private SfnPaging() {}

    static int size(Integer maxResults) {
        return maxResults == null || maxResults == 0 ? DEFAULT_PAGE : maxResults;
    }

    /** The key to continue after, or null for the first page. */
    static String after(PageTokens tokens, String nextToken, String operation, String fingerprint) {
        if (nextToken == null) {
            return null;
        }
        return tokens.open(nextToken, operation, fingerprint).orElseThrow(SfnErrors::invalidToken);
    }
}
