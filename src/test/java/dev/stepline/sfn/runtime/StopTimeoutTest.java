package dev.stepline.sfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.engine.WorkItem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopTimeoutTest {

    @Test
    void stopDuringWait() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}""", "{}");
        engine.signal("stop", "error", "Err", "cause", "because");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 WaitStateEntered 0",
                "3 ExecutionAborted 0");
        assertThat(engine.last().detail("error")).isEqualTo("Err");
        assertThat(engine.last().detail("cause")).isEqualTo("because");
        assertThat(engine.closed).isTrue();
        ExecutionSummary summary = engine.summary();
        assertThat(summary.status()).isEqualTo("ABORTED");
        assertThat(summary.stopDate()).isEqualTo(engine.now);
        assertThat(summary.error()).isEqualTo("Err");
        assertThat(summary.cause()).isEqualTo("because");
    }

    @Test
    void stopWithoutArgumentsHasEmptyDetails() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}""", "{}");
        String timer = engine.item(WorkItem.Kind.SIGNAL).key();
        engine.signal("stop");
        assertThat(engine.last().details().isEmpty()).isTrue();
        assertThat(engine.summary().error()).isNull();
        assertThat(engine.cancelled).contains(timer);
    }

    @Test
    void stopDuringTaskCancelsItsWork() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start(TaskStateTest.CALLBACK, "{}");
        WorkItem task = engine.item(WorkItem.Kind.TASK);
        WorkItem parked = engine.item(WorkItem.Kind.PARKED);
        engine.signal("stop");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 TaskStateEntered 0",
                "3 TaskScheduled 2", "4 TaskStarted 3", "5 ExecutionAborted 0");
        assertThat(engine.cancelled).contains(task.key(), parked.key(), parked.key() + "#heartbeat",
                task.key() + "#timeout");
        // the callback arriving afterwards changes nothing
        engine.closed = false;
        engine.signal("taskSucceeded", "task", task.key(), "output", "{}");
        assertThat(engine.events).hasSize(5);
    }

    @Test
    void stopDuringMapAbortsItsIterations() {
        FakeEngine engine = new FakeEngine();
        engine.tasks = item -> null;
        engine.start("""
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "End":true}}},"End":true}}}""", "[1,2,3]");
        engine.signal("stop");
        assertThat(engine.history()).containsExactly(
                "1 ExecutionStarted 0", "2 MapStateEntered 0", "3 MapStateStarted 2",
                "4 MapIterationStarted 3", "5 TaskStateEntered 4", "6 TaskScheduled 5", "7 TaskStarted 6",
                "8 MapIterationStarted 3", "9 TaskStateEntered 8", "10 TaskScheduled 9", "11 TaskStarted 10",
                "12 MapIterationAborted 7", "13 TaskStateAborted 7",
                "14 MapIterationAborted 11", "15 TaskStateAborted 11",
                "16 MapStateAborted 3",
                "17 ExecutionAborted 0");
        assertThat(engine.items).isEmpty();
    }

    @Test
    void stopDuringParallel() {
        FakeEngine engine = new FakeEngine().start("""
                {"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
                   {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}},
                   {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}],"End":true}}}""", "{}");
        engine.signal("stop");
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 ParallelStateEntered 0",
                "3 ParallelStateStarted 2", "4 WaitStateEntered 3", "5 PassStateEntered 3", "6 PassStateExited 5",
                "7 WaitStateAborted 4", "8 ParallelStateAborted 6", "9 ExecutionAborted 0");
    }

    @Test
    void executionTimeout() {
        FakeEngine engine = new FakeEngine().start("""
                {"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}""", "{}");
        WorkItem timeout = engine.items.get("executionTimeout");
        assertThat(timeout.dueMs()).isEqualTo(engine.now.toEpochMilli() + 10_000);
        engine.advance(Duration.ofSeconds(10));
        assertThat(engine.history()).containsExactly("1 ExecutionStarted 0", "2 WaitStateEntered 0",
                "3 ExecutionTimedOut 0");
        assertThat(engine.last().details().isEmpty()).isTrue();
        ExecutionSummary summary = engine.summary();
        assertThat(summary.status()).isEqualTo("TIMED_OUT");
        assertThat(summary.error()).isNull();
        assertThat(summary.cause()).isNull();
        assertThat(engine.items).isEmpty();
    }

    @Test
    void executionTimeoutTimerIsCancelledWhenTheExecutionEnds() {
        FakeEngine engine = new FakeEngine().start("""
                {"TimeoutSeconds":10,"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", "{}");
        assertThat(engine.summary().status()).isEqualTo("SUCCEEDED");
        assertThat(engine.cancelled).contains("executionTimeout");
    }

    @Test
    void historyLimitFailsTheExecutionWithEvent25000() {
        FakeEngine engine = new FakeEngine().preload(24_994);
        engine.start(PassChainTest.PASS_SUCCEED, "{}");
        // 24,995 ExecutionStarted, 24,996/7 Pass, 24,998/9 Succeed entered/exited, 25,000 must end it
        assertThat(engine.events).hasSize(25_000);
        assertThat(engine.last().type()).isEqualTo("ExecutionSucceeded");

        FakeEngine longer = new FakeEngine().preload(24_995);
        longer.start(PassChainTest.PASS_SUCCEED, "{}");
        assertThat(longer.events).hasSize(25_000);
        assertThat(longer.last().type()).isEqualTo("ExecutionFailed");
        assertThat(longer.last().detail("error")).isEqualTo("States.Runtime");
        assertThat(longer.summary().status()).isEqualTo("FAILED");
        assertThat(longer.closed).isTrue();
    }
}
