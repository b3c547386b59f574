package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * The DAMOS engine at the edges of its rules, each tried exactly on the edge: a quota that a region
 * fills exactly or leaves exactly one minimum region of, the resume point inside or past every region, a
 * filter that covers a region exactly, the slice merge's conditions, the throughput measured by the clock
 * or declared by the operations set, the score histogram of a second scheme, and the watermarks' limits.
 * Regions are 16 KiB unless said; default attributes (20 samples per aggregation, min 10 regions).
 */
class EngineBoundaryTest {
    private static final long B = 0x10_0000;
    private static final long K = 1024;

    private static Scheme with(DamosAction action, Quota q) {
        return Scheme.of(AccessPattern.ANY, action).withQuota(q);
    }

    private static Quota size(long bytes) {
        return new Quota(0, bytes, 0, 0, 0, 0);
    }

    /** Four 16 KiB regions with ages 1..4, so that no two of them are ever merged back. */
    private static Fixture fourRegions(Scheme s) {
        Fixture f = new Fixture(s);
        for (int k = 0; k < 4; k++) {
            f.layout(B + k * 16 * K, 16 * K, 1, 0, k + 1);
        }
        return f;
    }

    private static List<org.assertj.core.groups.Tuple> ranges(List<FakeDamosOps.Call> calls) {
        return calls.stream().map(c -> tuple(c.start() - B, c.end() - B)).toList();
    }

    @Test
    void aRegionThatFillsTheQuotaExactlyIsNotSplit() {
        Fixture f = fourRegions(with(DamosAction.PAGEOUT, size(16 * K)));
        f.pass();
        assertThat(ranges(f.ops.calls)).containsExactly(tuple(0L, 16 * K));
        assertThat(f.regions().size()).isEqualTo(4);
        assertThat(f.engine.chargedBytes(0)).isEqualTo(16 * K);
    }

    @Test
    void exactlyOneMinimumRegionLeftIsStillUsable() {
        // 20 KiB: after 16 KiB, 4 KiB (one page, the minimum region) is left, so the quota is not full:
        // the next region is split at 4 KiB. damos_quota_is_full: full only below one minimum region.
        Fixture f = fourRegions(with(DamosAction.PAGEOUT, size(20 * K)));
        f.pass();
        assertThat(ranges(f.ops.calls)).containsExactly(tuple(0L, 16 * K), tuple(16 * K, 20 * K));
        assertThat(f.engine.chargedBytes(0)).isEqualTo(20 * K);
    }

    @Test
    void failedBytesAreChargedAtTheFailChargeRatio() {
        // half the region is anon and rejected by the ops filter: applied 8 KiB, failed 8 KiB charged at
        // 1/4: 8 + 8 / 4 = 10 KiB charged (with the failed part added instead: 8 + 24 / 4 = 14)
        Quota q = new Quota(0, 1024 * K, 0, 0, 0, 0, List.of(), Quota.GoalTuner.CONSIST, 1, 4);
        Scheme s = with(DamosAction.PAGEOUT, q).withFilters(List.of(DamosFilter.of(FilterType.ANON, true, false)));
        Fixture f = new Fixture(s).layout(B, 16 * K, 1, 0, 0);
        f.ops.anon = a -> a < B + 8 * K;
        f.pass();
        assertThat(f.engine.chargedBytes(0)).isEqualTo(10 * K);
        SchemeStats st = f.engine.stats(0);
        assertThat(st).isEqualTo(new SchemeStats(1, 16 * K, 1, 8 * K, 8 * K, 0, 1));
    }

    @Test
    void theClockMeasuresTheActionTimeWhenTheOperationsSetDeclaresNone() {
        // 1 ms time quota. Window 1 uses the kernel's first guess, PAGE_SIZE * 1024 bytes per ms = 4 MiB;
        // its four applies take 1 ms each on the clock: 64 KiB in 4 ms is 16384 bytes per ms, the size
        // of window 2's quota.
        Fixture f = fourRegions(with(DamosAction.PAGEOUT, new Quota(1, 0, 0, 0, 0, 0)));
        f.ops.clockNsPerApply = 1_000_000;
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(4096L * 1024);
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(16_384);
    }

