package org.jdamon.core;

/** Simulated time: a sleep only advances the counter, so a run takes as long as its computation. */
public final class VirtualClock implements Clock {
    private long nowNs;
    private final long epochOffsetNs;

    public VirtualClock() {
        this(0, 0);
    }

    public VirtualClock(long startNs, long epochOffsetNs) {
        this.nowNs = startNs;
        this.epochOffsetNs = epochOffsetNs;
    }

    @Override
    public long nowNs() {
        return nowNs;
    }

    @Override
    public void sleepUs(long us) {
        nowNs += us * 1000L;
    }

    public void advanceNs(long ns) {
        nowNs += ns;
    }

    @Override
    public long epochOffsetNs() {
        return epochOffsetNs;
    }
}
