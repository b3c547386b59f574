package org.jdamon.ops.kernel;

import java.util.List;
import org.jdamon.core.damos.SchemeStats;

/**
 * One {@code kdamonds/<K>} directory as read (never written) from sysfs: state, kdamond pid, who owns it,
 * and its context's published values. Stats are what the kernel last copied out; jdamon refreshes them
 * only for kdamonds it owns.
 */
public record KdamondStatus(int index, boolean running, long pid, Owner owner, ContextStatus context) {

    /** Whether jdamon may act on a kdamond. */
    public enum Owner {
        /** jdamon started it and its pid still matches the ownership record. */
        JDAMON,
        /** jdamon started it and it has stopped (its targets exited, or someone turned it off). */
        JDAMON_STOPPED,
        /** Anything else: the machine's own, damo's, another tool's. */
        FOREIGN;

        public boolean ours() {
            return this != FOREIGN;
        }
    }

    /** {@code contexts/0}; null when the kdamond has no context. {@code paused}: false without a pause file. */
    public record ContextStatus(
            String operations,
            boolean paused,
            long sampleUs,
            long aggrUs,
            long updateUs,
            long minNrRegions,
            long maxNrRegions,
            List<TargetStatus> targets,
            List<SchemeStatus> schemes) {
        public ContextStatus {
            targets = List.copyOf(targets);
            schemes = List.copyOf(schemes);
        }
    }

    public record TargetStatus(long pid, int nrRegions) {}

    /**
     * A scheme as read back. Settings a kernel lacks read as their defaults: no dests, max_nr_snapshots 0,
     * goal tuner {@code consist}, fail charge 0/0.
     */
    public record SchemeStatus(
            String action, SysfsScheme.AccessPattern pattern, SchemeStats stats, int nrTriedRegions, long triedBytes,
            List<SysfsScheme.Dest> dests, long maxNrSnapshots, String goalTuner, long failChargeNum,
            long failChargeDenom) {
        public SchemeStatus {
            dests = List.copyOf(dests);
        }
    }
}
