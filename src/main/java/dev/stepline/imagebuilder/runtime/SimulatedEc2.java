package dev.stepline.imagebuilder.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fake EC2 one image build works against (spec §3, simulation guidance): instances with a
 * lifecycle ({@code running} → {@code terminated}), the AMIs it registered and the SSM inventory
 * associations it made. Part of the image's stored state, so it changes only inside transitions
 * and survives restarts with the build. Ids come from {@link RunIds}, in AWS's formats.
 */
public final class SimulatedEc2 {
    public static final String RUNNING = "running";
    public static final String TERMINATED = "terminated";

    /** Instance id → state. */
    public Map<String, String> instances = new LinkedHashMap<>();
    /** AMI id → the instance it was made from (or the step that registered it). */
    public Map<String, String> images = new LinkedHashMap<>();
    /** Association id → instance id, while it exists. */
    public Map<String, String> associations = new LinkedHashMap<>();

    public boolean running(String instanceId) {
        return RUNNING.equals(instances.get(instanceId));
    }

    /** Terminates every running instance (a cancelled build's clean-up). */
    public void terminateAll() {
        instances.replaceAll((id, state) -> TERMINATED);
    }
}
