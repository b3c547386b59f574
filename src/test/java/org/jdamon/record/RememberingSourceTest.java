package org.jdamon.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdamon.core.Attributes;
import org.junit.jupiter.api.Test;

/**
 * {@link RememberingSource}: the replayed passes give the first pass's snapshots value for value (random
 * ones, with unsigned addresses above 2^63, negative counts, several targets, no regions, and enough of
 * them to fill several 1 MiB blocks), and the origin is opened again exactly when the first pass went over
 * the budget or was not read to its end.
 */
class RememberingSourceTest {
    private static final RecordHeader HEADER = new RecordHeader(1, "test", Attributes.DAMO_DEFAULTS, "vaddr",
            List.of(new TargetInfo(0, -1, "a"), new TargetInfo(1, -1, "b")), 0, Map.of());

    private static Snapshot snapshot(Random r, long startNs) {
        List<TargetSnapshot> targets = new ArrayList<>();
        int nrTargets = r.nextInt(3);
        for (int t = 0; t < nrTargets; t++) {
            int n = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(300);
            long[] starts = new long[n];
            long[] ends = new long[n];
            int[] nr = new int[n];
            int[] ages = new int[n];
            long[] passed = r.nextBoolean() ? new long[n] : null;
            // page-aligned, byte-aligned or from the top of the unsigned range, with gaps and without
            long unit = switch (r.nextInt(3)) {
                case 0 -> 4096;
                case 1 -> 1;
                default -> 1L << 21;
            };
            long at = r.nextInt(4) == 0 ? -(1L << 40) : unit * r.nextInt(1 << 20);
            for (int i = 0; i < n; i++) {
                starts[i] = at + (r.nextBoolean() ? 0 : unit * r.nextInt(1000));
                ends[i] = starts[i] + unit * (1 + r.nextInt(5000));
                at = ends[i];
                nr[i] = r.nextInt(10) == 0 ? -1 : r.nextInt(21);
                ages[i] = r.nextInt(10) == 0 ? Integer.MAX_VALUE : r.nextInt(100_000);
                if (passed != null) {
                    passed[i] = r.nextInt(10) == 0 ? -1 : r.nextLong(ends[i] - starts[i] + 1);
                }
            }
            targets.add(new TargetSnapshot(t, starts, ends, nr, ages, passed));
        }
        return new Snapshot(startNs, startNs + 1 + r.nextInt(200_000_000), targets);
    }

    private static String describe(Snapshot s) {
        StringBuilder b = new StringBuilder().append(s.startNs()).append('-').append(s.endNs());
        for (TargetSnapshot t : s.targets()) {
            b.append(" t").append(t.targetId()).append(Arrays.toString(t.starts())).append(Arrays.toString(t.ends()))
                    .append(Arrays.toString(t.nrAccesses())).append(Arrays.toString(t.ages()))
                    .append(Arrays.toString(t.filterPassed()));
        }
        return b.toString();
    }

    /** A source over {@code rec} that counts how often it is opened. */
    private static final class Counting implements RecordSource {
        final Recording rec;
        int opens;

        Counting(Recording rec) {
            this.rec = rec;
        }

        @Override
        public RecordStream open() {
            opens++;
            return RecordStream.of(rec);
        }
    }

    private static List<String> pass(RecordSource source) throws IOException {
        List<String> out = new ArrayList<>();
        try (RecordStream s = source.open()) {
            for (Snapshot n; (n = s.nextSnapshot()) != null; ) {
                out.add(describe(n));
            }
        }
        return out;
    }

    private static Recording random(int snapshots, long seed) {
        Random r = new Random(seed);
        List<Snapshot> snaps = new ArrayList<>();
        long t = r.nextInt(1000);
        for (int i = 0; i < snapshots; i++) {
            snaps.add(snapshot(r, t));
            t += r.nextInt(3) == 0 ? -5 : 100_000_000;
        }
        return new Recording(HEADER, snaps, List.of(), List.of("offset 7: a warning"));
    }

