package org.jdamon.record.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jdamon.core.damos.SchemeStats;
import org.jdamon.ops.kernel.KdamondSpec;
import org.jdamon.ops.kernel.KdamondStatus;
import org.jdamon.ops.kernel.KernelDamonException;
import org.jdamon.ops.kernel.SysfsDamon;
import org.jdamon.ops.kernel.SysfsFeature;
import org.jdamon.ops.kernel.SysfsScheme;
import org.jdamon.ops.kernel.TriedRegions;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * Records the kernel's monitoring results as jdamon snapshots, the way {@code damo record --snapshot}
 * does (damo-ecosystem §A.8): the kdamond gets one extra scheme, action {@code stat} matching every
 * region; each snapshot writes {@code update_schemes_tried_regions} to the kdamond's {@code state} and
 * reads that scheme's {@code tried_regions}. No tracing is needed.
 *
 * <p>Typical use: {@code try (var r = KernelRecorder.start(sysfs, spec, false)) { r.run(...); }}. The
 * snapshots go to a {@link SnapshotListener}; writing them to a file is the caller's business.
 */
public final class KernelRecorder implements AutoCloseable {

    /** Receives each snapshot as soon as it is read. */
    @FunctionalInterface
    public interface SnapshotListener {
        void onSnapshot(Snapshot snapshot);
    }

    private final SysfsDamon sysfs;
    private final KdamondSpec spec;
    private final int kdamond;
    private final int statScheme;
    private final boolean stopOnClose;
    private final long startNanoTime;
    private final long startEpochNs;
    private long lastEndNs;
    private int snapshots;

    private KernelRecorder(SysfsDamon sysfs, KdamondSpec spec, int kdamond, int statScheme, boolean stopOnClose) {
        this.sysfs = sysfs;
        this.spec = spec;
        this.kdamond = kdamond;
        this.statScheme = statScheme;
        this.stopOnClose = stopOnClose;
        this.startNanoTime = System.nanoTime();
        this.startEpochNs = System.currentTimeMillis() * 1_000_000L;
        this.lastEndNs = -spec.context().attributes().aggrUs() * 1000;
    }

    /**
     * Starts a new kdamond from {@code spec} plus a snapshot scheme, and records it; {@link #close} stops
     * it. The snapshot scheme is applied every sampling interval where the kernel supports apply
     * intervals (6.7+), so a snapshot costs about one sampling interval, else every aggregation.
     */
    public static KernelRecorder start(SysfsDamon sysfs, KdamondSpec spec, boolean replaceStopped) {
        boolean applyInterval = !sysfs.features().missing(SysfsFeature.APPLY_INTERVAL);
        KdamondSpec withStat = withSnapshotScheme(spec, applyInterval);
        List<Integer> started;
        try {
            started = sysfs.start(List.of(withStat), replaceStopped);
        } catch (KernelDamonException e) {
            if (applyInterval && e.getMessage().contains("apply_interval")) {
                withStat = withSnapshotScheme(spec, false);
                started = sysfs.start(List.of(withStat), replaceStopped);
            } else {
                throw e;
            }
        }
        return new KernelRecorder(sysfs, withStat, started.getFirst(), withStat.context().schemes().size() - 1, true);
    }

    /**
     * Records jdamon's already running kdamond {@code index}, whose scheme {@code statScheme} must be a
     * {@code stat} scheme matching every region ({@link SysfsScheme#statEverything}). It keeps running
     * after {@link #close}.
     */
    public static KernelRecorder attach(SysfsDamon sysfs, int index, KdamondSpec runningSpec, int statScheme) {
        return new KernelRecorder(sysfs, runningSpec, index, statScheme, false);
    }

    public static KdamondSpec withSnapshotScheme(KdamondSpec spec, boolean applyEverySample) {
        long apply = applyEverySample ? spec.context().attributes().sampleUs() : 0;
        return spec.withScheme(SysfsScheme.statEverything(apply));
    }

    public int kdamondIndex() {
        return kdamond;
    }

    public KdamondSpec spec() {
        return spec;
    }

