package dev.stepline.sfn.asl;

/**
 * A distributed Map's {@code ItemBatcher}: each child receives {@code {"Items": [...], "BatchInput": ...}}.
 *
 * @param maxItemsPerBatch      {@code MaxItemsPerBatch[Path]}, or null
 * @param maxInputBytesPerBatch {@code MaxInputBytesPerBatch[Path]} (≤ 262,144), or null
 * @param batchInput            {@code BatchInput} template, or null
 */
public record ItemBatcher(NumericValue maxItemsPerBatch, NumericValue maxInputBytesPerBatch, Payload batchInput) {
}
