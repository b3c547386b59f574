package org.jdamon.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdamon.record.ChunkDecoder;
import org.jdamon.record.ChunkEncoder;
import org.jdamon.record.SideData;
import org.jdamon.truth.Coverage;

/**
 * Coverage beside the snapshots, as {@value #KIND} side data, one chunk per aggregation (see
 * docs/record-format.md): per target the window's {@link Coverage} and the run's so far, so the last
 * chunk of a record holds its totals and a torn record still has them up to its last complete window.
 */
public final class CoverageSideData {
    public static final String KIND = "coverage";
    private static final int VERSION = 1;

    private CoverageSideData() {}

    /** One target's coverage at the end of one aggregation window. */
    public record TargetCoverage(int targetId, Coverage window, Coverage total) {}

    /** All targets' coverage for the window ending at {@code timeNs} since the record's start. */
    public record Sample(long timeNs, List<TargetCoverage> targets) {
        public Sample {
            targets = List.copyOf(targets);
        }
    }

    public static SideData encode(Sample s) {
        ChunkEncoder e = new ChunkEncoder();
        e.putByte(VERSION);
        e.putVarLong(s.targets().size());
        for (TargetCoverage t : s.targets()) {
            e.putZigZag(t.targetId());
            put(e, t.window());
            put(e, t.total());
        }
        return new SideData(KIND, s.timeNs(), Arrays.copyOf(e.array(), e.length()));
    }

    private static void put(ChunkEncoder e, Coverage c) {
        e.putVarLong(c.pages());
        e.putVarLong(c.pagesOutside());
        e.putVarLong(c.accesses());
        e.putVarLong(c.accessesOutside());
    }

    /** Decodes one chunk; a malformed one is an {@link IllegalArgumentException} naming its time. */
    public static Sample decode(SideData d) {
        if (!KIND.equals(d.kind())) {
            throw new IllegalArgumentException("not " + KIND + " side data: " + d.kind());
        }
        try {
            ChunkDecoder in = new ChunkDecoder(d.payload(), 0, d.payload().length);
            int version = in.getByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("version " + version + " (this jdamon reads " + VERSION + ")");
            }
            int n = in.getCount(9);
            List<TargetCoverage> targets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int id = in.getZigZagInt();
                targets.add(new TargetCoverage(id, get(in), get(in)));
            }
            return new Sample(d.timeNs(), targets);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(KIND + " chunk at " + d.timeNs() + " ns is malformed: "
                    + e.getMessage(), e);
        }
    }

    private static Coverage get(ChunkDecoder in) {
        return new Coverage(in.getVarLong(), in.getVarLong(), in.getVarLong(), in.getVarLong());
    }

    /** The decoded {@value #KIND} chunks among {@code sideData}, in order; others are skipped. */
    public static List<Sample> all(List<SideData> sideData) {
        List<Sample> out = new ArrayList<>();
        for (SideData d : sideData) {
            if (KIND.equals(d.kind())) {
                out.add(decode(d));
            }
        }
        return out;
    }
}
