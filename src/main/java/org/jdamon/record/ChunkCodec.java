package org.jdamon.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;

/**
 * Payload encodings of the chunk kinds (byte tables in {@code docs/record-format.md}). Snapshots store
 * each region as {@code gap, size, nr_accesses, age}: the gap to the previous region's end and the size
 * are unsigned varints shifted right by the snapshot's common address alignment (12 bits for page-aligned
 * regions), so a typical region costs 4 to 6 bytes. Address arithmetic is modulo 2^64, which makes the
 * encoding lossless for any 64-bit addresses, unsigned or not.
 */
final class ChunkCodec {
    private ChunkCodec() {}

    static void encodeHeader(ChunkEncoder e, RecordHeader h) {
        e.putString(h.toolVersion());
        e.putZigZag(h.startEpochNs());
        e.putString(h.operations());
        encodeAttributes(e, h.attributes());
        e.putVarLong(h.targets().size());
        for (TargetInfo t : h.targets()) {
            e.putZigZag(t.id());
            e.putZigZag(t.pid());
            e.putString(t.name() == null ? "" : t.name());
        }
        Map<String, String> sorted = new TreeMap<>(h.properties());
        e.putVarLong(sorted.size());
        for (Map.Entry<String, String> p : sorted.entrySet()) {
            e.putString(p.getKey());
            e.putString(p.getValue());
        }
    }

    static RecordHeader decodeHeader(ChunkDecoder d, int formatVersion) {
        String tool = d.getString();
        long start = d.getZigZag();
        String ops = d.getString();
        Attributes attrs = decodeAttributes(d);
        int nTargets = d.getCount(3);
        List<TargetInfo> targets = new ArrayList<>(nTargets);
        for (int i = 0; i < nTargets; i++) {
            targets.add(new TargetInfo(d.getZigZagInt(), d.getZigZag(), d.getString()));
        }
        int nProps = d.getCount(2);
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < nProps; i++) {
            props.put(d.getString(), d.getString());
        }
        return new RecordHeader(formatVersion, tool, attrs, ops, targets, start, props);
    }

    static void encodeAttributes(ChunkEncoder e, Attributes a) {
        e.putZigZag(a.sampleUs());
        e.putZigZag(a.aggrUs());
        e.putZigZag(a.updateUs());
        e.putZigZag(a.minNrRegions());
        e.putZigZag(a.maxNrRegions());
        IntervalsGoal g = a.intervalsGoal();
        e.putZigZag(g.accessBp());
        e.putZigZag(g.aggrs());
        e.putZigZag(g.minSampleUs());
        e.putZigZag(g.maxSampleUs());
    }

    static Attributes decodeAttributes(ChunkDecoder d) {
        long sample = d.getZigZag();
        long aggr = d.getZigZag();
        long update = d.getZigZag();
        int min = d.getZigZagInt();
        int max = d.getZigZagInt();
        IntervalsGoal g = new IntervalsGoal(d.getZigZag(), d.getZigZag(), d.getZigZag(), d.getZigZag());
        return new Attributes(sample, aggr, update, min, max, g);
    }

    static void encodeSnapshot(ChunkEncoder e, Snapshot s) {
        e.putZigZag(s.startNs());
        e.putZigZag(s.endNs() - s.startNs());
        e.putVarLong(s.targets().size());
        for (TargetSnapshot t : s.targets()) {
            encodeTargetSnapshot(e, t);
        }
    }

    static void encodeTargetSnapshot(ChunkEncoder e, TargetSnapshot t) {
        int n = t.size();
        long[] starts = t.starts();
        long[] ends = t.ends();
        long bits = 0;
        for (int i = 0; i < n; i++) {
            bits |= starts[i] | ends[i];
        }
        int shift = bits == 0 ? 0 : Long.numberOfTrailingZeros(bits);
        e.putZigZag(t.targetId());
        e.putVarLong(n);
        e.putByte(shift);
        long prevEnd = 0;
        int[] nr = t.nrAccesses();
        int[] age = t.ages();
        for (int i = 0; i < n; i++) {
            e.putVarLong((starts[i] - prevEnd) >>> shift);
            e.putVarLong((ends[i] - starts[i]) >>> shift);
            e.putZigZag(nr[i]);
            e.putZigZag(age[i]);
            prevEnd = ends[i];
        }
    }

    static Snapshot decodeSnapshot(ChunkDecoder d) {
        long start = d.getZigZag();
        long end = start + d.getZigZag();
        int nTargets = d.getCount(3);
        List<TargetSnapshot> targets = new ArrayList<>(nTargets);
        for (int ti = 0; ti < nTargets; ti++) {
            int id = d.getZigZagInt();
            int n = d.getCount(4);
            int shift = d.getByte();
            if (shift > 63) {
                throw new MalformedChunkException("address shift " + shift + " > 63");
            }
            long[] s = new long[n];
            long[] en = new long[n];
            int[] nr = new int[n];
            int[] age = new int[n];
            long prevEnd = 0;
            for (int i = 0; i < n; i++) {
                s[i] = prevEnd + (d.getVarLong() << shift);
                en[i] = s[i] + (d.getVarLong() << shift);
                nr[i] = d.getZigZagInt();
                age[i] = d.getZigZagInt();
                prevEnd = en[i];
            }
            targets.add(new TargetSnapshot(id, s, en, nr, age));
        }
        return new Snapshot(start, end, targets);
    }

    static void encodeSideData(ChunkEncoder e, SideData sd) {
        e.putString(sd.kind());
        e.putZigZag(sd.timeNs());
        e.putRaw(sd.payload(), 0, sd.payload().length);
    }

    static SideData decodeSideData(ChunkDecoder d) {
        String kind = d.getString();
        long time = d.getZigZag();
        return new SideData(kind, time, d.rest());
    }

    static void encodeEnd(ChunkEncoder e, long nrSnapshots, long nrSideData) {
        e.putVarLong(nrSnapshots);
        e.putVarLong(nrSideData);
    }
}
