package dev.stepline.imagebuilder.runtime;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.document.WorkflowDocument;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed workflow documents by their text. The image state keeps each workflow's document text
 * (what ran must not change when the workflow resource is deleted); parsing it again on every
 * transition would cost more than the transition, so parsed documents are shared. Documents are
 * immutable and few (one per workflow build), so the cache is simply cleared when it grows large.
 */
final class Documents {
    private static final int MAX = 1_000;
    private static final Map<String, WorkflowDocument> CACHE = new ConcurrentHashMap<>();

    private Documents() {}

    static WorkflowDocument of(String data, String type) {
        WorkflowDocument document = CACHE.get(data);
        if (document == null) {
            if (CACHE.size() >= MAX) {
                CACHE.clear();
            }
            document = WorkflowDocument.parse(data, WorkflowType.fromWire(type).orElseThrow());
            CACHE.put(data, document);
        }
        return document;
    }
}