    @Test
    void aDeclaredTimeOfZeroIsTakenAsItIs() {
        // the ops set declares 0 ns per page: the clock's 1 ms per apply is ignored, nothing was measured
        // (total_charged_ns stays 0) and window 2 keeps the first guess of 4 MiB per ms
        Fixture f = fourRegions(with(DamosAction.PAGEOUT, new Quota(1, 0, 0, 0, 0, 0)));
        f.ops.nsPerPage = 0;
        f.ops.clockNsPerApply = 1_000_000;
        f.pass();
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(4096L * 1024);
    }

    @Test
    void aResumePointPastEveryRegionClearsAtTheLastOneAndTheWindowAfterStartsOver() {
        Fixture f = fourRegions(with(DamosAction.STAT, size(32 * K)));
        f.pass(); // regions 0 and 1 fill the quota: resume at +32K
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(2);
        f.regions().remove(3);
        f.regions().remove(2);
        f.pass(); // both regions end at or before +32K: skipped; the last clears the resume point
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(2);
        f.pass(); // no resume point: from the start again
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(4);
        assertThat(ranges(f.ops.calls)).containsExactly(
                tuple(0L, 16 * K), tuple(16 * K, 32 * K), tuple(0L, 16 * K), tuple(16 * K, 32 * K));
    }

