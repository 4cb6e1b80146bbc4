package dev.stepline.mwaa.api;

import dev.stepline.protocol.awsjson.AwsJsonService;
import dev.stepline.protocol.json.JsonCodec;
import dev.stepline.protocol.json.TimestampFormat;
import dev.stepline.protocol.validate.PathStyle;
import dev.stepline.protocol.validate.Validator;
import dev.stepline.server.Platform;

/**
 * The MWAA Serverless face: awsJson1.0, {@code X-Amz-Target: AmazonMWAAServerless.<Op>}, signing
 * name {@code airflow-serverless}. Members are PascalCase on the wire (record components are
 * camelCase and renamed by the codec); timestamps are ISO-8601 strings (spec §6.2); patterns
 * must match whole values (Smithy).
 */
public final class MwaaServerlessApi {
    private MwaaServerlessApi() {}

    public static AwsJsonService create(Platform platform) {
        JsonCodec wire = new JsonCodec(JsonCodec.Naming.UPPER_CAMEL, TimestampFormat.ISO_MILLIS);
        AwsJsonService api = new AwsJsonService("airflow-serverless", "AmazonMWAAServerless", wire,
                new Validator(PathStyle.BRACKETS, MwaaServerlessApi::pascal, true), new MwaaErrors(), true);
        return api;
    }

    static String pascal(String member) {
        return member.isEmpty() ? member : Character.toUpperCase(member.charAt(0)) + member.substring(1);
    }
}
