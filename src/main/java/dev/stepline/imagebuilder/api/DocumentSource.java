package dev.stepline.imagebuilder.api;

import dev.stepline.imagebuilder.ImageBuilderException;
import dev.stepline.objects.ObjectStore;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The document of a CreateWorkflow / CreateComponent request: exactly one of inline {@code data}
 * or an {@code s3://bucket/key} {@code uri} read from Stepline's own object store (spec §2.8).
 */
final class DocumentSource {
    private DocumentSource() {}

    static String resolve(ObjectStore objects, String data, String uri) {
        if ((data == null) == (uri == null)) {
            throw ImageBuilderException.invalidParameterCombination(data == null ? "uri" : "data",
                    "You must specify exactly one of data or uri.");
        }
        if (data != null) {
            if (data.indexOf('\0') >= 0) {
                throw ImageBuilderException.invalidParameterValue("data", "data must not contain null characters.");
            }
            return data;
        }
        if (!uri.startsWith("s3://") || uri.indexOf('/', 5) <= 5 || uri.endsWith("/")) {
            throw ImageBuilderException.invalidParameterValue("uri",
                    "The uri must be an Amazon S3 URI of the form s3://bucket/key.");
        }
        int slash = uri.indexOf('/', 5);
        String bucket = uri.substring(5, slash);
        String key = uri.substring(slash + 1);
        ObjectStore.StoredObject object = objects.get(bucket, key, null).orElseThrow(() ->
                ImageBuilderException.invalidParameterValue("uri",
                        "The document at '" + uri + "' could not be read: the object does not exist."));
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(object.content())).toString();
        } catch (CharacterCodingException e) {
            throw ImageBuilderException.invalidParameterValue("uri",
                    "The document at '" + uri + "' is not valid UTF-8 text.");
        }
    }
}
