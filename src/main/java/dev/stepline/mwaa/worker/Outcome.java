package dev.stepline.mwaa.worker;

import dev.stepline.engine.Signal;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an attempt (or a sensor's poke) ended, as the {@code taskDone} signal tells the dialect.
 *
 * @param state     {@code success}, {@code failed}, {@code skipped}, {@code reschedule} (a sensor poke
 *                  that found its condition unmet) or {@code deferred} (the attempt waits for a signal;
 *                  {@code xcom} is what it reports if that signal says success)
 * @param error     the failure text ({@code ErrorMessage}), or null
 * @param retryable false for failures Airflow never retries (a sensor's own timeout)
 * @param xcom      XCom key to JSON-serialised value
 * @param sensorState what a poke-mode sensor keeps in memory between pokes (JSON text; null for none):
 *                  the dialect hands it to the next poke as {@code sensorState}
 */
record Outcome(String state, String error, boolean retryable, Map<String, String> xcom, String sensorState) {
    /** XCom data per attempt (spec §1.1 quotas: 100 KB). */
    static final int MAX_XCOM_BYTES = 100 * 1024;

    static Outcome success(Map<String, String> xcom) {
        return new Outcome("success", null, true, xcom, null);
    }

    static Outcome failed(String error) {
        return new Outcome("failed", error, true, Map.of(), null);
    }

    static Outcome skipped(String why) {
        return new Outcome("skipped", why, true, Map.of(), null);
    }

    static Outcome reschedule() {
        return new Outcome("reschedule", null, true, Map.of(), null);
    }

    /** A poke that found its condition unmet and keeps {@code sensorState} for the next poke. */
    static Outcome reschedule(String sensorState) {
        return new Outcome("reschedule", null, true, Map.of(), sensorState);
    }

    /** The attempt waits for an external end (a {@code StepFunctionsPort.Waiter} signal); XCom on success. */
    static Outcome deferred(Map<String, String> xcom) {
        return new Outcome("deferred", null, true, xcom, null);
    }

    /** Success with {@code return_value} (a JSON text), or without any XCom when it is null. */
    static Outcome returned(String jsonValue) {
        Map<String, String> xcom = new LinkedHashMap<>();
        if (jsonValue != null) {
            xcom.put("return_value", jsonValue);
        }
        return success(xcom);
    }

    Signal signal(String attemptId) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("ti", attemptId).put("state", state).put("retryable", retryable);
        if (error != null) {
            data.put("error", error);
        }
        if (sensorState != null) {
            data.put("sensorState", sensorState);
        }
        if (!xcom.isEmpty()) {
            ObjectNode values = data.putObject("xcom");
            xcom.forEach(values::put);
        }
        return new Signal("taskDone", data);
    }
}
