package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;

/** Tiny recordings whose report outputs are worked out by hand (and checked against damo v3.3.0). */
public final class ReportFixtures {
    private ReportFixtures() {}

    /** WSS per snapshot, in time order: 40, 10, 30, 50, 20 KiB. */
    public static final long[] WSS_KIB = {40, 10, 30, 50, 20};

    /**
     * One target, five 100 ms snapshots starting at epoch 1 s. Snapshot i: a hot region
     * {@code [0x10000, 0x10000 + WSS_KIB[i] KiB)} with 3 accesses and age i, a cold one up to 0x100000
     * (0 accesses, age 2).
     */
    public static Recording wss() {
        List<Snapshot> snaps = new ArrayList<>();
        for (int i = 0; i < WSS_KIB.length; i++) {
            long hotEnd = 0x10000 + WSS_KIB[i] * 1024;
            snaps.add(new Snapshot(i * 100_000_000L, (i + 1) * 100_000_000L,
                    List.of(RecordFixtures.target(0, 0x10000, hotEnd, 3, i, hotEnd, 0x100000, 0, 2))));
        }
        RecordHeader h = new RecordHeader(RecordFormat.VERSION, "test", Attributes.DAMO_DEFAULTS, "sim",
                List.of(new TargetInfo(0, -1, "")), 1_000_000_000L, Map.of());
        return new Recording(h, snaps, List.of(), List.of());
    }

    /** Two targets, two snapshots; target 1 lives at the top of the 64-bit space. */
    public static Recording twoTargets() {
        List<Snapshot> snaps = List.of(
                new Snapshot(0, 100_000_000L, List.of(
                        RecordFixtures.target(0, 0x1000, 0x3000, 20, 0, 0x3000, 0x400000, 0, 5),
                        RecordFixtures.target(1, 0xffff_ffff_fff0_0000L, 0xffff_ffff_ffff_f000L, 1, 12))),
                new Snapshot(100_000_000L, 200_000_000L, List.of(
                        RecordFixtures.target(0, 0x1000, 0x200000, 10, 1, 0x200000, 0x400000, 0, 6),
                        RecordFixtures.target(1, 0xffff_ffff_fff0_0000L, 0xffff_ffff_ffff_f000L, 2, 13))));
        RecordHeader h = new RecordHeader(RecordFormat.VERSION, "test", Attributes.DAMO_DEFAULTS, "sim",
                List.of(new TargetInfo(0, -1, ""), new TargetInfo(1, -1, "")), 5_000_000_000L, Map.of());
        return new Recording(h, snaps, List.of(), List.of());
    }
}
