package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * The places where the engine once differed from the newest kernel's mm/damon/core.c, each worked by
 * hand from the kernel function named in the test.
 */
class KernelParityTest {
    private static final long K = 1024;
    private static final long BASE = 0x10_0000;
    private static final long BASE2 = 0x80_0000;

    private static Scheme pageout(Quota q) {
        return Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withQuota(q);
    }

    /** kdamond_apply_schemes + "reset invalid quota->charge_target_from". */
    @Test
    void resumePointInATargetThatBecameInvalidIsCleared() {
        Target second = new Target(1, -1, "t1", List.of());
        Fixture f = new Fixture(List.of(pageout(new Quota(0, 32 * K, 0, 0, 0, 0))), second);
        f.layout(BASE, 16 * K, 3, 0, 0);
        for (int k = 0; k < 3; k++) {
            second.regions().add(BASE2 + k * 16 * K, BASE2 + (k + 1) * 16 * K);
        }
        f.pass(); // target 0: regions 0 and 1 fill the 32 KiB; resume point (t0, BASE + 32K)
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::targetIdx).containsExactly(0, 0);
        f.ops.invalid.add(0);
        f.pass(); // t0 invalid: its resume point is dropped, so t1 gets the window's 32 KiB
        f.pass(); // and the next window resumes after them in t1
        assertThat(f.ops.calls.subList(2, f.ops.calls.size()))
                .extracting(FakeDamosOps.Call::targetIdx, FakeDamosOps.Call::start)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, BASE2),
                        org.assertj.core.groups.Tuple.tuple(1, BASE2 + 16 * K),
                        org.assertj.core.groups.Tuple.tuple(1, BASE2 + 32 * K));
    }

    /**
     * damos_set_effective_quota, CONSIST tuner: with score 0, damon_feed_loop_next_input doubles the
     * input, so after window n esz_bp = 10000 * 2^n and esz = 2^n bytes. Window 50 gives
     * 10000 * 2^50 = 11,258,999,068,426,240,000, past 2^63 but below 2^64; the kernel's unsigned max()
     * keeps it, and window 51 saturates at ULONG_MAX (the compensation 2^50 * 10000 does not fit under
     * ULONG_MAX - last): esz = ULONG_MAX / 10000 = 1,844,674,407,370,955 from then on.
     */
    @Test
    void consistTunerKeepsGrowingPastTwoToTheSixtyThird() {
        QuotaGoal g = new QuotaGoal(GoalMetric.USER_INPUT, 10_000, 0, -1, null);
        Fixture f = new Fixture(pageout(new Quota(0, 0, 100, 0, 0, 0).withGoals(List.of(g))))
                .layout(BASE, 16 * K, 1, 0, 0);
        List<Long> esz = new ArrayList<>();
        for (int window = 1; window <= 53; window++) {
            f.pass(); // a pass every 100 ms = one charge window each
            esz.add(f.engine.effectiveQuota(0));
        }
        assertThat(esz.get(0)).isEqualTo(2);
        assertThat(esz.get(49)).isEqualTo(1L << 50);
        assertThat(esz.subList(50, 53)).containsOnly(1_844_674_407_370_955L);
    }

    /**
     * damos_set_effective_quota with goals and a time quota: esz = min(max(time_esz, min_region_sz),
     * goal_esz). A met TEMPORAL goal sets esz_bp = 0, so esz = min(max(40 MiB, 4 KiB), 0) = 0: nothing
     * is tried. (Flooring the result instead would act on 4 KiB per window.)
     */
    @Test
    void metTemporalGoalWithTimeQuotaActsOnNothing() {
        QuotaGoal g = new QuotaGoal(GoalMetric.USER_INPUT, 10_000, 10_000, -1, null);
        Quota q = new Quota(10, 0, 1000, 0, 0, 0, List.of(g), Quota.GoalTuner.TEMPORAL, 0, 0);
        Fixture f = new Fixture(pageout(q)).layout(BASE, 16 * K, 4, 0, 0);
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isZero();
        assertThat(f.ops.calls).isEmpty();
        assertThat(f.engine.stats(0).nrTried()).isZero();
    }

    /**
     * Same with an over-achieved CONSIST goal: score 20000 >= 2 * goal gives the minimum input 10000 bp,
     * goal_esz = 1 byte, esz = min(max(40 MiB, 4 KiB), 1) = 1; one byte left is less than a minimum
     * region, so damos_quota_is_full holds before any region.
     */
    @Test
    void overAchievedConsistGoalWithTimeQuotaActsOnNothing() {
        QuotaGoal g = new QuotaGoal(GoalMetric.USER_INPUT, 10_000, 20_000, -1, null);
        Quota q = new Quota(10, 0, 1000, 0, 0, 0, List.of(g), Quota.GoalTuner.CONSIST, 0, 0);
        Fixture f = new Fixture(pageout(q)).layout(BASE, 16 * K, 4, 0, 0);
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(1);
        assertThat(f.ops.calls).isEmpty();
    }

    /**
     * The time-derived size alone is floored at the minimum region: the ops charges 100 ms per 4 KiB page,
     * so after the first window (40 MiB guess; 10 regions of 4 KiB tried in 1 s of modelled time)
     * throughput = 40960 * 1e6 / 1e9 = 40 bytes/ms and time_esz = 10 ms * 40 = 400 bytes, floored to
     * 4096.
     */
    @Test
    void timeQuotaSizeIsFlooredAtTheMinimumRegion() {
        Fixture f = new Fixture(pageout(new Quota(10, 0, 1000, 0, 0, 0))).layout(BASE, 4 * K, 10, 0, 0);
        f.ops.nsPerPage = 100_000_000;
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(40L << 20);
        for (int k = 0; k < 10; k++) {
            f.pass();
        }
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(4096);
    }

    /**
     * damos_set_quota_goal_current_value: some_mem_psi_us is now_total - last_total in u64 with
     * last_total starting at U64_MAX, so the first window sees 1000 - (2^64 - 1) = 1001 and the next
     * one, with the total unchanged, 0.
     */
    @Test
    void psiGoalFirstWindowIsTheTotalPlusOne() {
        QuotaGoal g = QuotaGoal.of(GoalMetric.SOME_MEM_PSI_US, 100);
        Fixture f = new Fixture(pageout(new Quota(0, 0, 100, 0, 0, 0).withGoals(List.of(g))))
                .layout(BASE, 16 * K, 1, 0, 0);
        f.ops.metrics.put(GoalMetric.SOME_MEM_PSI_US, c -> 1000);
        f.pass();
        assertThat(f.engine.goalCurrentValues(0)).containsExactly(1001);
        f.pass();
        assertThat(f.engine.goalCurrentValues(0)).containsExactly(0);
    }

    /**
     * damos_apply_scheme: quota splitting, filtering and charging happen only inside
     * {@code if (c->ops.apply_scheme)}; an ops set without it only counts the region as tried. A 16 KiB
     * size quota therefore never fills: all three 16 KiB regions are tried in one pass, 0 bytes charged.
     */
    @Test
    void opsWithoutApplySupportChargesNothing() {
        DamosEngine engine = new DamosEngine(List.of(
                Scheme.of(AccessPattern.ANY, DamosAction.STAT).withQuota(new Quota(0, 16 * K, 1000, 0, 0, 0))));
        VirtualClock clock = new VirtualClock();
        Target t = new Target(0, -1, "t0", List.of());
        MonitorContext ctx = MonitorContext.builder().operations(new NoDamosOps()).clock(clock)
                .schemes(engine).addTarget(t).build();
        for (int k = 0; k < 3; k++) {
            t.regions().add(BASE + k * 16 * K, BASE + (k + 1) * 16 * K);
        }
        clock.advanceNs(100_000_000L);
        engine.applySchemesAt(ctx, 20);
        assertThat(engine.stats(0).nrTried()).isEqualTo(3);
        assertThat(engine.stats(0).szTried()).isEqualTo(48 * K);
        assertThat(engine.chargedBytes(0)).isZero();
        assertThat(t.regions().size()).isEqualTo(3);
    }

    /**
     * damon_hot_score keeps age_in_sec in an unsigned int: age 2^30 aggregations of 4 s is 2^32 s,
     * truncated to 0, so age_in_log = 0; never accessed: -0 + 32 = 32, age subscore 32*100/32/2 = 50,
     * hot = 50 * 99 / 100 = 49 (cold 50). Untruncated it would be log 32 -> subscore 0 -> hot 0.
     */
    @Test
    void hotScoreTruncatesAgeInSecondsTo32Bits() {
        Attributes a = new Attributes(5_000, 4_000_000, 60_000_000, 10, 1000, org.jdamon.core.IntervalsGoal.OFF);
        Quota q = new Quota(0, 1, 0, 0, 0, 1);
        assertThat(Scores.hot(a, 0, 1 << 30, q)).isEqualTo(49);
        assertThat(Scores.cold(a, 0, 1 << 30, q)).isEqualTo(50);
    }

    /** min_score's walk compares cumulated bytes with esz unsigned: esz = ULONG_MAX walks down to 0. */
    @Test
    void minScoreWithUnboundedQuotaWalksToZero() {
        long[] hist = new long[Scores.MAX_SCORE + 1];
        hist[70] = 4096;
        hist[20] = 4096;
        assertThat(Scores.minScore(hist, 70, -1L)).isZero();
        assertThat(Scores.minScore(hist, 70, 8192)).isEqualTo(20);
    }

    /**
     * mm.git's failed-region charge ratio: a region is charged its applied bytes plus the failed ones at
     * fail_charge_num / fail_charge_denom. Every page is anon and the scheme rejects anon, so nothing is
     * applied: each 16 KiB region charges 16K * 1 / 4 = 4 KiB, and all four fit the 32 KiB budget
     * (16 KiB charged) where the plain charge would stop after two.
     */
    @Test
    void failedBytesAreChargedAtTheFailChargeRatio() {
        Quota q = new Quota(0, 32 * K, 1000, 0, 0, 0, List.of(), Quota.GoalTuner.CONSIST, 1, 4);
        Scheme s = pageout(q).withFilters(List.of(DamosFilter.of(FilterType.ANON, true, false)));
        Fixture f = new Fixture(s).layout(BASE, 16 * K, 4, 0, 0);
        f.ops.anon = a -> true;
        f.pass();
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(4);
        assertThat(f.engine.stats(0).szApplied()).isZero();
        assertThat(f.engine.chargedBytes(0)).isEqualTo(16 * K);
    }

    /**
     * node_eligible_mem_bp (mm.git): pattern-matching bytes on the node over all pattern-matching bytes.
     * Hot (nr_accesses 5) regions: 2 x 16 KiB on node 0 and 2 x 16 KiB on node 1; two cold regions on
     * node 1 do not match the pattern (min nr_accesses 1). 32K / 64K = 5000 bp.
     */
    @Test
    void nodeEligibleMemBpCountsOnlyPatternMatchingMemory() {
        QuotaGoal g = new QuotaGoal(GoalMetric.NODE_ELIGIBLE_MEM_BP, 3000, 0, 1, null);
        Scheme s = Scheme.of(new AccessPattern(0, Long.MAX_VALUE, 1, Integer.MAX_VALUE, 0, Integer.MAX_VALUE),
                DamosAction.STAT).withQuota(new Quota(0, 0, 100, 0, 0, 0).withGoals(List.of(g)));
        Fixture f = new Fixture(s).layout(BASE, 16 * K, 4, 5, 0).layout(BASE + 64 * K, 16 * K, 2, 0, 0);
        f.ops.metrics.put(GoalMetric.NODE_ELIGIBLE_MEM_BP, c -> {
            throw new AssertionError("computed by the engine, not read from the ops");
        });
        f.ops.nodeOf = a -> a < BASE + 32 * K ? 0 : 1;
        f.pass();
        assertThat(f.engine.goalCurrentValues(0)).containsExactly(5000);
    }

    /**
     * damos_skip_charged_region when the region holding the resume point starts less than a minimum
     * region before it: ALIGN_DOWN(2K, 4K) = 0 and the region is only 4 KiB, so it is skipped whole; the
     * next region starts past the resume point, which then clears, and is tried.
     */
    @Test
    void smallRegionAcrossTheResumePointIsSkippedWhole() {
        Fixture f = new Fixture(pageout(new Quota(0, 32 * K, 0, 0, 0, 0))).layout(BASE, 16 * K, 4, 0, 0);
        f.pass(); // regions 0 and 1: resume point BASE + 32K
        org.jdamon.core.Regions r = f.regions();
        while (r.size() > 0) {
            r.remove(r.size() - 1);
        }
        r.add(BASE, BASE + 30 * K);
        r.add(BASE + 30 * K, BASE + 34 * K);
        r.add(BASE + 34 * K, BASE + 64 * K);
        f.pass();
        assertThat(f.ops.calls.subList(2, f.ops.calls.size())).extracting(FakeDamosOps.Call::start)
                .containsExactly(BASE + 34 * K);
        assertThat(r.size()).isEqualTo(3);
    }

    /** An operations set with no DAMOS support at all (no apply_scheme, no scorer). */
    private static final class NoDamosOps implements Operations {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public void prepareAccessChecks(MonitorContext ctx) {}

        @Override
        public int checkAccesses(MonitorContext ctx) {
            return 0;
        }
    }
}
