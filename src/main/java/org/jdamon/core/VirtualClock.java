package org.jdamon.core;

/**
 * Simulated time. Unpaced, a sleep only advances the counter, so a run takes as long as its computation.
 *
 * <p>Paced ({@link #paced}), it is kept in step with a wall clock, which is how a simulation runs in real
 * time. A live target needs one wake-up per sampling interval: the accessed bits it reads only say whether
 * a page was touched since they were cleared. A simulated workload's accesses are a function of time, so
 * it can answer for any interval after the fact. The paced clock therefore lets the samples of one window
 * run back to back and sleeps once per window, until the wall clock reaches the window's end. The samples,
 * their times and the record are exactly those of an unpaced run with the same seed.
 *
 * <p>{@link #paceWindowNs} picks the window: whole aggregation intervals, at least a second. A wake-up
 * is not free: on a virtual machine one costs the thread 50-200 µs of CPU (the sleep itself plus caches
 * and TLBs gone cold), which at 10 wake-ups a second is already 0.2% of a core. Observers lose nothing:
 * every aggregation is still delivered, in a burst at most one window early, and the dashboard redraws
 * once a second anyway.
 */
public final class VirtualClock implements Clock {
    private long nowNs;
    private final long epochOffsetNs;
    private final Clock wall;
    private final double speed;
    private final long windowNs;
    private boolean paceStarted;
    private long wallOriginNs;
    private long virtualOriginNs;
    private long nextPaceNs;

    public VirtualClock() {
        this(0, 0);
    }

    public VirtualClock(long startNs, long epochOffsetNs) {
        this(startNs, epochOffsetNs, null, 0, 0);
    }

    private VirtualClock(long startNs, long epochOffsetNs, Clock wall, double speed, long windowNs) {
        this.nowNs = startNs;
        this.epochOffsetNs = epochOffsetNs;
        this.wall = wall;
        this.speed = speed;
        this.windowNs = windowNs;
    }

    /**
     * Virtual time that runs {@code speed} virtual seconds per second of {@code wall}, waking up once
     * per {@code windowNs} of virtual time. Pacing starts at the first sleep; until then the clock is at 0.
     */
    public static VirtualClock paced(Clock wall, double speed, long windowNs) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("pacing speed must be positive and finite: " + speed);
        }
        if (windowNs <= 0) {
            throw new IllegalArgumentException("pacing window must be positive: " + windowNs + " ns");
        }
        return new VirtualClock(0, wall.epochOffsetNs() + wall.nowNs(), wall, speed, windowNs);
    }

    /** The pacing window for {@code attrs}: a whole number of aggregation intervals, at least 1 s. */
    public static long paceWindowNs(Attributes attrs) {
        long aggrNs = Math.max(attrs.aggrUs(), 1) * 1000L;
        return Math.max(1, (1_000_000_000L + aggrNs - 1) / aggrNs) * aggrNs;
    }

    public boolean isPaced() {
        return wall != null;
    }

    @Override
    public long nowNs() {
        return nowNs;
    }

    @Override
    public void sleepUs(long us) throws InterruptedException {
        if (wall == null) {
            nowNs += us * 1000L;
            return;
        }
        if (!paceStarted) {
            paceStarted = true;
            wallOriginNs = wall.nowNs();
            virtualOriginNs = nowNs;
            nextPaceNs = nowNs + windowNs;
        }
        nowNs += us * 1000L;
        if (nowNs >= nextPaceNs) {
            while (nextPaceNs <= nowNs) {
                nextPaceNs += windowNs;
            }
            long dueNs = wallOriginNs + (long) ((nowNs - virtualOriginNs) / speed);
            long aheadNs = dueNs - wall.nowNs();
            if (aheadNs > 0) {
                wall.sleepUs((aheadNs + 999) / 1000);
            }
        }
    }

    public void advanceNs(long ns) {
        nowNs += ns;
    }

    @Override
    public long epochOffsetNs() {
        return epochOffsetNs;
    }
}