    /** The header of a record of this kdamond: attributes, operations set, one entry per target. */
    public RecordHeader header(int formatVersion, String toolVersion, Map<String, String> properties) {
        List<TargetInfo> targets = new ArrayList<>();
        var ctx = spec.context();
        for (int i = 0; i < ctx.targets().size(); i++) {
            long pid = ctx.operations().equals("paddr") ? -1 : ctx.targets().get(i).pid();
            targets.add(new TargetInfo(i, pid, pid < 0 ? ctx.operations() : "pid " + pid));
        }
        Map<String, String> props = new java.util.TreeMap<>(properties);
        props.put("source", "kernel");
        props.put("kdamond", Integer.toString(kdamond));
        return new RecordHeader(formatVersion, toolVersion, ctx.attributes(), ctx.operations(), targets,
                startEpochNs, props);
    }

    /** Whether the kdamond still runs (it stops by itself when all its processes have exited). */
    public boolean running() {
        KdamondStatus k = sysfs.kdamond(kdamond);
        return k.running() && k.owner() == KdamondStatus.Owner.JDAMON;
    }

    /** Takes one snapshot now: asks the kernel for fresh tried regions and reads them. */
    public Snapshot snapshot() {
        sysfs.update(kdamond, "update_schemes_tried_regions");
        long endNs = System.nanoTime() - startNanoTime;
        TriedRegions tried = sysfs.triedRegions(kdamond, statScheme);
        List<TargetSnapshot> targets = byTarget(tried);
        Snapshot s = new Snapshot(lastEndNs, endNs, targets);
        lastEndNs = endNs;
        snapshots++;
        return s;
    }

    /**
     * Takes a snapshot every {@code intervalMs} (at most one per aggregation interval is meaningful) until
     * {@code stop} says so or the kdamond stops because its targets exited; returns the number taken.
     */
    public int run(long intervalMs, BooleanSupplier stop, SnapshotListener listener) {
        int n = 0;
        long next = System.nanoTime();
        while (!stop.getAsBoolean()) {
            Snapshot s;
            try {
                s = snapshot();
            } catch (KernelDamonException e) {
                if (!running()) {
                    break;
                }
                throw e;
            }
            listener.onSnapshot(s);
            n++;
            next += intervalMs * 1_000_000L;
            long sleepNs = next - System.nanoTime();
            if (sleepNs > 0) {
                try {
                    Thread.sleep(sleepNs / 1_000_000L, (int) (sleepNs % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } else {
                next = System.nanoTime();
            }
        }
        return n;
    }

    public int snapshotsTaken() {
        return snapshots;
    }

    /** Stats of the user's scheme {@code i} (not the snapshot scheme), refreshed from the kernel. */
    public SchemeStats schemeStats(int i) {
        sysfs.update(kdamond, "update_schemes_stats");
        return sysfs.schemeStats(kdamond, i);
    }

    @Override
    public void close() {
        if (stopOnClose) {
            KdamondStatus k = sysfs.kdamond(kdamond);
            if (k.owner() == KdamondStatus.Owner.JDAMON && k.running()) {
                sysfs.stop(kdamond);
            }
        }
    }

    /**
     * Splits a tried-regions walk into one snapshot per target. sysfs does not label tried regions with
     * their target; the walk visits targets in order and each target's regions in ascending order, so a
     * region that starts below its predecessor's end begins the next target. Targets with no regions in the walk
     * (all filtered out) cannot be told apart and come out missing from the end.
     */
    public static List<TargetSnapshot> byTarget(TriedRegions tried) {
        List<TargetSnapshot> out = new ArrayList<>();
        long[] starts = tried.starts();
        long[] ends = tried.ends();
        int from = 0;
        for (int i = 1; i <= starts.length; i++) {
            if (i == starts.length || Long.compareUnsigned(starts[i], ends[i - 1]) < 0) {
                if (i > from) {
                    out.add(slice(tried, out.size(), from, i));
                }
                from = i;
            }
        }
        return out;
    }

    private static TargetSnapshot slice(TriedRegions tried, int targetId, int from, int to) {
        return new TargetSnapshot(
                targetId,
                java.util.Arrays.copyOfRange(tried.starts(), from, to),
                java.util.Arrays.copyOfRange(tried.ends(), from, to),
                java.util.Arrays.copyOfRange(tried.nrAccesses(), from, to),
                java.util.Arrays.copyOfRange(tried.ages(), from, to),
                tried.filterPassed() == null ? null : java.util.Arrays.copyOfRange(tried.filterPassed(), from, to));
    }
}