    @Test
    void aResumePointInsideARegionSplitsItThereAndTheRestIsTried() {
        Fixture f = fourRegions(with(DamosAction.STAT, size(16 * K)));
        f.pass(); // region 0 fills the quota: resume at +16K
        Regions r = f.regions();
        r.setEnd(0, B + 32 * K); // regions 0 and 1 became one [0, 32K) meanwhile
        r.remove(1);
        f.pass();
        // ALIGN_DOWN(16K - 0, 4K) = 16K: [0, 16K) is skipped, [16K, 32K) starts at the resume point
        assertThat(ranges(f.ops.calls)).containsExactly(tuple(0L, 16 * K), tuple(16 * K, 32 * K));
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.start(1)).isEqualTo(B + 16 * K);
    }

    @Test
    void anAddrFilterCoveringARegionExactlyDoesNotSplitIt() {
        // allow [0, 16K); the last core filter allows, so what it does not match is rejected
        Scheme s = Scheme.of(AccessPattern.ANY, DamosAction.STAT)
                .withFilters(List.of(DamosFilter.addr(B, B + 16 * K, true, true)));
        Fixture f = new Fixture(s).layout(B, 16 * K, 1, 0, 1).layout(B + 16 * K, 16 * K, 1, 0, 2);
        f.pass();
        assertThat(ranges(f.ops.calls)).containsExactly(tuple(0L, 16 * K));
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(1);
        assertThat(f.regions().size()).isEqualTo(2);
    }

    /**
     * 80 KiB in total, so the size limit is 80 KiB / 10 = 8 KiB: two 4 KiB slices with equal counters
     * merge into exactly the limit; nine 8 KiB regions after them have distinct ages and never merge.
     */
    private static Fixture slicesAndNine() {
        Fixture f = new Fixture(Scheme.of(AccessPattern.ANY, DamosAction.STAT));
        f.layout(B, 4 * K, 2, 0, 3);
        for (int k = 0; k < 9; k++) {
            f.layout(B + 8 * K + k * 8 * K, 8 * K, 1, 0, 10 + k);
        }
        f.regions().setLastNrAccesses(2, 7);
        return f;
    }

    @Test
    void adjacentSlicesWithEqualCountersMergeUpToTheSizeLimit() {
        Fixture f = slicesAndNine();
        f.pass();
        assertThat(f.regions().size()).isEqualTo(10);
        assertThat(f.regions().end(0)).isEqualTo(B + 8 * K);
        assertThat(f.regions().age(0)).isEqualTo(3);
    }

    @Test
    void slicesDifferingInAnyCounterStayApart() {
        Fixture lastDiffers = slicesAndNine();
        lastDiffers.regions().setLastNrAccesses(1, 1);
        lastDiffers.pass();
        assertThat(lastDiffers.regions().size()).isEqualTo(11);
        Fixture nrDiffers = slicesAndNine();
        nrDiffers.regions().setNrAccesses(1, 1);
        nrDiffers.pass();
        assertThat(nrDiffers.regions().size()).isEqualTo(11);
    }

    @Test
    void theSecondSchemesMinimumScoreComesFromItsOwnHistogram() {
        // hot score with only the access weight: nr * 100 / 20 * 99 / 100, so nr 20 -> 99, 10 -> 49, 2 -> 9.
        // Eligible (pattern nr >= 1): 8K at 99, 8K at 49, 16K at 9; from 99 down the bytes reach the
        // 16 KiB quota at 49. The fourth region counts 20 but its moving sum is 0.5: not eligible.
        Quota q = new Quota(0, 16 * K, 0, 0, 1, 0);
        AccessPattern accessed = new AccessPattern(0, Long.MAX_VALUE, 1, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        Scheme s = Scheme.of(accessed, DamosAction.LRU_PRIO).withQuota(q);
        Fixture f = new Fixture(s, s)
                .layout(B, 8 * K, 1, 20, 1)
                .layout(B + 8 * K, 8 * K, 1, 10, 2)
                .layout(B + 16 * K, 16 * K, 1, 2, 3)
                .layout(B + 32 * K, 16 * K, 1, 20, 4);
        f.regions().setNrAccessesBp(3, 5_000);
        f.pass();
        assertThat(f.engine.minScore(0)).isEqualTo(49);
        assertThat(f.engine.minScore(1)).isEqualTo(49);
    }

    @Test
    void nodeEligibleMemoryUsesTheMovingSumForThePattern() {
        // [0, 16K) on node 1 has a moving sum of 0.5 access: below the pattern's 1, not eligible; all
        // eligible memory is [16K, 32K) on node 0: 10,000 bp
        QuotaGoal g = new QuotaGoal(GoalMetric.NODE_ELIGIBLE_MEM_BP, 5000, 0, 0, null);
        AccessPattern accessed = new AccessPattern(0, Long.MAX_VALUE, 1, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        Scheme s = Scheme.of(accessed, DamosAction.STAT).withQuota(new Quota(0, 0, 100, 0, 0, 0).withGoals(List.of(g)));
        Fixture f = new Fixture(s).layout(B, 16 * K, 2, 1, 0);
        f.regions().setNrAccessesBp(0, 5_000);
        f.ops.metrics.put(GoalMetric.NODE_ELIGIBLE_MEM_BP, c -> {
            throw new AssertionError("computed by the engine");
        });
        f.ops.nodeOf = a -> a < B + 16 * K ? 1 : 0;
        f.pass();
        assertThat(f.engine.goalCurrentValues(0)).containsExactly(10_000);
    }

    @Test
    void triedRegionsAreThoseOfTheLastPassOnlyAndCallsNameTheirScheme() {
        Scheme stat = Scheme.of(AccessPattern.ANY, DamosAction.STAT);
        Fixture f = new Fixture(stat, stat).layout(B, 16 * K, 1, 0, 1).layout(B + 16 * K, 16 * K, 1, 0, 2);
        f.engine.collectTriedRegions(true);
        f.pass();
        f.pass();
        assertThat(f.engine.triedRegions(1)).containsExactly(
                new TriedRegion(0, B, B + 16 * K, 0, 1, 16 * K), new TriedRegion(0, B + 16 * K, B + 32 * K, 0, 2, 16 * K));
        assertThat(f.ops.calls.subList(0, 4)).extracting(FakeDamosOps.Call::schemeIdx).containsExactly(0, 1, 0, 1);
    }

    @Test
    void anUnmetTemporalGoalWithoutASizeQuotaIsUnlimited() {
        // esz_bp = ULONG_MAX, so esz = ULONG_MAX / 10000 = 1844674407370955 bytes: every region is tried
        QuotaGoal g = new QuotaGoal(GoalMetric.USER_INPUT, 10_000, 5_000, -1, null);
        Quota q = new Quota(0, 0, 0, 0, 0, 0, List.of(g), Quota.GoalTuner.TEMPORAL, 0, 0);
        Fixture f = fourRegions(with(DamosAction.PAGEOUT, q));
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(1_844_674_407_370_955L);
        assertThat(f.engine.stats(0).szTried()).isEqualTo(64 * K);
    }

    @Test
    void theFirstPassRefusesSchemesTheOperationsSetCannotRun() {
        Scheme s = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT)
                .withFilters(List.of(DamosFilter.of(FilterType.ACTIVE, true, false)));
        Fixture f = new Fixture(s).layout(B, 16 * K, 1, 0, 0);
        assertThatThrownBy(f::pass).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheme 0: operations set 'fake' does not support filter type active");
        assertThat(f.ops.calls).isEmpty();
    }

    @Test
    void commitsApplyAtOnceWhenUnboundAndAtTheNextActivationCheckWhenBound() throws InterruptedException {
        Scheme stat = Scheme.of(AccessPattern.ANY, DamosAction.STAT);
        Scheme pageout = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT);
        DamosEngine unbound = new DamosEngine(List.of(stat));
        unbound.commitSchemes(List.of(pageout, stat));
        assertThat(unbound.schemes()).containsExactly(pageout, stat);
        assertThat(unbound.hasSchemes()).isTrue();

        Fixture f = new Fixture(stat).layout(B, 16 * K, 1, 0, 0);
        f.pass();
        f.engine.commitSchemes(List.of(pageout));
        assertThat(f.engine.schemes()).containsExactly(stat);
        assertThat(f.engine.waitForActivation(f.ctx)).isTrue();
        assertThat(f.engine.schemes()).containsExactly(pageout);
    }

    @Test
    void noSchemesNeedNoActivation() throws InterruptedException {
        DamosEngine none = new DamosEngine(List.of());
        MonitorContext ctx = MonitorContext.builder().operations(new FakeDamosOps()).schemes(none)
                .addTarget(new Target(0, -1, "t", List.of())).build();
        assertThat(none.hasSchemes()).isFalse();
        assertThat(none.waitForActivation(ctx)).isTrue();
    }

    @Test
    void aRunningWorkerAppliesTheSchemesOncePerAggregation() throws InterruptedException {
        // 1 s of virtual time at 5 ms / 100 ms: 200 samples, a pass at 20, 40, ..., 200
        DamosEngine engine = new DamosEngine(List.of(Scheme.of(AccessPattern.ANY, DamosAction.STAT)));
        Target t = new Target(0, -1, "t", List.of());
        t.regions().add(B, B + 64 * K);
        MonitorContext ctx = MonitorContext.builder().operations(new FakeDamosOps()).schemes(engine)
                .addTarget(t).deadlineNs(1_000_000_000L).build();
        ctx.run();
        assertThat(ctx.passedSampleIntervals()).isEqualTo(200);
        assertThat(engine.stats(0).nrSnapshots()).isEqualTo(10);
    }

    /** DAMON_RECLAIM's watermarks: high 500, mid 400, low 200 permil, checked every 5 s. */
    private static Fixture watermarked(java.util.function.LongUnaryOperator permilAtSecond) {
        Watermarks w = new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 5_000_000, 500, 400, 200);
        Fixture f = new Fixture(Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withWatermarks(w));
        f.layout(B, 16 * K, 1, 0, 0);
        f.ops.freeMemRate = c -> permilAtSecond.applyAsLong(c.clock().nowNs() / 1_000_000_000L);
        return f;
    }

    @Test
    void exactlyAtTheHighOrTheLowWatermarkTheSchemeStaysActive() throws InterruptedException {
        // were 500 or 200 outside the range, the first check would wait 5 s for the 300 that follows
        for (long edge : new long[] {500, 200}) {
            Fixture f = watermarked(s -> s == 0 ? edge : 300);
            assertThat(f.engine.waitForActivation(f.ctx)).isTrue();
            assertThat(f.clock.nowNs()).isZero();
            assertThat(f.engine.activated(0)).isTrue();
        }
    }

    @Test
    void anInactiveSchemeWaitsAtTheMiddleWatermarkAndStartsJustBelowIt() throws InterruptedException {
        // 0 s: 600 > high, off; 5 s: 400 == mid, still off (the kernel waits while metric >= mid);
        // 10 s: 399, on
        Fixture f = watermarked(s -> s < 5 ? 600 : s < 10 ? 400 : 399);
        assertThat(f.engine.waitForActivation(f.ctx)).isTrue();
        assertThat(f.clock.nowNs()).isEqualTo(10_000_000_000L);
        assertThat(f.engine.activated(0)).isTrue();
    }

    @Test
    void targetsBeforeTheResumeTargetAreSkippedWhole() {
        // 32 KiB: target 0's region and target 1's first fill it, so the next window resumes in target 1
        // after its first region: target 0 is skipped, target 1's second region is tried
        Target second = new Target(1, -1, "t1", List.of());
        Fixture f = new Fixture(List.of(with(DamosAction.STAT, size(32 * K))), second).layout(B, 16 * K, 1, 0, 1);
        long b1 = 0x100_0000;
        second.regions().add(b1, b1 + 16 * K);
        second.regions().add(b1 + 16 * K, b1 + 32 * K);
        second.regions().setAge(1, 5);
        f.pass();
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::targetIdx, FakeDamosOps.Call::start).containsExactly(
                tuple(0, B), tuple(1, b1), tuple(1, b1 + 16 * K));
    }
}
