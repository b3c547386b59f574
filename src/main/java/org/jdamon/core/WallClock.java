package org.jdamon.core;

import java.util.concurrent.TimeUnit;

/** Real time for live targets: {@link System#nanoTime()} and a parking sleep. */
public final class WallClock implements Clock {
    private final long epochOffsetNs =
            System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    @Override
    public long nowNs() {
        return System.nanoTime();
    }

    @Override
    public void sleepUs(long us) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        TimeUnit.MICROSECONDS.sleep(us);
    }

    @Override
    public long epochOffsetNs() {
        return epochOffsetNs;
    }
}
