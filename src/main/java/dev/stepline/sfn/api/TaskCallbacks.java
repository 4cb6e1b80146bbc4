package dev.stepline.sfn.api;

import dev.stepline.engine.Engine;
import dev.stepline.engine.Signal;
import dev.stepline.engine.WorkItem;
import dev.stepline.protocol.RequestContext;
import dev.stepline.sfn.api.ExecutionShapes.GetActivityTaskInput;
import dev.stepline.sfn.api.ExecutionShapes.GetActivityTaskOutput;
import dev.stepline.sfn.api.ExecutionShapes.SendTaskFailureInput;
import dev.stepline.sfn.api.ExecutionShapes.SendTaskHeartbeatInput;
import dev.stepline.sfn.api.ExecutionShapes.SendTaskSuccessInput;
import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.server.Platform;
import dev.stepline.protocol.Empty;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Activity workers and task-token callbacks (spec §4.10). A task waiting for the outside world is
 * a parked work item; its token names that item. GetActivityTask claims the oldest parked item of
 * the activity's queue; SendTaskSuccess/Failure delete the item and signal the execution in one
 * transaction, so a second answer finds nothing and gets {@code TaskTimedOut}.
 */
final class TaskCallbacks {
    /** How long GetActivityTask holds the connection when nothing is scheduled (AWS: 60 s). */
    static final Duration LONG_POLL = Duration.ofSeconds(60);
    /** Re-check the store at least this often (tasks scheduled by another node send no wake-up). */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Platform platform;
    private final Engine engine;
    private final TaskTokenSigner tokens;
    private final Activities activities;
    private final Map<String, Object> monitors = new ConcurrentHashMap<>();

    TaskCallbacks(Platform platform, Engine engine, TaskTokenSigner tokens, Activities activities) {
        this.platform = platform;
        this.activities = activities;
        this.engine = engine;
        this.tokens = tokens;
        engine.onParked(queue -> {
            Object monitor = monitors.get(queue);
            if (monitor != null) {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
        });
    }

    GetActivityTaskOutput getActivityTask(RequestContext context, GetActivityTaskInput input) {
        String arn = input.activityArn();
        SfnArn.parse(arn, "activity");
        if (!activities.exists(context, arn)) {
            throw SfnErrors.activityDoesNotExist(arn);
        }
        long deadline = System.nanoTime() + LONG_POLL.toNanos();
        Object monitor = monitors.computeIfAbsent(arn, k -> new Object());
        while (true) {
            Optional<GetActivityTaskOutput> task = claim(arn, input.workerName());
            if (task.isPresent()) {
                return task.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new GetActivityTaskOutput(null, null);
            }
            synchronized (monitor) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(left, RECHECK_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new GetActivityTaskOutput(null, null);
                }
            }
        }
    }

    /** A claimed activity task and the signal that reports it started. */
    private record Claim(String executionArn, WorkItem parked, WorkItem started) {}

    private Optional<GetActivityTaskOutput> claim(String arn, String workerName) {
        Optional<Claim> claim = platform.database().write(tx -> engine.claimParked(tx, arn, "worker").map(claimed -> {
            ObjectNode data = Json.object().put("task", claimed.item().payload().get("task").asString());
            if (workerName != null) {
                data.put("workerName", workerName);
            }
            WorkItem started = WorkItem.signal("started-" + claimed.item().key(), 0, new Signal("activityStarted", data));
            engine.store(tx, claimed.executionId(), started);
            return new Claim(claimed.executionId(), claimed.item(), started);
        }));
        return claim.map(c -> {
            engine.dispatch(c.executionArn(), c.started());
            ObjectNode payload = c.parked().payload();
            return new GetActivityTaskOutput(payload.get("token").asString(), payload.get("input").asString());
        });
    }

    Empty sendTaskSuccess(RequestContext context, SendTaskSuccessInput input) {
        try {
            Json.parse(input.output());
        } catch (JacksonException e) {
            throw SfnErrors.invalidOutput(e.getOriginalMessage());
        }
        ObjectNode data = Json.object().put("output", input.output());
        answer(input.taskToken(), "taskSucceeded", data);
        return Empty.INSTANCE;
    }

    Empty sendTaskFailure(RequestContext context, SendTaskFailureInput input) {
        ObjectNode data = Json.object();
        if (input.error() != null) {
            data.put("error", input.error());
        }
        if (input.cause() != null) {
            data.put("cause", input.cause());
        }
        answer(input.taskToken(), "taskFailed", data);
        return Empty.INSTANCE;
    }

    /** Pushes the task's heartbeat timeout back; writes no history (spec §4.10). */
    Empty sendTaskHeartbeat(RequestContext context, SendTaskHeartbeatInput input) {
        TaskTokenSigner.Target target = tokens.open(input.taskToken()).orElseThrow(SfnErrors::invalidToken);
        platform.database().write(tx -> {
            if (engine.item(tx, target.executionArn(), target.parkedKey()).isEmpty()) {
                throw SfnErrors.taskTimedOut();
            }
            String timer = target.parkedKey() + "#heartbeat";
            engine.item(tx, target.executionArn(), timer).ifPresent(item -> {
                long seconds = item.payload().path("data").path("heartbeatSeconds").asLong(0);
                engine.reschedule(tx, target.executionArn(), timer, platform.clock().millis() + seconds * 1000);
            });
            return null;
        });
        return Empty.INSTANCE;
    }

    /** Consumes the parked item the token names and signals its execution, or fails as AWS does. */
    private void answer(String token, String type, ObjectNode data) {
        TaskTokenSigner.Target target = tokens.open(token).orElseThrow(SfnErrors::invalidToken);
        WorkItem signal = platform.database().write(tx -> {
            WorkItem parked = engine.item(tx, target.executionArn(), target.parkedKey())
                    .orElseThrow(SfnErrors::taskTimedOut);
            engine.remove(tx, target.executionArn(), target.parkedKey());
            data.put("task", parked.payload().get("task").asString());
            data.put(dev.stepline.sfn.runtime.AslDialect.CALLBACK, true);
            WorkItem item = WorkItem.signal("answer-" + target.parkedKey(), 0, new Signal(type, data));
            engine.store(tx, target.executionArn(), item);
            return item;
        });
        engine.dispatch(target.executionArn(), signal).join();
    }
}
