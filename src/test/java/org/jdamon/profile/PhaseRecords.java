package org.jdamon.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * Synthetic records for the profiling tests: 100 ms snapshots (damo's 5 ms / 100 ms intervals, so
 * nr_accesses 20 is a 100% access rate) with a 64 MiB region at {@code bigStart} and an 8 KiB region at
 * {@code smallStart}. A snapshot whose middle lies inside the big phase {@code [bigFromNs, bigToNs)} has
 * the big region fully accessed and the small one idle; every other snapshot the reverse. This stands in
 * for a real monitor because this host has no page-idle or soft-dirty tracking to watch the child with.
 */
final class PhaseRecords {
    static final long BIG = 64L << 20;
    static final long SMALL = 8L << 10;
    static final long SNAPSHOT_NS = 100_000_000L;

    private PhaseRecords() {}

    static Recording record(long startEpochNs, long lengthNs, long bigFromNs, long bigToNs, long bigStart,
            long smallStart, List<SideData> sideData) {
        List<Snapshot> snaps = new ArrayList<>();
        for (long t = 0; t < lengthNs; t += SNAPSHOT_NS) {
            long mid = t + SNAPSHOT_NS / 2;
            boolean big = mid >= bigFromNs && mid < bigToNs;
            TargetSnapshot ts = new TargetSnapshot(0,
                    new long[] {bigStart, smallStart},
                    new long[] {bigStart + BIG, smallStart + SMALL},
                    new int[] {big ? 20 : 0, big ? 0 : 20},
                    new int[] {0, 0});
            snaps.add(new Snapshot(t, t + SNAPSHOT_NS, List.of(ts)));
        }
        RecordHeader h = new RecordHeader(1, "test", Attributes.DAMO_DEFAULTS, "vaddr",
                List.of(new TargetInfo(0, -1, "workload")), startEpochNs, Map.of());
        return new Recording(h, snaps, sideData, List.of());
    }
}
