package org.jdamon.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.GoalMetric;
import org.junit.jupiter.api.Test;

class SimMemoryTest {
    private static final long PAGE = 4096;
    private static final long MS = 1_000_000;
    private static final long HEAP_PAGES = 33;
    private static final long STACK_PAGES = 33;

    private static SimWorkload workload(String text, long accessesPerMs) {
        return SimWorkload.of("t", MasimConfig.parse(text, "t")).withAccessesPerMs(accessesPerMs);
    }

    /** x, y, z: 100 pages each; x is read randomly at 25,000 accesses/ms (every page touched every step). */
    private static SimWorkload xyz() {
        return workload("x, 400K\ny, 400K\nz, 400K\n\np\n10000\nx, 1, 0, 1\n", 25_000);
    }

    private static long start(SimMemory m, int region) {
        return m.workload().layout().regionStart(region);
    }

    private static long end(SimMemory m, int region) {
        return m.workload().layout().regionMappingEnd(region);
    }

    @Test
    void pageoutDropsRssAndEachRetouchedPageRefaultsOnce() {
        // x: 1000 pages, idle for 1 s, then walked at 1 access/ms (weight 1 of 1000 at 1000 accesses/ms)
        SimWorkload w = workload("x, 4000K\nb, 4K\n\nidle\n1000\nb, 1, 0, 1\n\nwalk\n1000\nx, 0, 4096, 1\nb, 1, 0, 999\n", 1_000);
        SimMemory m = new SimMemory(w);
        long all = (HEAP_PAGES + 1000 + 1 + STACK_PAGES) * PAGE;
        assertThat(m.rssBytes()).isEqualTo(all);
        assertThat(m.apply("pageout", start(m, 0), end(m, 0))).isEqualTo(1000 * PAGE);
        assertThat(m.rssBytes()).isEqualTo(all - 1000 * PAGE);
        assertThat(m.apply(DamosAction.PAGEOUT, start(m, 0), end(m, 0))).as("nothing left to page out").isZero();
        m.advanceTo(1_000 * MS);
        assertThat(m.refaults()).isZero();
        // step [1.0, 1.1 s): walk accesses 1..100 touch pages 1..100
        m.advanceTo(1_100 * MS);
        assertThat(m.refaults()).isEqualTo(100);
        assertThat(m.residentBytes(start(m, 0), end(m, 0))).isEqualTo(100 * PAGE);
        assertThat(m.isResident(start(m, 0))).isFalse();
        assertThat(m.isResident(start(m, 0) + 50 * PAGE)).isTrue();
        // step [1.1, 1.2 s): pages 101..200, each counted once
        m.advanceTo(1_200 * MS);
        assertThat(m.refaults()).isEqualTo(200);
        // by 2 s the walk made 1000 accesses: pages 1..999 then page 0 at the wrap
        m.advanceTo(2_000 * MS);
        assertThat(m.refaults()).isEqualTo(1000);
        assertThat(m.rssBytes()).isEqualTo(all);
        // cost model: 1000 refaults x 20 us over 2 s of workload time
        assertThat(m.estimatedSlowdown()).isCloseTo(1000 * 20_000.0 / 2e9, within(1e-12));
    }

    @Test
    void randomlyAccessedEvictedPagesComeBackByTheExpectedTouchedFraction() {
        // y: 100 pages read randomly, 1 access/ms -> 100 accesses per 100 ms step;
        // expected pages touched: 100 (1 - 0.99^100) = 100 (1 - 0.366032) = 63.40 -> 63
        SimMemory m = new SimMemory(workload("y, 400K\n\np\n1000\ny, 1, 0, 1\n", 1));
        m.apply(DamosAction.PAGEOUT, start(m, 0), end(m, 0));
        m.advanceTo(100 * MS);
        assertThat(m.refaults()).isEqualTo(63);
        // next step: 100 more accesses over the 36.6 still-evicted pages -> 36.6 x 0.634 = 23.2 more (86.6 -> 87)
        m.advanceTo(200 * MS);
        assertThat(m.refaults()).isEqualTo(87);
    }

    @Test
    void willneedBringsPagesBackWithoutRefaults() {
        SimMemory m = new SimMemory(xyz());
        long rss = m.rssBytes();
        m.apply(DamosAction.PAGEOUT, start(m, 1), start(m, 1) + 40 * PAGE);
        assertThat(m.apply(DamosAction.WILLNEED, start(m, 1), end(m, 1))).isEqualTo(40 * PAGE);
        assertThat(m.rssBytes()).isEqualTo(rss);
        assertThat(m.refaults()).isZero();
        assertThat(m.apply("stat", start(m, 1), end(m, 1))).isZero();
    }

