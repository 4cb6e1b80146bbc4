package dev.stepline.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock every timer, lease, timestamp and timeout reads. Real time by default; time can
 * run faster ({@code scale} > 1, like Step Functions Local's WAIT_TIME_SCALE in reverse) and be
 * advanced by hand, so that a test of a one-day Wait finishes at once. Never goes backwards.
 * <p>
 * now = start + (real elapsed × scale) + manual offset
 */
public final class EngineClock extends Clock {
    private final Clock real;
    private final double scale;
    private final Instant realStart;
    private final AtomicLong offsetNanos = new AtomicLong();
    private final java.util.List<Runnable> advanceListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public EngineClock(Clock real, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        this.real = real;
        this.scale = scale;
        this.realStart = real.instant();
    }

    public static EngineClock system() {
        return new EngineClock(Clock.systemUTC(), 1.0);
    }

    /** Moves time forward by {@code amount}; returns the new time. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + amount);
        }
        offsetNanos.addAndGet(amount.toNanos());
        advanceListeners.forEach(Runnable::run);
        return instant();
    }

    /**
     * Raises the total manual advance to {@code total} (another node advanced the shared clock);
     * never lowers it. Returns whether time moved.
     */
    public boolean advanceTo(Duration total) {
        long target = total.toNanos();
        long current;
        do {
            current = offsetNanos.get();
            if (target <= current) {
                return false;
            }
        } while (!offsetNanos.compareAndSet(current, target));
        advanceListeners.forEach(Runnable::run);
        return true;
    }

    /** How far time has been advanced by hand in total. */
    public Duration advanced() {
        return Duration.ofNanos(offsetNanos.get());
    }

    /** Runs {@code listener} after every manual {@link #advance} (timers re-check what is due). */
    public void onAdvance(Runnable listener) {
        advanceListeners.add(listener);
    }

    public double scale() {
        return scale;
    }

    @Override
    public Instant instant() {
        Duration elapsed = Duration.between(realStart, real.instant());
        long scaled = scale == 1.0 ? elapsed.toNanos() : (long) (elapsed.toNanos() * scale);
        return realStart.plusNanos(scaled + offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the engine clock is always UTC");
    }
}