    @Test
    void laterPassesReplayTheFirstValueForValueWithoutOpeningTheOriginAgain() throws IOException {
        Recording rec = random(3000, 1);
        List<String> expected = rec.snapshots().stream().map(RememberingSourceTest::describe).toList();
        Counting origin = new Counting(rec);
        RememberingSource source = new RememberingSource(origin, RememberingSource.DEFAULT_BUDGET_BYTES);
        assertThat(pass(source)).isEqualTo(expected);
        assertThat(source.remembers()).isTrue();
        for (int i = 0; i < 2; i++) {
            try (RecordStream s = source.open()) {
                assertThat(s.header()).isEqualTo(HEADER);
                assertThat(s.headerGrows()).isFalse();
                List<String> got = new ArrayList<>();
                for (Snapshot n; (n = s.nextSnapshot()) != null; ) {
                    got.add(describe(n));
                }
                assertThat(got).isEqualTo(expected);
                assertThat(s.warnings()).containsExactly("offset 7: a warning");
            }
        }
        assertThat(origin.opens).isEqualTo(1);
    }

    @Test
    void thePackingSpansSeveralBlocks() throws IOException {
        RememberingSource.SnapshotPacking packing = new RememberingSource.SnapshotPacking();
        Recording rec = random(3000, 1);
        for (Snapshot s : rec.snapshots()) {
            packing.add(s);
        }
        assertThat(packing.bytes()).isGreaterThan(3L << 20);
        RememberingSource.SnapshotPacking.Reader reader = packing.reader();
        for (Snapshot s : rec.snapshots()) {
            assertThat(describe(reader.next())).isEqualTo(describe(s));
        }
        assertThat(reader.next()).isNull();
    }

    @Test
    void aSnapshotLargerThanABlockIsKeptWholeInABlockOfItsOwn() throws IOException {
        // 60,000 regions with 5 values of up to 10 bytes: up to 3 MB, more than a 1 MiB block
        Random r = new Random(3);
        int n = 60_000;
        long[] starts = new long[n];
        long[] ends = new long[n];
        int[] nr = new int[n];
        int[] ages = new int[n];
        long[] passed = new long[n];
        long at = Long.MIN_VALUE + 7;
        for (int i = 0; i < n; i++) {
            starts[i] = at;
            ends[i] = at + 1 + r.nextLong(1L << 40);
            at = ends[i] + r.nextInt(3);
            nr[i] = r.nextInt();
            ages[i] = r.nextInt();
            passed[i] = r.nextLong();
        }
        Snapshot large = new Snapshot(5, 10, List.of(new TargetSnapshot(3, starts, ends, nr, ages, passed)));
        Recording small = random(20, 4);
        RememberingSource.SnapshotPacking packing = new RememberingSource.SnapshotPacking();
        List<Snapshot> order = new ArrayList<>(small.snapshots().subList(0, 10));
        order.add(large);
        order.addAll(small.snapshots().subList(10, 20));
        order.add(large);
        for (Snapshot s : order) {
            packing.add(s);
        }
        // two blocks of at least 3,000,030 bytes (the bound of the large snapshot) and at least one of 1 MiB
        assertThat(packing.bytes()).isGreaterThanOrEqualTo(2L * 3_000_030 + (1 << 20));
        RememberingSource.SnapshotPacking.Reader reader = packing.reader();
        for (Snapshot s : order) {
            assertThat(describe(reader.next())).isEqualTo(describe(s));
        }
        assertThat(reader.next()).isNull();
    }

    @Test
    void aFirstPassOverTheBudgetOrNotReadToItsEndIsNotKept() throws IOException {
        Recording rec = random(200, 2);
        List<String> expected = rec.snapshots().stream().map(RememberingSourceTest::describe).toList();
        Counting small = new Counting(rec);
        RememberingSource overBudget = new RememberingSource(small, 10_000);
        assertThat(pass(overBudget)).isEqualTo(expected);
        assertThat(overBudget.remembers()).isFalse();
        assertThat(pass(overBudget)).isEqualTo(expected);
        assertThat(small.opens).isEqualTo(2);

        Counting origin = new Counting(rec);
        RememberingSource cut = new RememberingSource(origin, RememberingSource.DEFAULT_BUDGET_BYTES);
        try (RecordStream s = cut.open()) {
            s.nextSnapshot();
        }
        assertThat(cut.remembers()).isFalse();
        assertThat(pass(cut)).isEqualTo(expected);
        assertThat(origin.opens).isEqualTo(2);
    }

    @Test
    void anEmptyRecordReplaysEmpty() throws IOException {
        Counting origin = new Counting(new Recording(HEADER, List.of(), List.of(), List.of()));
        RememberingSource source = new RememberingSource(origin, 1 << 20);
        assertThat(pass(source)).isEmpty();
        assertThat(source.remembers()).isTrue();
        assertThat(pass(source)).isEmpty();
        assertThat(origin.opens).isEqualTo(1);
    }
}