    @Test
    void lruOrderDecidesWhatTheReclaimerEvictsUnderALimit() {
        SimMemory m = new SimMemory(xyz());
        long total = (HEAP_PAGES + 300 + STACK_PAGES) * PAGE;
        m.advanceTo(1_000 * MS);
        // x was touched in every step: stamp 1 s; y, z, heap, stack untouched since 0
        assertThat(m.apply(DamosAction.LRU_PRIO, start(m, 1), end(m, 1))).isEqualTo(100 * PAGE);
        assertThat(m.apply(DamosAction.COLD, start(m, 2), end(m, 2))).isEqualTo(100 * PAGE);
        long heap = m.workload().layout().mappings().getFirst().start();
        long stack = m.workload().layout().mappings().getLast().start();
        // active window 1 s: x (1 s) and y (prioritised at 1 s) are active; z, heap, stack are not
        assertThat(m.isActive(start(m, 0))).isTrue();
        assertThat(m.isActive(start(m, 1))).isTrue();
        assertThat(m.isActive(start(m, 2))).isFalse();
        assertThat(m.isActive(heap)).isFalse();
        assertThat(m.activeBytes()).isEqualTo(200 * PAGE);
        assertThat(m.inactiveBytes()).isEqualTo(total - 200 * PAGE);
        // 200 / 366 = 0.54644 -> 5464 bp; 166 / 366 -> 4535 bp
        assertThat(SimMemory.goalMetric(GoalMetric.ACTIVE_MEM_BP, -1, m)).isEqualTo(5464);
        assertThat(SimMemory.goalMetric(GoalMetric.INACTIVE_MEM_BP, -1, m)).isEqualTo(4535);
        // limit 150 pages below RSS: z (cold, oldest) goes first, then heap (stamp 0, lower address),
        // then 17 of the stack's 33 pages; x and y stay
        m.setMemoryLimit(total - 150 * PAGE);
        m.advanceTo(1_100 * MS);
        assertThat(m.residentBytes(start(m, 2), end(m, 2))).isZero();
        assertThat(m.residentBytes(heap, heap + HEAP_PAGES * PAGE)).isZero();
        assertThat(m.residentBytes(stack, stack + STACK_PAGES * PAGE)).isEqualTo(16 * PAGE);
        assertThat(m.residentBytes(start(m, 0), end(m, 1))).isEqualTo(200 * PAGE);
        assertThat(m.reclaimedBytes()).isEqualTo(150 * PAGE);
        assertThat(m.rssBytes()).isEqualTo(total - 150 * PAGE);
        m.advanceTo(1_500 * MS);
        assertThat(m.reclaimedBytes()).isEqualTo(150 * PAGE);
    }

    @Test
    void deprioritisedMemoryIsReclaimedBeforeIdleMemoryAndAccessesReactivate() {
        SimMemory m = new SimMemory(xyz());
        m.advanceTo(500 * MS);
        long heap = m.workload().layout().mappings().getFirst().start();
        // y and the heap are both idle since 0; deprioritising 10 pages of y puts them first in line
        m.apply(DamosAction.LRU_DEPRIO, start(m, 1), start(m, 1) + 10 * PAGE);
        // x's first 10 pages too, but x is read during the next step, which makes them recent again
        m.apply(DamosAction.LRU_DEPRIO, start(m, 0), start(m, 0) + 10 * PAGE);
        m.setMemoryLimit(m.rssBytes() - 10 * PAGE);
        m.advanceTo(600 * MS);
        assertThat(m.reclaimedBytes()).isEqualTo(10 * PAGE);
        assertThat(m.residentBytes(start(m, 1), start(m, 1) + 10 * PAGE)).isZero();
        assertThat(m.residentBytes(start(m, 0), end(m, 0))).isEqualTo(100 * PAGE);
        assertThat(m.residentBytes(heap, heap + HEAP_PAGES * PAGE)).isEqualTo(HEAP_PAGES * PAGE);
    }

