package dev.stepline.sfn.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid definitions of every state type parse into the expected model. */
class AslParserTest {

    private static StateMachineDefinition parse(String json) {
        return AslParser.parse(json, StateMachineType.STANDARD);
    }

    @Test
    void topLevelFields() {
        StateMachineDefinition definition = parse("""
                {"Comment": "demo", "StartAt": "A", "TimeoutSeconds": 30, "Version": "1.0",
                 "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}
                """);
        assertThat(definition.comment()).isEqualTo("demo");
        assertThat(definition.startAt()).isEqualTo("A");
        assertThat(definition.timeoutSeconds()).isEqualTo(30);
        assertThat(definition.version()).isEqualTo("1.0");
        assertThat(definition.queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
        assertThat(definition.states()).containsOnlyKeys("A", "B");
        assertThat(definition.states().keySet()).containsExactly("A", "B");
        assertThat(definition.workflow().startState().name()).isEqualTo("A");
        assertThat(definition.warnings()).isEmpty();
    }

    @Test
    void passStateWithJsonPathDefaults() {
        PassState pass = (PassState) parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"x.$": "$.y", "n": 1.50}, "End": true}}}
                """).states().get("P");
        assertThat(pass.next()).isNull();
        assertThat(pass.isTerminal()).isTrue();
        assertThat(pass.inputPath()).isEqualTo(JsonPathExpression.ROOT);
        assertThat(pass.outputPath()).isEqualTo(JsonPathExpression.ROOT);
        assertThat(pass.resultPath()).isEqualTo(ReferencePath.ROOT);
        assertThat(pass.result().get("x.$").stringValue()).isEqualTo("$.y");
        assertThat(pass.result().get("n").decimalValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(pass.parameters()).isNull();
        assertThat(pass.queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    }

    @Test
    void nullPathsMeanDiscardOrEmpty() {
        PassState pass = (PassState) parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": null, "OutputPath": null,
                 "ResultPath": null, "End": true}}}
                """).states().get("P");
        assertThat(pass.inputPath()).isNull();
        assertThat(pass.outputPath()).isNull();
        assertThat(pass.resultPath()).isNull();
    }

    @Test
    void parametersArePreParsed() {
        PassState pass = (PassState) parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "ResultPath": "$.out.x",
                 "Parameters": {"literal": "$.notapath", "path.$": "$.a[0]", "ctx.$": "$$.Execution.Id",
                   "fn.$": "States.Format('{}-{}', $.a, $var)", "nested": {"deep.$": "$.b"}, "list": [1, 2]}}}}
                """).states().get("P");
        PayloadTemplate.ObjectTemplate template = (PayloadTemplate.ObjectTemplate) pass.parameters().template();
        List<PayloadTemplate.ObjectTemplate.Entry> entries = template.entries();
        assertThat(entries).extracting(PayloadTemplate.ObjectTemplate.Entry::key)
                .containsExactly("literal", "path", "ctx", "fn", "nested", "list");
        assertThat(entries.get(0).value()).isInstanceOf(PayloadTemplate.Literal.class);
        assertThat(((PayloadTemplate.PathValue) entries.get(1).value()).path().text()).isEqualTo("$.a[0]");
        assertThat(((PayloadTemplate.PathValue) entries.get(2).value()).path().root()).isEqualTo(PathRoot.CONTEXT);
        assertThat(((PayloadTemplate.IntrinsicValue) entries.get(3).value()).call().function())
                .isEqualTo(IntrinsicFunction.FORMAT);
        assertThat(entries.get(3).sourceKey()).isEqualTo("fn.$");
        assertThat(entries.get(4).value()).isInstanceOf(PayloadTemplate.ObjectTemplate.class);
        assertThat(entries.get(5).value()).isInstanceOf(PayloadTemplate.Literal.class);
        assertThat(pass.resultPath().steps()).containsExactly(new ReferencePath.Field("out"),
                new ReferencePath.Field("x"));
        assertThat(pass.parameters().raw().get("path.$").stringValue()).isEqualTo("$.a[0]");
    }

    @Test
    void taskStateWithRetryAndCatch() {
        TaskState task = (TaskState) parse("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                        "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"r.$": "$.Payload"},
                        "ResultPath": "$.result", "TimeoutSeconds": 60, "HeartbeatSecondsPath": "$.hb",
                        "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/x"},
                        "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 5,
                                   "BackoffRate": 1.5, "MaxDelaySeconds": 10, "JitterStrategy": "FULL"},
                                  {"ErrorEquals": ["States.ALL"]}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F", "ResultPath": "$.error"}],
                        "Next": "S"},
                  "S": {"Type": "Succeed"}, "F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}
                """).states().get("T");
        assertThat(task.resource().kind()).isEqualTo(TaskResource.Kind.SERVICE_INTEGRATION);
        assertThat(task.resource().pattern()).isEqualTo(TaskResource.Pattern.WAIT_FOR_TASK_TOKEN);
        assertThat(task.resource().integration()).isEqualTo("lambda:invoke");
        assertThat(task.next()).isEqualTo("S");
        assertThat(task.timeoutSeconds()).isEqualTo(NumericValue.Fixed.of(60));
        assertThat(((NumericValue.FromPath) task.heartbeatSeconds()).path().text()).isEqualTo("$.hb");
        assertThat(task.credentials()).isNotNull();
        assertThat(task.retry()).containsExactly(
                new Retrier(List.of("Lambda.ServiceException"), 2, 5, new BigDecimal("1.5"), 10,
                        Retrier.JitterStrategy.FULL, null),
                new Retrier(List.of("States.ALL"), 1, 3, new BigDecimal("2.0"), null, Retrier.JitterStrategy.NONE, null));
        assertThat(task.catchers()).hasSize(1);
        Catcher catcher = task.catchers().get(0);
        assertThat(catcher.next()).isEqualTo("F");
        assertThat(catcher.resultPath().text()).isEqualTo("$.error");
        assertThat(task.resultSelector().template()).isInstanceOf(PayloadTemplate.ObjectTemplate.class);
    }

    @Test
    void taskResourceKinds() {
        assertThat(TaskResource.classify("arn:aws:states:us-east-1:123456789012:activity:a").kind())
                .isEqualTo(TaskResource.Kind.ACTIVITY);
        assertThat(TaskResource.classify("arn:aws:lambda:us-east-1:123456789012:function:f").kind())
                .isEqualTo(TaskResource.Kind.LAMBDA_FUNCTION);
        TaskResource sdk = TaskResource.classify("arn:aws:states:::aws-sdk:s3:getObject");
        assertThat(sdk.kind()).isEqualTo(TaskResource.Kind.SDK_INTEGRATION);
        assertThat(sdk.integration()).isEqualTo("aws-sdk:s3:getObject");
        TaskResource sync2 = TaskResource.classify("arn:aws:states:::states:startExecution.sync:2");
        assertThat(sync2.pattern()).isEqualTo(TaskResource.Pattern.SYNC_2);
        assertThat(sync2.integration()).isEqualTo("states:startExecution");
        assertThat(TaskResource.classify("arn:aws:states:::ecs:runTask.sync").pattern())
                .isEqualTo(TaskResource.Pattern.SYNC);
        assertThat(TaskResource.classify("not-an-arn")).isNull();
        assertThat(TaskResource.classify("arn:aws:states")).isNull();
    }

    @Test
    void choiceStateWithEveryKindOfRule() {
        ChoiceState choice = (ChoiceState) parse("""
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Default": "D", "Choices": [
                    {"Variable": "$.n", "NumericGreaterThanEquals": 10, "Next": "D"},
                    {"And": [{"Variable": "$.s", "StringMatches": "a*"}, {"Not": {"Variable": "$.b", "IsNull": true}}],
                     "Next": "D"},
                    {"Or": [{"Variable": "$$.State.Name", "StringEqualsPath": "$.name"},
                            {"Variable": "$t", "TimestampLessThan": "2024-01-01T00:00:00Z"}], "Next": "D",
                     "Assign": {"seen": true}}]},
                  "D": {"Type": "Succeed"}}}
                """).states().get("C");
        assertThat(choice.defaultState()).isEqualTo("D");
        assertThat(choice.next()).isNull();
        assertThat(choice.choices()).hasSize(3);
        ChoiceRule.Comparison first = (ChoiceRule.Comparison) choice.choices().get(0).rule();
        assertThat(first.operator()).isEqualTo(ComparisonOperator.NUMERIC_GREATER_THAN_EQUALS);
        assertThat(first.variable().text()).isEqualTo("$.n");
        assertThat(first.value().intValue()).isEqualTo(10);
        ChoiceRule.And and = (ChoiceRule.And) choice.choices().get(1).rule();
        assertThat(((ChoiceRule.Comparison) and.rules().get(0)).operator()).isEqualTo(ComparisonOperator.STRING_MATCHES);
        ChoiceRule.Not not = (ChoiceRule.Not) and.rules().get(1);
        assertThat(((ChoiceRule.Comparison) not.rule()).operator()).isEqualTo(ComparisonOperator.IS_NULL);
        ChoiceRule.Or or = (ChoiceRule.Or) choice.choices().get(2).rule();
        ChoiceRule.Comparison pathOperand = (ChoiceRule.Comparison) or.rules().get(0);
        assertThat(pathOperand.variable().root()).isEqualTo(PathRoot.CONTEXT);
        assertThat(pathOperand.valuePath().text()).isEqualTo("$.name");
        assertThat(pathOperand.value()).isNull();
        assertThat(((ChoiceRule.Comparison) or.rules().get(1)).variable().variableName()).isEqualTo("t");
        assertThat(choice.choices().get(2).assign()).isNotNull();
    }

    @Test
    void everyComparisonOperatorHasItsAslName() {
        assertThat(ComparisonOperator.values()).hasSize(39);
        assertThat(ComparisonOperator.byFieldName("NumericLessThanEqualsPath"))
                .isEqualTo(ComparisonOperator.NUMERIC_LESS_THAN_EQUALS_PATH);
        assertThat(ComparisonOperator.byFieldName("IsTimestamp")).isEqualTo(ComparisonOperator.IS_TIMESTAMP);
        assertThat(ComparisonOperator.STRING_MATCHES.fieldName()).isEqualTo("StringMatches");
        assertThat(ComparisonOperator.byFieldName("StringMatchesPath")).isNull();
    }

    @Test
    void waitStates() {
        StateMachineDefinition definition = parse("""
                {"StartAt": "W1", "States": {
                  "W1": {"Type": "Wait", "Seconds": 5, "Next": "W2"},
                  "W2": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00.123Z", "Next": "W3"},
                  "W3": {"Type": "Wait", "SecondsPath": "$.s", "Next": "W4"},
                  "W4": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}}
                """);
        assertThat(((WaitState) definition.states().get("W1")).seconds()).isEqualTo(NumericValue.Fixed.of(5));
        assertThat(((WaitState) definition.states().get("W2")).timestamp())
                .isEqualTo(new StringValue.Fixed("2016-03-14T01:59:00.123Z"));
        assertThat(((WaitState) definition.states().get("W3")).seconds()).isInstanceOf(NumericValue.FromPath.class);
        assertThat(((WaitState) definition.states().get("W4")).timestamp()).isInstanceOf(StringValue.FromPath.class);
    }

    @Test
    void failStateWithPathsAndIntrinsics() {
        StateMachineDefinition definition = parse("""
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "F1"}],
                        "Default": "F2"},
                  "F1": {"Type": "Fail", "ErrorPath": "$.error", "CausePath": "States.Format('bad {}', $.x)"},
                  "F2": {"Type": "Fail"}}}
                """);
        FailState f1 = (FailState) definition.states().get("F1");
        assertThat(f1.error()).isInstanceOf(StringValue.FromPath.class);
        assertThat(((StringValue.FromIntrinsic) f1.cause()).call().function()).isEqualTo(IntrinsicFunction.FORMAT);
        assertThat(f1.isTerminal()).isTrue();
        FailState f2 = (FailState) definition.states().get("F2");
        assertThat(f2.error()).isNull();
        assertThat(f2.cause()).isNull();
    }

    @Test
    void parallelState() {
        StateMachineDefinition definition = parse("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                    {"Comment": "second", "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}}}
                """);
        ParallelState parallel = (ParallelState) definition.states().get("P");
        assertThat(parallel.branches()).hasSize(2);
        assertThat(parallel.branches().get(0).startAt()).isEqualTo("A");
        assertThat(parallel.branches().get(1).comment()).isEqualTo("second");
        assertThat(definition.allStates().keySet()).containsExactly("P", "A", "B");
    }

    @Test
    void inlineMapWithLegacyIterator() {
        MapState map = (MapState) parse("""
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                        "Parameters": {"item.$": "$$.Map.Item.Value"}, "End": true,
                        "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}
                """).states().get("M");
        assertThat(map.isDistributed()).isFalse();
        assertThat(map.processor().legacyIterator()).isTrue();
        assertThat(map.processor().executionType()).isNull();
        assertThat(map.itemsPath().text()).isEqualTo("$.items");
        assertThat(map.maxConcurrency()).isEqualTo(NumericValue.Fixed.of(2));
        assertThat(map.itemSelector()).isNotNull();
    }

    @Test
    void distributedMap() {
        MapState map = (MapState) parse("""
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "Label": "myLabel", "End": true,
                        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                                          "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
                        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                       "Parameters": {"Bucket": "b", "Key.$": "$.key"},
                                       "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                                                        "CSVHeaders": ["a", "b"], "MaxItems": 10}},
                        "ItemBatcher": {"MaxItemsPerBatch": 5, "BatchInput": {"x": 1}},
                        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                         "Parameters": {"Bucket": "b", "Prefix": "p"},
                                         "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}},
                        "ItemSelector": {"v.$": "$$.Map.Item.Value"},
                        "ToleratedFailurePercentage": 12.5, "ToleratedFailureCountPath": "$.tfc"}}}
                """).states().get("M");
        assertThat(map.isDistributed()).isTrue();
        assertThat(map.processor().executionType()).isEqualTo(StateMachineType.EXPRESS);
        assertThat(map.label()).isEqualTo("myLabel");
        assertThat(map.itemReader().inputType()).isEqualTo("CSV");
        assertThat(map.itemReader().csvHeaders()).containsExactly("a", "b");
        assertThat(map.itemReader().maxItems()).isEqualTo(NumericValue.Fixed.of(10));
        assertThat(map.itemBatcher().maxItemsPerBatch()).isEqualTo(NumericValue.Fixed.of(5));
        assertThat(map.resultWriter().outputType()).isEqualTo("JSONL");
        assertThat(map.resultWriter().transformation()).isEqualTo("COMPACT");
        assertThat(((NumericValue.Fixed) map.toleratedFailurePercentage()).value()).isEqualByComparingTo("12.5");
        assertThat(map.toleratedFailureCount()).isInstanceOf(NumericValue.FromPath.class);
    }

    @Test
    void jsonataDefinition() {
        StateMachineDefinition definition = parse("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},
                        "Output": "{% $states.result.Payload %}", "Assign": {"x": "{% $states.input.x %}"},
                        "TimeoutSeconds": "{% $timeout %}",
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F", "Output": "{% $states.errorOutput %}"}],
                        "Next": "C"},
                  "C": {"Type": "Choice", "Choices": [{"Condition": "{% $x > 1 %}", "Next": "W", "Output": {"a": 1}}],
                        "Default": "W"},
                  "W": {"Type": "Wait", "Seconds": "{% $states.input.wait %}", "Next": "M"},
                  "M": {"Type": "Map", "Items": "{% $states.input.items %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
                        "MaxConcurrency": "{% 3 %}", "End": true,
                        "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}},
                  "F": {"Type": "Fail", "Error": "{% 'Err' %}", "Cause": "literal"}}}
                """);
        assertThat(definition.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        TaskState task = (TaskState) definition.states().get("T");
        assertThat(task.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(task.inputPath()).isNull();
        assertThat(task.resultPath()).isNull();
        PayloadTemplate.ObjectTemplate arguments = (PayloadTemplate.ObjectTemplate) task.arguments().template();
        assertThat(((PayloadTemplate.JsonataValue) arguments.entries().get(1).value()).expression().expression())
                .isEqualTo("$states.input");
        assertThat(task.output().template()).isInstanceOf(PayloadTemplate.JsonataValue.class);
        assertThat(((NumericValue.FromJsonata) task.timeoutSeconds()).expression().expression()).isEqualTo("$timeout");
        assertThat(task.catchers().get(0).output()).isNotNull();
        assertThat(task.catchers().get(0).resultPath()).isNull();
        ChoiceState choice = (ChoiceState) definition.states().get("C");
        ChoiceRule.JsonataCondition condition = (ChoiceRule.JsonataCondition) choice.choices().get(0).rule();
        assertThat(condition.expression().expression()).isEqualTo("$x > 1");
        assertThat(choice.choices().get(0).output()).isNotNull();
        assertThat(((WaitState) definition.states().get("W")).seconds()).isInstanceOf(NumericValue.FromJsonata.class);
        MapState map = (MapState) definition.states().get("M");
        assertThat(map.items().template()).isInstanceOf(PayloadTemplate.JsonataValue.class);
        assertThat(map.itemsPath()).isNull();
        assertThat(map.maxConcurrency()).isInstanceOf(NumericValue.FromJsonata.class);
        FailState fail = (FailState) definition.states().get("F");
        assertThat(fail.error()).isInstanceOf(StringValue.FromJsonata.class);
        assertThat(fail.cause()).isEqualTo(new StringValue.Fixed("literal"));
    }

    @Test
    void perStateJsonataUnderJsonPathMachine() {
        StateMachineDefinition definition = parse("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"x": "{% 1 + 1 %}"}, "Next": "B"},
                  "B": {"Type": "Pass", "Parameters": {"y.$": "$.x"}, "End": true}}}
                """);
        assertThat(definition.states().get("A").queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(definition.states().get("B").queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    }

    @Test
    void warningsDoNotFailTheParse() {
        StateMachineDefinition definition = parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a": "$.x"},
                 "Result": {"b.$": "$.y"}, "End": true}}}
                """);
        assertThat(definition.warnings()).containsExactlyInAnyOrder(
                Diagnostic.warning("NO_DOLLAR", "The value for the field 'a' looks like a JSONPath or an intrinsic "
                        + "function call, but the field name does not end with '.$'", "/States/P/Parameters"),
                Diagnostic.warning("PASS_RESULT_IS_STATIC",
                        "The 'Result' of a Pass state is used literally; paths in it are not evaluated",
                        "/States/P/Result"));
    }

    @Test
    void expressDefinitionsMayUseRequestResponseTasks() {
        StateMachineDefinition definition = AslParser.parse("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                 "End": true}}}
                """, StateMachineType.EXPRESS);
        assertThat(definition.states()).containsKey("T");
    }

    @Test
    void distributedStandardChildrenMayUseSyncInsideExpressParent() {
        // The child workflow's type, not the parent's, decides what its tasks may use.
        AslParser.parse("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "T", "States": {"T": {"Type": "Task", "End": true,
                      "Resource": "arn:aws:states:::states:startExecution.sync:2"}}}}}}
                """, StateMachineType.EXPRESS);
    }
}
