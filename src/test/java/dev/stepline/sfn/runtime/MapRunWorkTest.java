package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.sfn.runtime.dataflow.Json;
import org.junit.jupiter.api.Test;

class MapRunWorkTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:sm/lbl";

    private static MapRunWork run(int totalItems) {
        MapRunWork run = new MapRunWork();
        run.key = "m3";
        run.phase = MapRunWork.RUNNING;
        run.mapRunArn = "arn:aws:states:us-east-1:123456789012:mapRun:sm/lbl:abc";
        run.childMachineArn = MACHINE;
        run.totalItems = totalItems;
        run.totalChildren = totalItems;
        return run;
    }

    @Test
    void theStoredFormSurvivesAndDropsStartedInputs() {
        MapRunWork run = run(4);
        run.inputs = (tools.jackson.databind.node.ArrayNode) Json.parse("[{\"a\":1},2,3,4]");
        run.batchSizes = new int[] {1, 1, 1, 1};
        run.next = 2;
        run.running.add(0);
        run.running.add(1);
        run.toleratedPercentage = 12.5;
        run.writer = Json.object().put("Bucket", "b");
        String encoded = Json.compact(run.encode());
        MapRunWork decoded = MapRunWork.decode(Json.parse(encoded));
        assertThat(Json.compact(decoded.encode())).isEqualTo(encoded);
        assertThat(decoded.input(2).intValue()).isEqualTo(3);
        assertThat(decoded.inputs.size()).isEqualTo(2);
        assertThat(decoded.running).containsExactly(0, 1);
        assertThat(decoded.toleratedCount).isEqualTo(-1);
        assertThat(decoded.toleratedPercentage).isEqualTo(12.5);
    }

    @Test
    void childArnsAreDerivedFromTheRunAndTheIndex() {
        MapRunWork run = run(2);
        assertThat(run.childArn(1)).startsWith("arn:aws:states:us-east-1:123456789012:execution:sm/lbl:")
                .isEqualTo(run(2).childArn(1)).isNotEqualTo(run.childArn(0));
    }

    @Test
    void toleratedFailures() {
        MapRunWork strict = run(10);
        assertThat(strict.exceeded()).isFalse();
        strict.itemsFailed = 1;
        assertThat(strict.exceeded()).isTrue();

        MapRunWork count = run(10);
        count.toleratedCount = 2;
        count.itemsFailed = 2;
        assertThat(count.exceeded()).isFalse();
        count.itemsTimedOut = 1;
        assertThat(count.exceeded()).isTrue();

        MapRunWork percentage = run(10);
        percentage.toleratedPercentage = 20;
        percentage.itemsFailed = 2;
        assertThat(percentage.exceeded()).isFalse();
        percentage.itemsAborted = 1;
        assertThat(percentage.exceeded()).isTrue();
    }
}
