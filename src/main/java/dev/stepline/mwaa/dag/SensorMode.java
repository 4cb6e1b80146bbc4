package dev.stepline.mwaa.dag;

import java.util.Locale;

/** A sensor's {@code mode}: hold the worker between pokes, or give it back (spec §2.3, §4.3). */
public enum SensorMode {
    POKE,
    RESCHEDULE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