    @Test
    void migrationsMovePagesBetweenTiersWithinCapacity() {
        // fast tier of 150 pages: heap (33) + x (100) + 17 pages of y start fast, the rest slow
        SimMemory m = new SimMemory(xyz(), SimMemory.Config.DEFAULTS.withTiers(150 * PAGE, 0));
        assertThat(m.tierBytes(SimMemory.FAST_TIER)).isEqualTo(150 * PAGE);
        assertThat(m.tierBytes(SimMemory.SLOW_TIER)).isEqualTo(216 * PAGE);
        assertThat(m.tierOf(start(m, 1) + 16 * PAGE)).isEqualTo(SimMemory.FAST_TIER);
        assertThat(m.tierOf(start(m, 1) + 17 * PAGE)).isEqualTo(SimMemory.SLOW_TIER);
        assertThat(m.apply(DamosAction.MIGRATE_HOT, start(m, 2), end(m, 2))).as("fast tier full").isZero();
        assertThat(m.apply(DamosAction.MIGRATE_COLD, start(m, 0), end(m, 0))).isEqualTo(100 * PAGE);
        assertThat(m.apply(DamosAction.MIGRATE_HOT, start(m, 2), end(m, 2))).isEqualTo(100 * PAGE);
        assertThat(m.apply(DamosAction.MIGRATE_HOT, start(m, 1), end(m, 1), 0)).as("full again").isZero();
        assertThat(m.tierBytes(SimMemory.FAST_TIER)).isEqualTo(150 * PAGE);
        assertThat(m.tierOf(start(m, 2) + 99 * PAGE)).isEqualTo(SimMemory.FAST_TIER);
        // x now lives in the slow tier: 2.5 M accesses in the first step, 100 ns extra each, over 100 ms
        m.advanceTo(100 * MS);
        assertThat(m.estimatedSlowdown()).isCloseTo(2_500_000 * 100.0 / 1e8, within(1e-9));
        // node 0 = fast tier (150 pages, full); node 1 = slow tier, default capacity 2 x mapped rounded up
        // to 2 MiB: 2 x 366 pages = 2,998,272 B -> 4 MiB; used 216 pages = 884,736 B -> 2109 bp
        assertThat(SimMemory.goalMetric(GoalMetric.NODE_MEM_USED_BP, 0, m)).isEqualTo(10_000);
        assertThat(SimMemory.goalMetric(GoalMetric.NODE_MEM_FREE_BP, 0, m)).isZero();
        assertThat(SimMemory.goalMetric(GoalMetric.NODE_MEM_USED_BP, 1, m)).isEqualTo(2109);
        assertThat(SimMemory.goalMetric(GoalMetric.NODE_MEM_FREE_BP, 1, m)).isEqualTo(7890);
        // node 2 has no memory: 0 used, 10,000 free (the kernel's invalid_mem_node() guard)
        assertThat(SimMemory.goalMetric(GoalMetric.NODE_MEM_USED_BP, 2, m)).isZero();
        assertThat(SimMemory.goalMetric(GoalMetric.NODE_MEM_FREE_BP, 2, m)).isEqualTo(10_000);
        // free per mille of all memory: (4,194,304 - 884,736) x 1000 / (614,400 + 4,194,304) = 688.2
        assertThat(SimMemory.freeMemRatePermil(m)).isEqualTo(688);
    }

    @Test
    void collapseCoversAlignedHugePagesPullingEvictedPagesInAsBloat() {
        SimMemory m = new SimMemory(workload("h, 10M\n\np\n1000\nh, 1, 0, 1\n", 25_000));
        long s = start(m, 0);
        long e = end(m, 0);
        long huge = 2L << 20;
        long firstBlock = (s + huge - 1) / huge * huge;
        long lastBlockEnd = e / huge * huge;
        long rss = m.rssBytes();
        assertThat(m.apply(DamosAction.PAGEOUT, s, s + (4L << 20))).isEqualTo(4L << 20);
        long collapseFrom = s + (1L << 20);
        long expectedCovered = lastBlockEnd - Math.max(firstBlock, (collapseFrom + huge - 1) / huge * huge);
        assertThat(m.apply(DamosAction.COLLAPSE, collapseFrom, e)).isEqualTo(expectedCovered);
        assertThat(m.hugePageBytes()).isEqualTo(expectedCovered);
        long pulledIn = Math.max(0, s + (4L << 20) - Math.max(firstBlock, (collapseFrom + huge - 1) / huge * huge));
        assertThat(m.hugeBloatBytes()).isEqualTo(pulledIn);
        assertThat(m.rssBytes()).isEqualTo(rss - (4L << 20) + pulledIn);
        assertThat(m.hugepageSize(lastBlockEnd - 1)).isEqualTo(huge);
        assertThat(m.hugepageSize(s)).isEqualTo(PAGE);
        // one step of random accesses touches every page: the bloat is used, the rest refaults
        m.advanceTo(100 * MS);
        assertThat(m.hugeBloatBytes()).isZero();
        assertThat(m.refaults()).isEqualTo(((4L << 20) - pulledIn) / PAGE);
        assertThat(m.apply(DamosAction.NOHUGEPAGE, s, e)).isEqualTo(e - s);
        assertThat(m.hugePageBytes()).isZero();
        assertThat(m.hugepageSize(lastBlockEnd - 1)).isEqualTo(PAGE);
        assertThat(m.apply(DamosAction.COLLAPSE, s, e)).as("nohugepage memory cannot collapse").isZero();
    }

