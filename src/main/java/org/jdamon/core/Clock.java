package org.jdamon.core;

/**
 * The monitor's source of time. The worker loop only ever asks for "now" and for a sleep of one sampling
 * interval, so the same engine runs in real time on a live process ({@link WallClock}) and as fast as
 * the CPU allows on a simulation ({@link VirtualClock}).
 */
public interface Clock {
    /** Monotonic time in nanoseconds; its origin is the clock's own. */
    long nowNs();

    /** Lets {@code us} microseconds pass. */
    void sleepUs(long us) throws InterruptedException;

    /** Wall-clock epoch time in nanoseconds at which {@code nowNs() == 0} would have been, for records. */
    default long epochOffsetNs() {
        return 0;
    }
}
