package dev.stepline.sfn.tasks;

import java.util.Locale;
import java.util.Map;

/**
 * The service prefix of integration error names (spec §6.10): optimised integrations use Step Functions'
 * own names ({@code SQS.…}, {@code DynamoDB.…}, {@code StepFunctions.…}, {@code EventBridge.…},
 * {@code ApiGateway.…}); AWS SDK integrations use the SDK's service client name ({@code DynamoDb.…},
 * {@code Sfn.…}, {@code S3.…}).
 */
final class ServiceNames {
    private ServiceNames() {
    }

    private static final Map<String, String> OPTIMIZED = Map.ofEntries(
            Map.entry("lambda", "Lambda"), Map.entry("sqs", "SQS"), Map.entry("sns", "SNS"),
            Map.entry("dynamodb", "DynamoDB"), Map.entry("states", "StepFunctions"),
            Map.entry("events", "EventBridge"), Map.entry("apigateway", "ApiGateway"), Map.entry("ecs", "ECS"),
            Map.entry("eks", "EKS"), Map.entry("batch", "Batch"), Map.entry("glue", "Glue"),
            Map.entry("glue:startJobRun", "Glue"), Map.entry("sagemaker", "SageMaker"),
            Map.entry("athena", "Athena"), Map.entry("codebuild", "CodeBuild"),
            Map.entry("elasticmapreduce", "EMR"), Map.entry("emr-containers", "EMRContainers"),
            Map.entry("emr-serverless", "EMRServerless"), Map.entry("databrew", "DataBrew"),
            Map.entry("bedrock", "Bedrock"), Map.entry("mediaconvert", "MediaConvert"),
            Map.entry("redshift-data", "RedshiftData"), Map.entry("evidently", "Evidently"));

    /** AWS SDK for Java v2 service client prefixes, for SDK ids that do not simply capitalise. */
    private static final Map<String, String> SDK = Map.ofEntries(
            Map.entry("dynamodb", "DynamoDb"), Map.entry("sfn", "Sfn"), Map.entry("s3", "S3"),
            Map.entry("sqs", "Sqs"), Map.entry("sns", "Sns"), Map.entry("ec2", "Ec2"), Map.entry("iam", "Iam"),
            Map.entry("kms", "Kms"), Map.entry("ecs", "Ecs"), Map.entry("eks", "Eks"), Map.entry("ecr", "Ecr"),
            Map.entry("efs", "Efs"), Map.entry("emr", "Emr"), Map.entry("sts", "Sts"), Map.entry("ses", "Ses"),
            Map.entry("sesv2", "SesV2"), Map.entry("ssm", "Ssm"), Map.entry("rds", "Rds"),
            Map.entry("secretsmanager", "SecretsManager"), Map.entry("cloudwatch", "CloudWatch"),
            Map.entry("cloudwatchlogs", "CloudWatchLogs"), Map.entry("eventbridge", "EventBridge"),
            Map.entry("apigateway", "ApiGateway"), Map.entry("cloudformation", "CloudFormation"),
            Map.entry("codebuild", "CodeBuild"), Map.entry("kinesis", "Kinesis"), Map.entry("firehose", "Firehose"),
            Map.entry("athena", "Athena"), Map.entry("glue", "Glue"), Map.entry("textract", "Textract"),
            Map.entry("comprehend", "Comprehend"), Map.entry("rekognition", "Rekognition"),
            Map.entry("translate", "Translate"), Map.entry("bedrockruntime", "BedrockRuntime"),
            Map.entry("sagemaker", "SageMaker"), Map.entry("imagebuilder", "Imagebuilder"),
            Map.entry("mwaa", "Mwaa"), Map.entry("elasticache", "ElastiCache"),
            Map.entry("route53", "Route53"), Map.entry("acm", "Acm"), Map.entry("xray", "XRay"));

    /**
     * The error prefix for an integration ({@code sqs:sendMessage} → {@code SQS},
     * {@code aws-sdk:dynamodb:getItem} → {@code DynamoDb}).
     */
    static String prefix(String integration) {
        if (integration == null || integration.isEmpty()) {
            return "States";
        }
        if (integration.startsWith("aws-sdk:")) {
            String rest = integration.substring("aws-sdk:".length());
            String service = rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
            String known = SDK.get(service.toLowerCase(Locale.ROOT));
            return known != null ? known : capitalise(service);
        }
        String service = integration.contains(":") ? integration.substring(0, integration.indexOf(':')) : integration;
        String known = OPTIMIZED.get(service);
        return known != null ? known : capitalise(service);
    }

    private static String capitalise(String service) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : service.toCharArray()) {
            if (c == '-' || c == '_' || c == '.') {
                upper = true;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return out.toString();
    }
}