    @Test
    void hugepageAdviceIsCollapsedBySimulatedKhugepagedAtTheNextStep() {
        SimMemory m = new SimMemory(workload("h, 10M\n\np\n1000\nh, 1, 0, 1\n", 25_000));
        long s = start(m, 0);
        long e = end(m, 0);
        assertThat(m.apply("hugepage", s, e)).isEqualTo(e - s);
        assertThat(m.hugePageBytes()).isZero();
        m.advanceTo(100 * MS);
        long huge = 2L << 20;
        assertThat(m.hugePageBytes()).isEqualTo(e / huge * huge - (s + huge - 1) / huge * huge);
    }

    @Test
    void youngStateIsClearedByTheCheck() {
        SimMemory m = new SimMemory(xyz());
        m.advanceTo(500 * MS);
        long x = start(m, 0);
        assertThat(m.pieceEnd(x + 10 * PAGE, x + 20 * PAGE)).isEqualTo(x + 20 * PAGE);
        assertThat(m.isYoung(x + 10 * PAGE)).isTrue();
        assertThat(m.isYoung(x + 10 * PAGE)).as("cleared by the first check").isFalse();
        assertThat(m.isYoung(x)).as("rest of x not cleared").isTrue();
        assertThat(m.isYoung(start(m, 1))).isFalse();
        m.advanceTo(600 * MS);
        assertThat(m.isYoung(x + 10 * PAGE)).isTrue();
        assertThat(m.isAnon(x)).isTrue();
        assertThat(m.isMapped(end(m, 2))).isFalse();
        assertThat(m.hugepageSize(end(m, 2))).isZero();
    }

    @Test
    void sixtyFourTebibytesCostAFewSegments() {
        SimMemory m = new SimMemory(workload("big, 64T\n\np\n1000\nbig, 1, 0, 1\n", 25_000));
        long s = start(m, 0);
        long rss = m.rssBytes();
        assertThat(rss).isEqualTo((64L << 40) + (HEAP_PAGES + STACK_PAGES) * PAGE);
        assertThat(m.apply(DamosAction.PAGEOUT, s + (1L << 40), s + (2L << 40))).isEqualTo(1L << 40);
        assertThat(m.rssBytes()).isEqualTo(rss - (1L << 40));
        m.advanceTo(1_000 * MS);
        assertThat(m.segmentCount()).isLessThan(10);
    }

    @Test
    void unknownActionNamesAreRejectedWithTheKnownOnes() {
        SimMemory m = new SimMemory(xyz());
        assertThatThrownBy(() -> m.apply("evict", 0, PAGE))
                .hasMessageContaining("unknown DAMOS action 'evict'")
                .hasMessageContaining("lru_deprio");
        assertThat(m.apply("migrate_cold", start(m, 0), end(m, 0))).isEqualTo(100 * PAGE);
    }

    @Test
    void equalNeighboursMergeBack() {
        SimMemory m = new SimMemory(xyz());
        // heap, x, y, z, stack
        assertThat(m.segmentCount()).isEqualTo(5);
        for (int i = 0; i < 10; i++) {
            m.apply(DamosAction.PAGEOUT, start(m, 1) + i * 10 * PAGE, start(m, 1) + (i + 1) * 10 * PAGE);
        }
        assertThat(m.segmentCount()).isEqualTo(5);
        m.apply(DamosAction.PAGEOUT, start(m, 2), start(m, 2) + 10 * PAGE);
        assertThat(m.segmentCount()).isEqualTo(6);
    }

