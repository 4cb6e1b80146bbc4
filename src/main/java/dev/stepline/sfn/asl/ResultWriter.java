package dev.stepline.sfn.asl;

import tools.jackson.databind.JsonNode;

/**
 * A distributed Map's {@code ResultWriter}.
 *
 * @param resource     {@code arn:aws:states:::s3:putObject}, or null when only {@code WriterConfig} is given
 * @param parameters   {@code Parameters} (JSONPath) or {@code Arguments} (JSONata), or null
 * @param outputType   {@code WriterConfig.OutputType} (JSON, JSONL), or null
 * @param transformation {@code WriterConfig.Transformation} (NONE, FLATTEN, COMPACT), or null
 * @param writerConfig the raw {@code WriterConfig}, or null
 */
public record ResultWriter(String resource, Payload parameters, String outputType, String transformation,
                           JsonNode writerConfig) {
}
