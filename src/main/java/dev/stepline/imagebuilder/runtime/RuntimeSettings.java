package dev.stepline.imagebuilder.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulation's knobs, read by transitions: how long a simulated step takes on the engine
 * clock, and the injected {@link Fault}s. Held in memory for the pure dialect to read; the face
 * keeps them in its table and loads them at start, so they survive restarts. A transition reads
 * them only when a step starts, and what it decided is stored with the step's timer, so a
 * change never alters a step already running. On several nodes the face reloads them on every node
 * when one changes them.
 */
public final class RuntimeSettings {
    /** The default duration of a simulated step, in engine seconds (spec §3: short by default). */
    public static final double DEFAULT_STEP_SECONDS = 1.0;

    private volatile double stepSeconds = DEFAULT_STEP_SECONDS;
    /** Immutable; every change swaps the whole list, so a reader never sees half a change. */
    private volatile List<Fault> faults = List.of();

    public double stepSeconds() {
        return stepSeconds;
    }

    public void stepSeconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("stepSeconds must be a non-negative number");
        }
        this.stepSeconds = seconds;
    }

    public List<Fault> faults() {
        return faults;
    }

    /** Adds a fault, replacing one for the same workflow and step. */
    public synchronized void put(Fault fault) {
        List<Fault> next = new ArrayList<>(faults);
        next.removeIf(f -> f.workflow().equals(fault.workflow()) && f.step().equals(fault.step()));
        next.add(fault);
        faults = List.copyOf(next);
    }

    public synchronized void remove(String workflow, String step) {
        List<Fault> next = new ArrayList<>(faults);
        next.removeIf(f -> f.workflow().equals(workflow) && (step == null || f.step().equals(step)));
        faults = List.copyOf(next);
    }

    public synchronized void clearFaults() {
        faults = List.of();
    }

    /** Replaces every setting (a reload of what the store holds). */
    public synchronized void replace(double stepSeconds, List<Fault> faults) {
        stepSeconds(stepSeconds);
        this.faults = List.copyOf(faults);
    }

    /** The fault for this step of the workflow with this build-version ARN, if any. */
    public Optional<Fault> fault(String workflowArn, String stepName) {
        return faults.stream().filter(f -> f.step().equals(stepName) && f.appliesTo(workflowArn)).findFirst();
    }
}
