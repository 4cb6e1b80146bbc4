package dev.stepline.sfn.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code application/x-www-form-urlencoded} encoding of an HTTP Task {@code RequestBody} when
 * {@code Transform.RequestBodyEncoding} is {@code URL_ENCODED}. Nested objects use bracket keys
 * ({@code a[b]=c}); arrays follow {@code RequestEncodingOptions.ArrayFormat}:
 * {@code INDICES} {@code a[0]=x&a[1]=y}, {@code REPEAT} {@code a=x&a=y}, {@code COMMAS} {@code a=x,y},
 * {@code BRACKETS} {@code a[]=x&a[]=y}. Keys and values are percent-encoded (brackets included).
 */
final class UrlEncodedForm {
    private UrlEncodedForm() {
    }

    static String encode(JsonNode object, String arrayFormat) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            add(pairs, e.getKey(), e.getValue(), arrayFormat);
        }
        return String.join("&", pairs);
    }

    private static void add(List<String> pairs, String key, JsonNode value, String arrayFormat) {
        if (value.isNull()) {
            return;
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                add(pairs, key + "[" + e.getKey() + "]", e.getValue(), arrayFormat);
            }
            return;
        }
        if (value.isArray()) {
            if (arrayFormat.equals("COMMAS")) {
                List<String> texts = new ArrayList<>();
                for (JsonNode element : value) {
                    if (!element.isNull()) {
                        texts.add(element.isContainer() ? element.toString() : HttpInvoke.scalarText(element));
                    }
                }
                pairs.add(HttpSupport.urlEncode(key) + "=" + HttpSupport.urlEncode(String.join(",", texts)));
                return;
            }
            int index = 0;
            for (JsonNode element : value) {
                String elementKey = switch (arrayFormat) {
                    case "REPEAT" -> key;
                    case "BRACKETS" -> key + "[]";
                    default -> key + "[" + index + "]";
                };
                add(pairs, elementKey, element, arrayFormat);
                index++;
            }
            return;
        }
        pairs.add(HttpSupport.urlEncode(key) + "=" + HttpSupport.urlEncode(HttpInvoke.scalarText(value)));
    }
}
