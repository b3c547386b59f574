package org.jdamon.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores labelled address ranges (a JVM's memory areas, a process's mappings...) in a record as {@link SideData} of kind {@value #KIND}: version byte 1,
 * the target id (zig-zag), a label table, then per range the label index, start and size (unsigned
 * varints). A record may hold several such chunks (one per collection); {@link #latest} picks the newest.
 */
public final class MemoryAreasCodec {
    public static final String KIND = "memory.areas";
    static final int VERSION = 1;

    private MemoryAreasCodec() {}

    public static SideData encode(int targetId, long timeNs, List<LabeledRange> ranges) {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (LabeledRange r : ranges) {
            labels.putIfAbsent(r.label(), labels.size());
        }
        ChunkEncoder b = new ChunkEncoder();
        b.putByte(VERSION);
        b.putZigZag(targetId);
        b.putVarLong(labels.size());
        for (String label : labels.keySet()) {
            b.putString(label);
        }
        b.putVarLong(ranges.size());
        for (LabeledRange r : ranges) {
            b.putVarLong(labels.get(r.label()));
            b.putVarLong(r.start());
            b.putVarLong(r.end() - r.start());
        }
        return new SideData(KIND, timeNs, java.util.Arrays.copyOf(b.array(), b.length()));
    }

    /** The target id and ranges of one chunk. */
    public record Areas(int targetId, long timeNs, List<LabeledRange> ranges) {}

    public static Areas decode(SideData chunk) {
        if (!KIND.equals(chunk.kind())) {
            throw new IllegalArgumentException("not a memory-areas chunk: " + chunk.kind());
        }
        try {
            return decodePayload(chunk);
        } catch (MalformedChunkException e) {
            throw new IllegalArgumentException("damaged memory-areas chunk: " + e.getMessage(), e);
        }
    }

    private static Areas decodePayload(SideData chunk) {
        ChunkDecoder r = new ChunkDecoder(chunk.payload(), 0, chunk.payload().length);
        int version = r.getByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported memory-areas chunk version " + version);
        }
        int target = r.getZigZagInt();
        String[] labels = new String[r.getCount(1)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.getString();
        }
        int n = r.getCount(3);
        List<LabeledRange> ranges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long li = r.getVarLong();
            if (li < 0 || li >= labels.length) {
                throw new MalformedChunkException("label index " + li + " out of range " + labels.length);
            }
            String label = labels[(int) li];
            long start = r.getVarLong();
            long size = r.getVarLong();
            ranges.add(new LabeledRange(start, start + size, label));
        }
        return new Areas(target, chunk.timeNs(), ranges);
    }

    /** The newest memory-areas chunk for {@code targetId} in {@code sideData}, or an empty list. */
    public static List<LabeledRange> latest(List<SideData> sideData, int targetId) {
        Areas best = null;
        for (SideData sd : sideData) {
            if (KIND.equals(sd.kind())) {
                Areas a = decode(sd);
                if (a.targetId() == targetId && (best == null || a.timeNs() >= best.timeNs())) {
                    best = a;
                }
            }
        }
        return best == null ? List.of() : best.ranges();
    }
}
