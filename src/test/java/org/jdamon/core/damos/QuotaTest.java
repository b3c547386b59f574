package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.jdamon.core.Regions;
import org.junit.jupiter.api.Test;

class QuotaTest {
    private static final long K = 1024;
    private static final long BASE = 0x10_0000;

    private static Scheme pageoutWithQuota(Quota q) {
        return Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withQuota(q);
    }

    @Test
    void sizeQuotaSplitsAtTheBudgetAndResumesInTheNextWindow() {
        // 10 regions of 16 KiB; 40 KiB per 1 s window. Window 1 tries 16 + 16 + 8 (third region split).
        Fixture f = new Fixture(pageoutWithQuota(new Quota(0, 40 * K, 1000, 0, 0, 0))).layout(BASE, 16 * K, 10, 0, 5);
        f.pass(); // t = 100 ms: first window
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start, FakeDamosOps.Call::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BASE, BASE + 16 * K),
                        org.assertj.core.groups.Tuple.tuple(BASE + 16 * K, BASE + 32 * K),
                        org.assertj.core.groups.Tuple.tuple(BASE + 32 * K, BASE + 40 * K));
        SchemeStats s = f.engine.stats(0);
        assertThat(s.nrTried()).isEqualTo(3);
        assertThat(s.szTried()).isEqualTo(40 * K);
        assertThat(s.szApplied()).isEqualTo(40 * K);
        assertThat(f.regions().size()).isEqualTo(11);
        // tried regions had their age reset by pageout; the untried ones kept age 5.
        assertThat(f.regions().age(2)).isZero();
        assertThat(f.regions().age(3)).isEqualTo(5);
        // Passes inside the same window do nothing: the budget is used.
        for (int k = 0; k < 8; k++) {
            f.pass();
        }
        assertThat(f.ops.calls).hasSize(3);
        assertThat(f.engine.stats(0).qtExceeds()).isZero();
        f.pass(); // t = 1000 ms: new window (first began at 100 ms; 100 + 1000 > 1000) -- still the old one
        assertThat(f.ops.calls).hasSize(3);
        f.pass(); // t = 1100 ms >= 100 + 1000: a new window; the old one ended exhausted
        assertThat(f.engine.stats(0).qtExceeds()).isEqualTo(1);
        // resumes at BASE + 40K: the 8 KiB remainder, then 16 + 16 KiB.
        assertThat(f.ops.calls.subList(3, f.ops.calls.size()))
                .extracting(FakeDamosOps.Call::start, FakeDamosOps.Call::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BASE + 40 * K, BASE + 48 * K),
                        org.assertj.core.groups.Tuple.tuple(BASE + 48 * K, BASE + 64 * K),
                        org.assertj.core.groups.Tuple.tuple(BASE + 64 * K, BASE + 80 * K));
        assertThat(f.engine.stats(0).szTried()).isEqualTo(80 * K);
    }

    @Test
    void resumeWrapsAroundAfterTheLastRegion() {
        // 3 regions of 16 KiB and a 32 KiB budget per pass (reset interval 0: each pass is a window).
        // damos_skip_charged_region (newest kernel): pass 2 skips regions 0 and 1 (they end at or before
        // the resume point BASE + 32K); the last region starts at the resume point, so the point clears
        // and region 2 is tried (16 KiB, the quota is not full). Pass 3 starts over: regions 0, 1.
        Fixture f = new Fixture(pageoutWithQuota(new Quota(0, 32 * K, 0, 0, 0, 0))).layout(BASE, 16 * K, 3, 0, 0);
        f.pass();
        f.pass();
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start).containsExactly(
                BASE, BASE + 16 * K, BASE + 32 * K, BASE, BASE + 16 * K);
    }

    @Test
    void lessThanAPageLeftMeansTheQuotaIsFull() {
        // 6 KiB budget: the first region is cut to ALIGN_DOWN(6K, 4K) = 4K; the 2 KiB left are less than a
        // minimum region, so the quota counts as full (newest kernel): nothing else is tried this window,
        // and the resume point is the end of the 4 KiB piece.
        Fixture f = new Fixture(pageoutWithQuota(new Quota(0, 6 * K, 0, 0, 0, 0))).layout(BASE, 16 * K, 2, 0, 0);
        f.pass();
        SchemeStats s = f.engine.stats(0);
        assertThat(s.nrTried()).isEqualTo(1);
        assertThat(s.szTried()).isEqualTo(4 * K);
        f.pass(); // new window (reset interval 0): the previous one counts as exceeded; resumes at BASE + 4K
        assertThat(f.engine.stats(0).qtExceeds()).isEqualTo(1);
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start).containsExactly(BASE, BASE + 4 * K);
    }

    @Test
    void timeQuotaUsesTheDefaultThroughputThenTheMeasuredOne() {
        // ms = 10, no size quota. First window: 4 MiB/ms guess -> esz = 40 MiB.
        // The ops models 1 ms per MiB (256 pages -> 1,000,000 ns; 3,906.25 ns per page -> use 3906 ns
        // and 1 MiB regions: 256 * 3906 = 999,936 ns per MiB).
        Fixture f = new Fixture(pageoutWithQuota(new Quota(10, 0, 1000, 0, 0, 0))).layout(BASE, 1024 * K, 100, 0, 0);
        f.ops.nsPerPage = 3906;
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(40L << 20);
        assertThat(f.engine.stats(0).szTried()).isEqualTo(40L << 20);
        for (int k = 0; k < 10; k++) {
            f.pass(); // t = 1100 ms: the second window starts
        }
        // total charged 40 MiB in 40 * 999,936 ns: bytes/ms = 41,943,040 * 1e6 / 39,997,440 = 1,048,643;
        // esz = 10 * that = 10,486,430 bytes.
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(10_486_430L);
    }

    @Test
    void smallestOfTimeAndSizeQuotaWins() {
        Fixture f = new Fixture(pageoutWithQuota(new Quota(10, 1L << 20, 1000, 0, 0, 0))).layout(BASE, 64 * K, 100, 0, 0);
        f.pass();
        assertThat(f.engine.effectiveQuota(0)).isEqualTo(1L << 20);
        assertThat(f.engine.stats(0).szTried()).isEqualTo(1L << 20);
    }

    @Test
    void prioritisationAppliesToTheColdestFirst() {
        // Cold score with age weight: regions aged 1200 (cold 61) and 0 (cold 50), alternating, 64 KiB each.
        // Budget 128 KiB: histogram 61 -> 4 * 64K = 256K >= 128K -> min_score 61: only old regions.
        Fixture f = new Fixture(pageoutWithQuota(new Quota(0, 128 * K, 1000, 0, 0, 1)));
        Regions r = f.regions();
        for (int k = 0; k < 8; k++) {
            f.layout(BASE + k * 64 * K, 64 * K, 1, 0, k % 2 == 0 ? 1200 : 0);
        }
        f.pass();
        assertThat(f.engine.minScore(0)).isEqualTo(61);
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start).containsExactly(BASE, BASE + 128 * K);
        assertThat(r.age(0)).isZero();
    }

    @Test
    void chargedBytesNeverExceedTheBudget() {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 50; round++) {
            long budget = (1 + rnd.nextInt(64)) * 4 * K + (rnd.nextBoolean() ? 0 : rnd.nextInt(4096));
            Quota q = new Quota(0, budget, 300, 0, rnd.nextInt(3), rnd.nextInt(3));
            Fixture f = new Fixture(pageoutWithQuota(q));
            long addr = BASE;
            int n = 1 + rnd.nextInt(40);
            for (int k = 0; k < n; k++) {
                long sz = (1 + rnd.nextInt(16)) * 4 * K;
                f.layout(addr, sz, 1, rnd.nextInt(21), rnd.nextInt(3000));
                addr += sz + (rnd.nextBoolean() ? 0 : 4 * K);
            }
            // Mirror the engine's windows: a pass at time t starts a new window when t >= start + 300 ms.
            int windowFirstCall = 0;
            long windowStartMs = -1;
            for (int p = 0; p < 20; p++) {
                long nowMs = f.clock.nowNs() / 1_000_000 + 100;
                if (windowStartMs < 0 || nowMs >= windowStartMs + 300) {
                    windowStartMs = nowMs;
                    windowFirstCall = f.ops.calls.size();
                }
                f.pass();
                long windowBytes = 0;
                for (FakeDamosOps.Call c : f.ops.calls.subList(windowFirstCall, f.ops.calls.size())) {
                    windowBytes += c.end() - c.start();
                }
                assertThat(windowBytes).as("seed %d round %d pass %d", seed, round, p).isLessThanOrEqualTo(budget);
                assertThat(f.engine.chargedBytes(0)).as("seed %d", seed).isLessThanOrEqualTo(budget);
            }
        }
    }

    @Test
    void unlimitedSchemeTriesEveryMatchingRegion() {
        Fixture f = new Fixture(Scheme.of(new AccessPattern(0, Long.MAX_VALUE, 0, 0, 10, Integer.MAX_VALUE),
                DamosAction.PAGEOUT));
        f.layout(BASE, 16 * K, 4, 0, 20).layout(BASE + 64 * K, 16 * K, 2, 3, 20).layout(BASE + 96 * K, 16 * K, 1, 0, 3);
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start)
                .containsExactly(BASE, BASE + 16 * K, BASE + 32 * K, BASE + 48 * K);
        assertThat(f.engine.effectiveQuota(0)).isZero();
        assertThat(List.of(f.engine.stats(0).nrTried(), f.engine.stats(0).qtExceeds())).containsExactly(4L, 0L);
    }
}
