package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdamon.core.Feedback;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * The DAMOS cases of the newest kernel's mm/damon/tests/core-kunit.h, with the kernel's inputs and
 * expected values. The {@code damos_commit_*} cases go through {@link DamosEngine#commitSchemes}: a
 * scheme is committed over another after a pass, so the test also sees that runtime state survives.
 * Not expressible: the kunit's pointer and list-linkage checks (Java records have no list heads), and
 * {@code memcg_id}, which jdamon names by cgroup path.
 */
class DamosKunitTest {
    private static final long BASE = 0x10_0000;

    private static Scheme stat(Quota q) {
        return Scheme.of(AccessPattern.ANY, DamosAction.STAT).withQuota(q);
    }

    /** Installs a pending commit without running a pass (the pass is not due yet). */
    private static void installCommit(Fixture f) {
        f.engine.applySchemesAt(f.ctx, f.passed);
    }

    private static Fixture started(Scheme s) {
        Fixture f = new Fixture(s).layout(BASE, 16 * 1024, 2, 0, 0);
        f.ops.filterTypes.addAll(List.of(FilterType.values()));
        for (GoalMetric m : GoalMetric.values()) {
            if (m != GoalMetric.USER_INPUT) {
                f.ops.metrics.put(m, c -> 456);
            }
        }
        f.pass();
        return f;
    }

    private static Scheme committed(Fixture f, Scheme src) {
        f.engine.commitSchemes(List.of(src));
        installCommit(f);
        return f.engine.schemes().getFirst();
    }

    @Test
    void damosTestNewFilter() {
        DamosFilter filter = DamosFilter.of(FilterType.ANON, true, false);
        assertThat(filter.type()).isEqualTo(FilterType.ANON);
        assertThat(filter.matching()).isTrue();
    }

    @Test
    void damosTestCommitQuotaGoal() {
        // dst: some_mem_psi_us, target 1000; its last total is 456 after the first window
        QuotaGoal psi = QuotaGoal.of(GoalMetric.SOME_MEM_PSI_US, 1000);
        Fixture f = started(stat(new Quota(0, 0, 0, 0, 0, 0).withGoals(List.of(psi))));
        List<QuotaGoal> srcs = List.of(
                new QuotaGoal(GoalMetric.USER_INPUT, 789, 12, -1, null),
                new QuotaGoal(GoalMetric.NODE_MEM_FREE_BP, 345, 678, 9, null),
                new QuotaGoal(GoalMetric.NODE_MEM_USED_BP, 12, 345, 6, null),
                new QuotaGoal(GoalMetric.NODE_MEMCG_USED_BP, 456, 567, 6, "memcg7"),
                new QuotaGoal(GoalMetric.NODE_MEMCG_FREE_BP, 890, 901, 10, "memcg1"),
                new QuotaGoal(GoalMetric.SOME_MEM_PSI_US, 234, 345, -1, null));
        for (QuotaGoal src : srcs) {
            QuotaGoal dst = committed(f, stat(new Quota(0, 0, 0, 0, 0, 0).withGoals(List.of(src))))
                    .quota().goals().getFirst();
            assertThat(dst.metric()).isEqualTo(src.metric());
            assertThat(dst.targetValue()).isEqualTo(src.targetValue());
            assertThat(dst.nid()).isEqualTo(src.nid());
            assertThat(dst.memcgPath()).isEqualTo(src.memcgPath());
            // user_input takes the new current value; measured metrics keep theirs until the next window
            assertThat(f.engine.goalCurrentValues(0)[0]).isEqualTo(12);
        }
        // last_psi_total was kept through every commit: the next window's delta is from 456
        f.ops.metrics.put(GoalMetric.SOME_MEM_PSI_US, c -> 500);
        f.pass();
        assertThat(f.engine.goalCurrentValues(0)[0]).isEqualTo(44);
    }

    @Test
    void damosTestCommitQuotaGoals() {
        QuotaGoal u123 = QuotaGoal.of(GoalMetric.USER_INPUT, 123);
        QuotaGoal u234 = QuotaGoal.of(GoalMetric.USER_INPUT, 234);
        QuotaGoal u345 = QuotaGoal.of(GoalMetric.USER_INPUT, 345);
        QuotaGoal u456 = QuotaGoal.of(GoalMetric.USER_INPUT, 456);
        Quota none = new Quota(0, 1, 0, 0, 0, 0);
        record Case(List<QuotaGoal> dst, List<QuotaGoal> src) {}
        for (Case c : List.of(new Case(List.of(), List.of(u123)), new Case(List.of(u234), List.of(u345)),
                new Case(List.of(u456), List.of()))) {
            Fixture f = started(stat(none.withGoals(c.dst())));
            List<QuotaGoal> got = committed(f, stat(none.withGoals(c.src()))).quota().goals();
            assertThat(got).extracting(QuotaGoal::metric, QuotaGoal::targetValue)
                    .containsExactlyElementsOf(c.src().stream()
                            .map(g -> org.assertj.core.groups.Tuple.tuple(g.metric(), g.targetValue())).toList());
            assertThat(f.engine.goalCurrentValues(0)).hasSize(c.src().size());
        }
    }

    @Test
    void damosTestCommitQuota() {
        Quota dst = new Quota(2, 3, 1, 4, 5, 6, List.of(), Quota.GoalTuner.CONSIST, 2, 3);
        Quota src = new Quota(8, 9, 7, 10, 11, 12, List.of(), Quota.GoalTuner.TEMPORAL, 1, 1024);
        Fixture f = started(stat(dst));
        long esz = f.engine.effectiveQuota(0);
        long tried = f.engine.stats(0).nrTried();
        Quota got = committed(f, stat(src)).quota();
        assertThat(got.resetIntervalMs()).isEqualTo(7);
        assertThat(got.timeMs()).isEqualTo(8);
        assertThat(got.szBytes()).isEqualTo(9);
        assertThat(got.goalTuner()).isEqualTo(Quota.GoalTuner.TEMPORAL);
        assertThat(got.failChargeNum()).isEqualTo(1);
        assertThat(got.failChargeDenom()).isEqualTo(1024);
        assertThat(List.of(got.weightSz(), got.weightNrAccesses(), got.weightAge())).containsExactly(10, 11, 12);
        // runtime state stays: the first window's effective size, min(8 MiB of time, sz 3) = 3 (which is
        // below one minimum region, so the quota was full and nothing was tried)
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(esz).isEqualTo(3);
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(tried).isZero();
    }

    private static Scheme migrateHot(List<MigrationDest> dests) {
        return new Scheme(AccessPattern.ANY, DamosAction.MIGRATE_HOT, 0, Quota.UNLIMITED, Watermarks.NONE,
                List.of(), -1, dests, 0);
    }

    private static List<MigrationDest> dests(int[] nodes, int[] weights) {
        List<MigrationDest> out = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            out.add(new MigrationDest(nodes[i], weights[i]));
        }
        return out;
    }

    @Test
    void damosTestCommitDests() {
        int[][][] cases = {
            {{1, 2, 3}, {2, 3, 4}, {4, 5, 6}, {5, 6, 7}},
            {{1, 2}, {2, 3}, {4, 5, 6}, {5, 6, 7}},
            {{}, {}, {4, 5, 6}, {5, 6, 7}},
            {{1, 2, 3}, {2, 3, 4}, {4, 5}, {5, 6}},
            {{1, 2, 3}, {2, 3, 4}, {}, {}},
        };
        for (int[][] c : cases) {
            Fixture f = started(migrateHot(dests(c[0], c[1])));
            List<MigrationDest> got = committed(f, migrateHot(dests(c[2], c[3]))).dests();
            assertThat(got).containsExactlyElementsOf(dests(c[2], c[3]));
        }
    }

    @Test
    void damosTestCommitFilter() {
        Scheme dst = stat(Quota.UNLIMITED).withFilters(List.of(DamosFilter.of(FilterType.ACTIVE, false, false)));
        Fixture f = started(dst);
        List<DamosFilter> srcs = List.of(
                DamosFilter.of(FilterType.ANON, true, true),
                DamosFilter.memcg("memcg123", false, false),
                DamosFilter.of(FilterType.YOUNG, true, true),
                DamosFilter.hugepageSize(234, 345, false, false),
                DamosFilter.of(FilterType.UNMAPPED, true, true),
                DamosFilter.addr(456, 567, false, false),
                DamosFilter.target(6, true, true));
        for (DamosFilter src : srcs) {
            DamosFilter got = committed(f, stat(Quota.UNLIMITED).withFilters(List.of(src))).filters().getFirst();
            assertThat(got.type()).isEqualTo(src.type());
            assertThat(got.matching()).isEqualTo(src.matching());
            assertThat(got.allow()).isEqualTo(src.allow());
            assertThat(got.memcgPath()).isEqualTo(src.memcgPath());
            assertThat(List.of(got.addrStart(), got.addrEnd())).containsExactly(src.addrStart(), src.addrEnd());
            assertThat(got.targetIdx()).isEqualTo(src.targetIdx());
            assertThat(List.of(got.minBytes(), got.maxBytes())).containsExactly(src.minBytes(), src.maxBytes());
        }
    }

    private static void assertCommitted(Scheme dst, Scheme src) {
        Fixture f = started(dst);
        Scheme got = committed(f, src);
        assertThat(got.pattern()).isEqualTo(src.pattern());
        assertThat(got.action()).isEqualTo(src.action());
        assertThat(got.applyIntervalUs()).isEqualTo(src.applyIntervalUs());
        assertThat(got.watermarks()).isEqualTo(src.watermarks());
        if (src.action().isMigration()) {
            assertThat(got.targetNid()).isEqualTo(src.targetNid());
        }
    }

    @Test
    void damosTestCommitPageout() {
        // {1, 2, 3, 4, 5, 6} is (min_sz, max_sz, min_nr, max_nr, min_age, max_age); watermarks given
        // positionally as {metric, interval, high, mid} (low 0)
        assertCommitted(
                new Scheme(new AccessPattern(1, 2, 3, 4, 5, 6), DamosAction.PAGEOUT, 1_000_000, Quota.UNLIMITED,
                        new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 900, 100, 50, 0), List.of(), -1,
                        List.of(), 0),
                new Scheme(new AccessPattern(2, 3, 4, 5, 6, 7), DamosAction.PAGEOUT, 2_000_000, Quota.UNLIMITED,
                        new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 800, 50, 30, 0), List.of(), -1,
                        List.of(), 0));
    }

    @Test
    void damosTestCommitMigrateHot() {
        assertCommitted(
                new Scheme(new AccessPattern(1, 2, 3, 4, 5, 6), DamosAction.PAGEOUT, 1_000_000, Quota.UNLIMITED,
                        new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 900, 100, 50, 0), List.of(), -1,
                        List.of(), 0),
                new Scheme(new AccessPattern(2, 3, 4, 5, 6, 7), DamosAction.MIGRATE_HOT, 2_000_000,
                        Quota.UNLIMITED, Watermarks.NONE, List.of(), 5, List.of(), 0));
    }

    @Test
    void damosTestFilterOut() {
        DamosFilter f = DamosFilter.addr(2, 6, true, false);
        Target t = new Target(0, -1, "t", List.of());
        MonitorContext ctx = MonitorContext.builder().operations(new FakeDamosOps()).clock(new VirtualClock())
                .minRegionSize(1).addTarget(t).build();
        Regions r = t.regions();
        r.add(3, 5);
        assertThat(DamosEngine.coreFilterMatches(ctx, f, t, r, 0)).as("in the range").isTrue();
        assertThat(r.size()).isEqualTo(1);
        r.setStart(0, 1);
        r.setEnd(0, 2);
        assertThat(DamosEngine.coreFilterMatches(ctx, f, t, r, 0)).as("before the range").isFalse();
        assertThat(r.size()).isEqualTo(1);
        r.setStart(0, 6);
        r.setEnd(0, 8);
        assertThat(DamosEngine.coreFilterMatches(ctx, f, t, r, 0)).as("after the range").isFalse();
        assertThat(r.size()).isEqualTo(1);
        r.setStart(0, 1);
        r.setEnd(0, 4);
        assertThat(DamosEngine.coreFilterMatches(ctx, f, t, r, 0)).as("started before").isFalse();
        assertThat(List.of(r.start(0), r.end(0), r.start(1), r.end(1))).containsExactly(1L, 2L, 2L, 4L);
        r.remove(1);
        r.setStart(0, 2);
        r.setEnd(0, 8);
        assertThat(DamosEngine.coreFilterMatches(ctx, f, t, r, 0)).as("started in the range").isTrue();
        assertThat(List.of(r.start(0), r.end(0), r.start(1), r.end(1))).containsExactly(2L, 6L, 6L, 8L);
    }

    @Test
    void damonTestFeedLoopNextInput() {
        long lastInput = 900_000;
        assertThat(Feedback.next(lastInput, 200)).isGreaterThan(lastInput);
        assertThat(Feedback.next(lastInput, 250_000_000)).isLessThan(lastInput);
        assertThat(Feedback.next(lastInput, 200)).isGreaterThan(Feedback.next(lastInput, 2000));
    }

    @Test
    void damonTestSetFiltersDefaultReject() {
        DamosFilter targetAllow = DamosFilter.target(0, true, true);
        DamosFilter targetReject = DamosFilter.target(0, true, false);
        DamosFilter anonAllow = DamosFilter.of(FilterType.ANON, true, true);
        record Case(List<DamosFilter> filters, boolean core, boolean ops) {}
        for (Case c : List.of(
                new Case(List.of(), false, false),
                new Case(List.of(targetAllow), true, false),
                new Case(List.of(targetReject), false, false),
                new Case(List.of(targetReject, anonAllow), false, true),
                new Case(List.of(targetAllow, anonAllow), false, true))) {
            Scheme s = stat(Quota.UNLIMITED).withFilters(c.filters());
            assertThat(DamosEngine.coreFiltersDefaultReject(s)).as("core %s", c.filters()).isEqualTo(c.core());
            assertThat(ApplyRequest.opsFiltersDefaultReject(s)).as("ops %s", c.filters()).isEqualTo(c.ops());
        }
    }
}
