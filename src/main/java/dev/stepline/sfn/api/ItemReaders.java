package dev.stepline.sfn.api;

import dev.stepline.objects.ObjectStore;
import dev.stepline.sfn.runtime.dataflow.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Distributed Map's ItemReader over Stepline's object store (spec §6.14):
 * {@code arn:aws:states:::s3:getObject} with {@code ReaderConfig.InputType} JSON, JSONL or CSV, and
 * {@code arn:aws:states:::s3:listObjectsV2}. Failures are {@code States.ItemReaderFailed}.
 */
final class ItemReaders {
    static final String GET_OBJECT = "arn:aws:states:::s3:getObject";
    static final String LIST_OBJECTS = "arn:aws:states:::s3:listObjectsV2";
    static final String FAILED = "States.ItemReaderFailed";
    private static final Map<String, Character> DELIMITERS = Map.of("COMMA", ',', "PIPE", '|', "SEMICOLON", ';',
            "TAB", '\t', "SPACE", ' ');
    private static final int LIST_PAGE = 1000;

    /** A reader failure: the Map state fails with {@code error} and {@code cause}. */
    static final class ReaderFailure extends Exception {
        final String error;

        ReaderFailure(String error, String cause) {
            super(cause, null, false, false);
            this.error = error;
        }

        ReaderFailure(String cause) {
            this(FAILED, cause);
        }
    }

    private final ObjectStore objects;

    ItemReaders(ObjectStore objects) {
        this.objects = objects;
    }

    /** Reads the items the task payload describes (resource, parameters, readerConfig?, maxItems?). */
    ArrayNode read(ObjectNode payload) throws ReaderFailure {
        String resource = payload.path("resource").asString("");
        JsonNode parameters = payload.path("parameters");
        long max = payload.path("maxItems").asLong(Long.MAX_VALUE);
        String bucket = text(parameters, "Bucket");
        if (bucket == null) {
            throw new ReaderFailure("The field 'Bucket' is required but was missing"); // [unverified] wording
        }
        ArrayNode items = switch (resource) {
            case LIST_OBJECTS -> list(bucket, text(parameters, "Prefix"), max);
            case GET_OBJECT -> {
                String key = text(parameters, "Key");
                if (key == null) {
                    throw new ReaderFailure("The field 'Key' is required but was missing");
                }
                yield parse(get(bucket, key, text(parameters, "VersionId")), payload.path("readerConfig"), max);
            }
            default -> throw new ReaderFailure("The ItemReader resource '" + resource + "' is not supported by Stepline.");
        };
        return items;
    }

    private String get(String bucket, String key, String versionId) throws ReaderFailure {
        Optional<ObjectStore.StoredObject> object = objects.get(bucket, key, versionId);
        if (object.isEmpty()) {
            boolean bucketExists = objects.list(bucket, "", null, 1).isPresent();
            throw new ReaderFailure(bucketExists ? s3Error("NoSuchKey", "The specified key does not exist.")
                    : s3Error("NoSuchBucket", "The specified bucket does not exist."));
        }
        return new String(object.get().content(), StandardCharsets.UTF_8);
    }

    /** AWS reports the S3 SDK's message (spec §6.14) [unverified exact text]. */
    private static String s3Error(String code, String message) {
        return message + " (Service: S3, Status Code: 404, Request ID: " + UUID.randomUUID() + ")";
    }

    private ArrayNode list(String bucket, String prefix, long max) throws ReaderFailure {
        ArrayNode items = Json.NODES.arrayNode();
        String after = null;
        while (items.size() < max) {
            Optional<List<ObjectStore.ObjectSummary>> page = objects.list(bucket, prefix == null ? "" : prefix, after, LIST_PAGE);
            if (page.isEmpty()) {
                throw new ReaderFailure(s3Error("NoSuchBucket", "The specified bucket does not exist."));
            }
            for (ObjectStore.ObjectSummary summary : page.get()) {
                if (items.size() >= max) {
                    break;
                }
                ObjectNode item = items.addObject();
                item.put("Etag", summary.eTag().startsWith("\"") ? summary.eTag() : "\"" + summary.eTag() + "\"");
                item.put("Key", summary.key());
                item.put("LastModified", summary.lastModified().getEpochSecond());
                item.put("Size", summary.size());
                item.put("StorageClass", "STANDARD");
            }
            if (page.get().size() < LIST_PAGE) {
                break;
            }
            after = page.get().getLast().key();
        }
        return items;
    }

    static ArrayNode parse(String content, JsonNode config, long max) throws ReaderFailure {
        String type = config.path("InputType").asString("JSON");
        return switch (type) {
            case "JSON" -> json(content, max);
            case "JSONL" -> jsonl(content, max);
            case "CSV" -> csv(content, config, max);
            default -> throw new ReaderFailure("The ReaderConfig InputType " + type + " is not supported by Stepline.");
        };
    }

    private static ArrayNode json(String content, long max) throws ReaderFailure {
        JsonNode node;
        try {
            node = Json.parse(content);
        } catch (JacksonException e) {
            throw new ReaderFailure("The content of the object is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ArrayNode array)) {
            throw new ReaderFailure("Attempting to map over non-iterable node.");
        }
        return limit(array, max);
    }

    private static ArrayNode jsonl(String content, long max) throws ReaderFailure {
        ArrayNode items = Json.NODES.arrayNode();
        int line = 0;
        for (String text : content.split("\r?\n")) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            if (items.size() >= max) {
                break;
            }
            try {
                items.add(Json.parse(text));
            } catch (JacksonException e) {
                throw new ReaderFailure("The line " + line + " of the object is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return items;
    }

    private static ArrayNode csv(String content, JsonNode config, long max) throws ReaderFailure {
        String delimiterName = config.path("CSVDelimiter").asString("COMMA");
        Character delimiter = DELIMITERS.get(delimiterName);
        if (delimiter == null) {
            throw new ReaderFailure("The CSVDelimiter " + delimiterName + " is not supported.");
        }
        List<List<String>> rows = CsvRows.parse(content, delimiter);
        List<String> headers;
        int first = 0;
        if ("GIVEN".equals(config.path("CSVHeaderLocation").asString("FIRST_ROW"))) {
            headers = new ArrayList<>();
            for (JsonNode header : config.path("CSVHeaders")) {
                headers.add(header.asString());
            }
        } else {
            if (rows.isEmpty()) {
                return Json.NODES.arrayNode();
            }
            headers = rows.getFirst();
            first = 1;
        }
        if (new HashSet<>(headers).size() != headers.size()) {
            throw new ReaderFailure("CSV headers cannot contain duplicates.");
        }
        ArrayNode items = Json.NODES.arrayNode();
        for (int r = first; r < rows.size() && items.size() < max; r++) {
            List<String> row = rows.get(r);
            ObjectNode item = items.addObject();
            for (int c = 0; c < headers.size(); c++) {
                item.put(headers.get(c), c < row.size() ? row.get(c) : "");
            }
        }
        return items;
    }

    private static ArrayNode limit(ArrayNode array, long max) {
        if (array.size() <= max) {
            return array;
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (int i = 0; i < max; i++) {
            out.add(array.get(i));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
