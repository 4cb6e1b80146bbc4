package dev.stepline.imagebuilder.api;

import dev.stepline.protocol.paging.PageTokens;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of an in-memory, filtered list ordered by a unique string key. The token carries the
 * last key served, so a page is stable when items before it are deleted (keyset paging).
 *
 * @param items     this page
 * @param nextToken the token for the next page, or null on the last one
 */
record KeyedPage<T>(List<T> items, String nextToken) {
    static <T> KeyedPage<T> of(PageTokens tokens, List<T> all, Function<T, String> key, String operation,
                               String fingerprint, Integer maxResults, String nextToken) {
        int size = ImageBuilderPaging.size(maxResults);
        String after = ImageBuilderPaging.after(tokens, nextToken, operation, fingerprint);
        List<T> rest = all.stream()
                .filter(item -> after == null || key.apply(item).compareTo(after) > 0)
                .sorted(Comparator.comparing(key))
                .toList();
        List<T> page = rest.subList(0, Math.min(size, rest.size()));
        String next = rest.size() > size ? tokens.issue(operation, fingerprint, key.apply(page.get(size - 1))) : null;
        return new KeyedPage<>(List.copyOf(page), next);
    }
}
