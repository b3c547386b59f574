package org.jdamon.record;

import java.util.ArrayList;
import java.util.List;

/**
 * Memory footprints beside the snapshots, like damo's {@code .mem_footprint} record: per target the
 * virtual size and resident set of its process, and the system's used memory (MemTotal - MemFree).
 * Stored as {@value #KIND} side data, one chunk per aggregation; {@code -1} means unknown.
 */
public final class Footprints {
    public static final String KIND = "footprints";
    private static final int VERSION = 1;

    private Footprints() {}

    /** One target's footprint at one time. */
    public record TargetFootprint(int targetId, long vszBytes, long rssBytes) {}

    /** All footprints taken at {@code timeNs} since the record's start. */
    public record Sample(long timeNs, long sysUsedBytes, List<TargetFootprint> targets) {
        public Sample {
            targets = List.copyOf(targets);
        }
    }

    public static SideData encode(Sample s) {
        ChunkEncoder e = new ChunkEncoder();
        e.putByte(VERSION);
        e.putZigZag(s.sysUsedBytes());
        e.putVarLong(s.targets().size());
        for (TargetFootprint t : s.targets()) {
            e.putVarLong(t.targetId());
            e.putZigZag(t.vszBytes());
            e.putZigZag(t.rssBytes());
        }
        return new SideData(KIND, s.timeNs(), java.util.Arrays.copyOf(e.array(), e.length()));
    }

    public static Sample decode(SideData d) {
        ChunkDecoder in = new ChunkDecoder(d.payload(), 0, d.payload().length);
        try {
            int version = in.getByte();
            if (version != VERSION) {
                throw new IllegalArgumentException(KIND + " chunk: unknown version " + version);
            }
            long sysUsed = in.getZigZag();
            int n = in.getCount(3);
            List<TargetFootprint> targets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                targets.add(new TargetFootprint((int) in.getVarLong(), in.getZigZag(), in.getZigZag()));
            }
            return new Sample(d.timeNs(), sysUsed, targets);
        } catch (MalformedChunkException e) {
            throw new IllegalArgumentException(KIND + " chunk at " + d.timeNs() + " ns: " + e.getMessage(), e);
        }
    }

    /** Every footprint sample of a record, in time order. */
    public static List<Sample> of(Recording rec) {
        List<Sample> out = new ArrayList<>();
        for (SideData d : rec.sideData()) {
            if (d.kind().equals(KIND)) {
                out.add(decode(d));
            }
        }
        return out;
    }
}
