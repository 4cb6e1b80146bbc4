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
    void aRedriveMovesTheUnsuccessfulChildrenToPendingRedriveAndTheStoredFormKeepsIt() {
        MapRunWork run = run(5);
        run.next = 3;
        run.succeeded = 1;
        run.itemsSucceeded = 1;
        run.failed = 1;
        run.itemsFailed = 1;
        run.aborted = 1;
        run.itemsAborted = 1;
        run.unsuccessful.put(1, "FAILED");
        run.unsuccessful.put(2, "ABORTED");
        run.status = "FAILED";
        run.stopMs = 5L;

        assertThat(run.redrive(9)).containsExactly(1, 2);
        assertThat(run.status).isEqualTo("RUNNING");
        assertThat(run.stopMs).isNull();
        assertThat(run.failed + run.aborted + run.itemsFailed + run.itemsAborted).isZero();
        assertThat(run.unsuccessful).isEmpty();
        assertThat(run.allEnded()).isFalse();
        run.pendingRedrive.pollFirst();
        run.childRedrives.put(1, 1);
        run.running.add(1);

        String encoded = Json.compact(run.encode());
        MapRunWork decoded = MapRunWork.decode(Json.parse(encoded));
        assertThat(Json.compact(decoded.encode())).isEqualTo(encoded);
        assertThat(decoded.pendingRedrive).containsExactly(2);
        assertThat(decoded.expectedRedriveCount(1)).isEqualTo(1);
        assertThat(decoded.expectedRedriveCount(2)).isZero();
        assertThat(decoded.redriveCount).isEqualTo(1);
        MapRunSummary summary = decoded.summary("parent", java.util.List.of());
        assertThat(summary.redriveCount()).isEqualTo(1);
        assertThat(summary.redriveMs()).isEqualTo(9L);
        assertThat(summary.executions().pendingRedrive()).isEqualTo(1);
        assertThat(summary.executions().running()).isEqualTo(1);
        assertThat(summary.executions().pending()).isEqualTo(2);
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
