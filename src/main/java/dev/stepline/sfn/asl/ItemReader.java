package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A distributed Map's {@code ItemReader}.
 *
 * @param resource        e.g. {@code arn:aws:states:::s3:getObject} or {@code ...:s3:listObjectsV2}
 * @param parameters      {@code Parameters} (JSONPath) or {@code Arguments} (JSONata), or null
 * @param inputType       {@code ReaderConfig.InputType} (CSV, JSON, JSONL, MANIFEST, PARQUET), or null
 * @param csvHeaderLocation {@code ReaderConfig.CSVHeaderLocation} (FIRST_ROW or GIVEN), or null
 * @param csvHeaders      {@code ReaderConfig.CSVHeaders}; empty when absent
 * @param csvDelimiter    {@code ReaderConfig.CSVDelimiter}, or null
 * @param maxItems        {@code ReaderConfig.MaxItems[Path]}, or null
 * @param readerConfig    the raw {@code ReaderConfig}, or null
 */
public record ItemReader(String resource, Payload parameters, String inputType, String csvHeaderLocation,
                         List<String> csvHeaders, String csvDelimiter, NumericValue maxItems,
                         JsonNode readerConfig) {
    public ItemReader {
        Objects.requireNonNull(resource, "resource");
        csvHeaders = List.copyOf(csvHeaders);
    }
}