    @Test
    void randomActionSequencesKeepTheBooksBalanced() {
        SimWorkload w = workload("a, 3M\nb, 5000\nc, 6M\n\none\n700\na, 1, 0, 2\nb, 0, 64, 1\nc, 0, 8K, 1\n\n"
                + "two\n300\nc, 1, 0, 1\na, 0, 4096, 5\n", 2_000);
        DamosAction[] actions = DamosAction.values();
        for (long seed = 1; seed <= 20; seed++) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            SimMemory m = new SimMemory(w, SimMemory.Config.DEFAULTS.withTiers(1L << 20, 0));
            long mapped = w.layout().totalMappedBytes();
            long lo = w.layout().mappings().getFirst().start();
            long hi = w.layout().mappings().getLast().end();
            for (int step = 0; step < 60; step++) {
                if (rnd.nextInt(4) == 0) {
                    m.setMemoryLimit(rnd.nextBoolean() ? 0 : rnd.nextLong(mapped));
                }
                long s = w.layout().regionStart(0) + rnd.nextLong(12L << 20) - (1L << 20);
                long e = s + rnd.nextLong(1, 4L << 20);
                m.apply(actions[rnd.nextInt(actions.length)], s, e, rnd.nextInt(3) - 1);
                m.advanceTo(step * 20 * MS);
                long rss = m.rssBytes();
                assertThat(rss).as("seed %d", seed).isBetween(0L, mapped);
                assertThat(m.tierBytes(0) + m.tierBytes(1)).as("seed %d", seed).isCloseTo(rss, within(2L));
                assertThat(m.activeBytes() + m.inactiveBytes()).as("seed %d", seed).isEqualTo(rss);
                assertThat(m.residentBytes(lo, hi)).as("seed %d", seed).isCloseTo(rss, within(2L));
                assertThat(m.tierBytes(0)).as("seed %d", seed).isLessThanOrEqualTo(1L << 20);
                assertThat(m.hugePageBytes()).as("seed %d", seed).isLessThanOrEqualTo(rss);
                long prev = lo;
                for (long a = lo; a < hi; ) {
                    long next = m.pieceEnd(a, hi);
                    assertThat(next).as("seed %d", seed).isGreaterThan(a);
                    prev = a;
                    a = next;
                }
                assertThat(prev).isLessThan(hi);
            }
        }
    }

    @Test
    void refaultsIntoAFullFastTierDemoteItsLeastRecentlyUsedMemory() {
        // fast tier 150 pages: heap (33), x (100) and y's first 17 pages
        SimMemory m = new SimMemory(xyz(), SimMemory.Config.DEFAULTS.withTiers(150 * PAGE, 0));
        m.apply(DamosAction.PAGEOUT, start(m, 0), end(m, 0));
        // x's 100 pages left the fast tier free for 100 pages, which z takes
        assertThat(m.apply(DamosAction.MIGRATE_HOT, start(m, 2), end(m, 2))).isEqualTo(100 * PAGE);
        // x is read during the first step: its 100 pages come back into the fast tier, which must then
        // push out 100 pages, oldest first: heap (33), y's 17 fast pages, then z's first 50 (all stamped
        // 0, in address order); x itself was just used
        m.advanceTo(100 * MS);
        assertThat(m.refaults()).isEqualTo(100);
        assertThat(m.tierBytes(SimMemory.FAST_TIER)).isEqualTo(150 * PAGE);
        long heap = m.workload().layout().mappings().getFirst().start();
        assertThat(m.tierOf(heap)).isEqualTo(SimMemory.SLOW_TIER);
        assertThat(m.tierOf(start(m, 1))).isEqualTo(SimMemory.SLOW_TIER);
        assertThat(m.tierOf(start(m, 2) + 49 * PAGE)).isEqualTo(SimMemory.SLOW_TIER);
        assertThat(m.tierOf(start(m, 2) + 50 * PAGE)).isEqualTo(SimMemory.FAST_TIER);
        assertThat(m.tierOf(start(m, 0))).isEqualTo(SimMemory.FAST_TIER);
        assertThat(m.rssBytes()).isEqualTo((HEAP_PAGES + 300 + STACK_PAGES) * PAGE);
    }

    @Test
    void anActionMidStepSeesTheMemoryAsItIsThen() {
        // x: 1000 pages walked at 1 access/ms from time 0: page j is touched at j ms
        SimMemory m = new SimMemory(workload("x, 4000K\n\nwalk\n2000\nx, 0, 4096, 1\n", 1));
        m.advanceTo(150 * MS);
        assertThat(m.nowNs()).isEqualTo(100 * MS);
        m.syncTo(150 * MS);
        m.apply(DamosAction.PAGEOUT, start(m, 0), end(m, 0));
        // [150, 250 ms): pages 151..250 come back; pages 101..150, touched before the pageout, do not count
        m.advanceTo(250 * MS);
        assertThat(m.refaults()).isEqualTo(100);
        assertThat(m.residentBytes(start(m, 0), start(m, 0) + 151 * PAGE)).isZero();
    }
}
