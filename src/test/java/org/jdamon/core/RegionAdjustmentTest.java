package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for counters, aging, merge, split, setRegions and rescaling (design §3-§7). */
class RegionAdjustmentTest {
    private static final long P = 4096;

    private static MonitorContext ctx(Attributes attrs, ScriptedRandom rnd, AddressRange... ranges) {
        Target t = new Target(0, -1, "t", List.of());
        for (AddressRange r : ranges) {
            t.regions().add(r.start(), r.end());
        }
        return MonitorContext.builder()
                .attributes(attrs)
                .operations(new ScriptedOperations(List.of(ranges), a -> false))
                .random(rnd)
                .addTarget(t)
                .build();
    }

    private static Regions regions(MonitorContext c) {
        return c.targets().getFirst().regions();
    }

    @Test
    void pseudoMovingSumEndsAtNrAccessesTimesTenThousand() {
        // 20 samples per window; previous window saw 7 -> bp starts at 70000 and loses 3500 per sample.
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS, new ScriptedRandom(), new AddressRange(0, P));
        Regions r = regions(c);
        r.setLastNrAccesses(0, 7);
        r.setNrAccessesBp(0, 70_000);
        int returned = 0;
        for (int s = 0; s < 20; s++) {
            returned = Math.max(returned, c.updateAccess(r, 0, s % 4 == 0));
        }
        assertThat(returned).isEqualTo(5); // updateAccess returns the new nr_accesses
        // 5 accessed samples: 70000 - 20 * 3500 + 5 * 10000 = 50000
        assertThat(r.nrAccesses(0)).isEqualTo(5);
        assertThat(r.nrAccessesBp(0)).isEqualTo(50_000);
    }

    @Test
    void pseudoMovingSumKeepsTheResidueWhenNotDivisible() {
        // 3 samples per window (15 ms / 5 ms); last = 1 -> each sample removes 10000/3 = 3333.
        Attributes a = Attributes.KERNEL_DEFAULTS.withIntervals(5_000, 15_000, 60_000_000);
        MonitorContext c = ctx(a, new ScriptedRandom(), new AddressRange(0, P));
        Regions r = regions(c);
        r.setLastNrAccesses(0, 1);
        r.setNrAccessesBp(0, 10_000);
        for (int s = 0; s < 3; s++) {
            c.updateAccess(r, 0, false);
        }
        assertThat(r.nrAccessesBp(0)).isEqualTo(10_000 - 3 * 3_333);
    }

    @Test
    void ageGrowsWhileSimilarAndResetsOnChangeOrZeroCrossing() {
        Regions r = new Regions();
        r.add(0, P);
        r.setAge(0, 5);
        r.setLastNrAccesses(0, 10);
        r.setNrAccesses(0, 12);
        MonitorContext.updateAge(r, 0, 2);
        assertThat(r.age(0)).isEqualTo(6); // |12-10| = 2 <= 2
        r.setNrAccesses(0, 13);
        MonitorContext.updateAge(r, 0, 2);
        assertThat(r.age(0)).isZero(); // |13-10| = 3 > 2
        r.setAge(0, 4);
        r.setLastNrAccesses(0, 0);
        r.setNrAccesses(0, 1);
        MonitorContext.updateAge(r, 0, 2);
        assertThat(r.age(0)).isZero(); // 0 -> 1 crosses zero (6.19 rule) although 1 <= 2
    }

    @Test
    void mergeAveragesBySizeAndTruncates() {
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS, new ScriptedRandom(),
                new AddressRange(0, P), new AddressRange(P, 3 * P), new AddressRange(3 * P, 4 * P));
        Regions r = regions(c);
        // last == nr everywhere so ages just grow by one.
        set(r, 0, 10, 10, 3);
        set(r, 1, 11, 11, 9);
        set(r, 2, 20, 20, 1);
        c.mergeRegions(1, Long.MAX_VALUE);
        assertThat(r.size()).isEqualTo(2);
        // nr = (10*4096 + 11*8192) / 12288 = 131072 / 12288 = 10 (truncated from 10.67)
        assertThat(r.nrAccesses(0)).isEqualTo(10);
        assertThat(r.nrAccessesBp(0)).isEqualTo(100_000);
        // ages became 4 and 10 first: (4*4096 + 10*8192) / 12288 = 98304 / 12288 = 8
        assertThat(r.age(0)).isEqualTo(8);
        assertThat(r.end(0)).isEqualTo(3 * P);
        assertThat(r.start(1)).isEqualTo(3 * P);
        assertThat(r.age(1)).isEqualTo(2);
    }

    @Test
    void mergeRespectsTheSizeLimitAndContiguity() {
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS, new ScriptedRandom(),
                new AddressRange(0, 2 * P), new AddressRange(2 * P, 4 * P), new AddressRange(5 * P, 6 * P));
        Regions r = regions(c);
        c.mergeRegions(0, 3 * P); // 2P + 2P > 3P; the third is not adjacent
        assertThat(r.size()).isEqualTo(3);
        c.mergeRegions(0, 4 * P);
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.end(0)).isEqualTo(4 * P);
    }

    @Test
    void mergeRepeatsWithDoubledThresholdWhileAboveMaxRegions() {
        // max 3 regions; frequencies 0, 2, 4, 6: threshold 1 merges nothing, 2 merges pairs.
        Attributes a = Attributes.KERNEL_DEFAULTS.withNrRegions(3, 3);
        MonitorContext c = ctx(a, new ScriptedRandom(),
                new AddressRange(0, P), new AddressRange(P, 2 * P),
                new AddressRange(2 * P, 3 * P), new AddressRange(3 * P, 4 * P));
        Regions r = regions(c);
        for (int i = 0; i < 4; i++) {
            set(r, i, 2 * i, 2 * i, 0);
        }
        c.mergeRegions(1, Long.MAX_VALUE);
        // pass 1 (thres 1): none; pass 2 (thres 2): 0+2 -> 1, then |1-4| > 2 keep, 4+6 -> 5.
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.nrAccesses(0)).isEqualTo(1);
        assertThat(r.nrAccesses(1)).isEqualTo(5);
        // ages counted in the first pass only (newest kdamond_merge_regions): 0 + 1, then averaged
        assertThat(r.age(0)).isEqualTo(1);
    }

    @Test
    void splitInTwoAtTheScriptedPoint() {
        // 10-page region; draw 4 -> (1+4) * 40960 / 10 = 20480
        ScriptedRandom rnd = new ScriptedRandom();
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 1000), rnd, new AddressRange(0, 10 * P));
        Regions r = regions(c);
        r.setAge(0, 7);
        r.setLastNrAccesses(0, 3);
        rnd.then(4);
        c.splitRegions();
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.end(0)).isEqualTo(20_480);
        assertThat(r.start(1)).isEqualTo(20_480);
        assertThat(r.end(1)).isEqualTo(10 * P);
        assertThat(r.age(1)).isEqualTo(7);
        assertThat(r.lastNrAccesses(1)).isEqualTo(3);
    }

    @Test
    void splitInThreeWhenTheCountDidNotChange() {
        ScriptedRandom rnd = new ScriptedRandom();
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 1000), rnd, new AddressRange(0, 10 * P));
        Regions r = regions(c);
        rnd.then(4); // first split: 1 region -> 2, lastN = 1
        c.splitRegions();
        c.mergeRegions(0, Long.MAX_VALUE); // back to 1 region: same count as last time
        assertThat(r.size()).isEqualTo(1);
        // 3 pieces: first cut (1+8)*40960/10 = 36864 (aligned 36864), then left piece 36864:
        // (1+1)*36864/10 = 7372 -> aligned down to 4096.
        rnd.then(8, 1);
        c.splitRegions();
        assertThat(r.size()).isEqualTo(3);
        assertThat(new long[] {r.end(0), r.end(1), r.end(2)}).containsExactly(4096, 36_864, 40_960);
    }

    @Test
    void splitSkipsCutsThatAlignToZeroAndRegionsOfTwoPages() {
        ScriptedRandom rnd = new ScriptedRandom();
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 1000), rnd,
                new AddressRange(0, 2 * P), new AddressRange(2 * P, 5 * P));
        Regions r = regions(c);
        rnd.then(0); // only the 3-page region draws: (1+0)*12288/10 = 1228 -> aligns to 0 -> rejected
        c.splitRegions();
        assertThat(r.size()).isEqualTo(2);
        assertThat(rnd.remaining()).isZero();
    }

    @Test
    void aboveHalfTheMaximumOneRegionInEveryStrideIsSplit() {
        // newest kdamond_split_regions: 4 regions > 7 / 2; budget 7 - 4 = 3, stride 7 / 3 = 2, so regions 0
        // and 2 (offset 0 on the first call) are split; draws 0 -> (1+0) * 40960 / 10 = 4096.
        ScriptedRandom rnd = new ScriptedRandom();
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 7), rnd,
                new AddressRange(0, 10 * P), new AddressRange(10 * P, 20 * P),
                new AddressRange(20 * P, 30 * P), new AddressRange(30 * P, 40 * P));
        rnd.then(0, 0);
        c.splitRegions();
        Regions r = regions(c);
        assertThat(r.size()).isEqualTo(6);
        assertThat(new long[] {r.end(0), r.end(1), r.end(2), r.end(3), r.end(4), r.end(5)})
                .containsExactly(P, 10 * P, 20 * P, 21 * P, 30 * P, 40 * P);
        // second call: 6 regions, budget 1, stride 7: only the region at (index + 1) % 7 == 0, index 6 -
        // there is none, so nothing is split; the count stays below the maximum
        c.splitRegions();
        assertThat(r.size()).isEqualTo(6);
        assertThat(rnd.remaining()).isZero();
    }

    @Test
    void atExactlyHalfTheMaximumEveryRegionIsStillSplit() {
        // 4 regions, max 8: 4 > 8 / 2 is false, so the blanket split (each in two) -> 8, not the fraction
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 8), new ScriptedRandom(),
                new AddressRange(0, 10 * P), new AddressRange(10 * P, 20 * P),
                new AddressRange(20 * P, 30 * P), new AddressRange(30 * P, 40 * P));
        c.splitRegions();
        assertThat(regions(c).size()).isEqualTo(8);
    }

    @Test
    void atExactlyAThirdOfTheMaximumAnUnchangedCountStillSplitsInTwo() {
        // max 9: 3 regions, then the same 3 again: 3 == last but 3 < 9 / 3 is false -> two pieces each
        ScriptedRandom rnd = new ScriptedRandom();
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 9), rnd,
                new AddressRange(0, 10 * P), new AddressRange(10 * P, 20 * P), new AddressRange(20 * P, 30 * P));
        Regions r = regions(c);
        c.splitRegions();
        r.clear();
        for (int i = 0; i < 3; i++) {
            r.add(i * 10 * P, (i + 1) * 10 * P);
        }
        rnd.then(4, 4, 4, 4, 4, 4);
        c.splitRegions();
        assertThat(r.size()).isEqualTo(6);
    }

    @Test
    void aRegionOfExactlyTwoMinimumSizesIsNeverCut() {
        // [0, 2P) must not draw; the first draw, 8, goes to [2P, 5P): (1+8) * 12288 / 10 = 11059 -> 8192
        ScriptedRandom rnd = new ScriptedRandom().then(8);
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 1000), rnd,
                new AddressRange(0, 2 * P), new AddressRange(2 * P, 5 * P));
        c.splitRegions();
        Regions r = regions(c);
        assertThat(new long[] {r.end(0), r.end(1), r.end(2)}).containsExactly(2 * P, 4 * P, 5 * P);
    }

    @Test
    void atTheMaximumNothingIsSplit() {
        ScriptedRandom rnd = new ScriptedRandom();
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 4), rnd,
                new AddressRange(0, 10 * P), new AddressRange(10 * P, 20 * P),
                new AddressRange(20 * P, 30 * P), new AddressRange(30 * P, 40 * P));
        c.splitRegions();
        assertThat(regions(c).size()).isEqualTo(4);
    }

    @Test
    void theAboveHalfPathKeepsTheLastCountBookkeeping() {
        // max 11: half 5, third 3. Unscripted draws are 0, a cut at 10% (one page of a ten-page region).
        ScriptedRandom rnd = new ScriptedRandom();
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 11), rnd,
                new AddressRange(0, 10 * P), new AddressRange(10 * P, 20 * P));
        Regions r = regions(c);
        c.splitRegions(); // 2 regions, last 0: in two -> 4; last := 2
        assertThat(r.size()).isEqualTo(4);
        backToTwoRegions(r);
        rnd.then(4, 4, 4, 4); // cuts at 5 pages, then 2 pages of the left 5
        c.splitRegions(); // 2 == last and 2 < 3: in three -> 6; last := 2
        assertThat(r.size()).isEqualTo(6);
        // 6 > 5: budget 5, stride 2, regions 0, 2, 4 picked: [0, 2P) is too small to cut, [5P, 10P) cut at
        // 5P * 5 / 10 -> 2P, [12P, 15P) at 3P * 5 / 10 -> P: 8 regions; last := 6
        rnd.then(4, 4);
        c.splitRegions();
        assertThat(r.size()).isEqualTo(8);
        backToTwoRegions(r);
        c.splitRegions(); // 2 != last 6: in two -> 4 (without the bookkeeping, 2 == 2 would give 6)
        assertThat(r.size()).isEqualTo(4);
    }

    private static void backToTwoRegions(Regions r) {
        r.clear();
        r.add(0, 10 * P);
        r.add(10 * P, 20 * P);
    }

    @Test
    void applyMinNrRegionsCutsBigRegionsToTheSizeLimit() {
        // 100 pages, min 10 -> limit 10 pages: the one range becomes 10 regions.
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS, new ScriptedRandom(), new AddressRange(0, 100 * P));
        assertThat(c.regionSizeLimit()).isEqualTo(10 * P);
        assertThat(c.applyMinNrRegions()).isEqualTo(10 * P);
        Regions r = regions(c);
        assertThat(r.size()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(r.start(i)).isEqualTo(i * 10 * P);
            assertThat(r.regionSize(i)).isEqualTo(10 * P);
        }
    }

    @Test
    void setRegionsDropsStretchesAndFills() {
        Target t = new Target(0, -1, "t", List.of());
        MonitorContext c = MonitorContext.builder()
                .operations(new ScriptedOperations(List.of(), a -> false))
                .addTarget(t)
                .build();
        Regions r = t.regions();
        r.add(0, 4 * P); // outside every new range: dropped
        r.add(10 * P, 12 * P); // stretched to 8P
        r.add(14 * P, 16 * P); // gap 12P..14P filled; stretched to 20P
        r.setNrAccesses(1, 5);
        c.setRegions(t, List.of(new AddressRange(8 * P, 20 * P), new AddressRange(30 * P + 100, 31 * P)));
        assertThat(r.size()).isEqualTo(4);
        assertThat(new long[] {r.start(0), r.end(0)}).containsExactly(8 * P, 12 * P);
        assertThat(r.nrAccesses(0)).isEqualTo(5);
        assertThat(new long[] {r.start(1), r.end(1)}).containsExactly(12 * P, 14 * P);
        assertThat(r.nrAccesses(1)).isZero();
        assertThat(new long[] {r.start(2), r.end(2)}).containsExactly(14 * P, 20 * P);
        // a range with no region gets a new, aligned one
        assertThat(new long[] {r.start(3), r.end(3)}).containsExactly(30 * P, 31 * P);
    }

    @Test
    void rescalingOnIntervalChange() {
        MonitorContext c = ctx(Attributes.KERNEL_DEFAULTS, new ScriptedRandom(), new AddressRange(0, P));
        Regions r = regions(c);
        r.setLastNrAccesses(0, 10);
        r.setNrAccesses(0, 10);
        r.setAge(0, 8);
        // At an aggregation boundary (passed 0 >= next 0): nr_accesses itself is converted.
        // conv(10): toBp = 10*10000/20 = 5000; fromBp = 5000*40/10000 = 20. age: 8*100ms/400ms = 2.
        Attributes next = Attributes.KERNEL_DEFAULTS.withIntervals(10_000, 400_000, 60_000_000);
        c.setAttributes(next);
        assertThat(r.nrAccesses(0)).isEqualTo(20);
        assertThat(r.nrAccessesBp(0)).isEqualTo(200_000);
        assertThat(r.age(0)).isEqualTo(2);
        assertThat(c.attributes()).isEqualTo(next);
        // newest kernel: on the boundary last_nr_accesses is converted as well, 10 -> 20
        assertThat(r.lastNrAccesses(0)).isEqualTo(20);
        // Now mid-window (next aggregation at 40 samples): the partial window is discarded and
        // last_nr_accesses converted: conv(20) from 40 to 20 samples = 20*10000/40 * 20/10000 = 10.
        c.setAttributes(Attributes.KERNEL_DEFAULTS);
        assertThat(r.lastNrAccesses(0)).isEqualTo(10);
        assertThat(r.nrAccessesBp(0)).isEqualTo(100_000);
        assertThat(r.nrAccesses(0)).isZero();
        assertThat(r.age(0)).isEqualTo(2 * 400 / 100);
    }

    private static void set(Regions r, int i, int nr, int last, int age) {
        r.setNrAccesses(i, nr);
        r.setNrAccessesBp(i, nr * 10_000);
        r.setLastNrAccesses(i, last);
        r.setAge(i, age);
    }
}
