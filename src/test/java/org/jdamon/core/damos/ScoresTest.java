package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdamon.core.Attributes;
import org.junit.jupiter.api.Test;

class ScoresTest {
    private static final Attributes A = Attributes.KERNEL_DEFAULTS; // 5 ms / 100 ms: max_nr_accesses 20

    @Test
    void coldRegionAgedTwoMinutesWithAgeWeightOnly() {
        // age 1200 aggregations = 120 s; 120 has 7 bits -> log 7; never accessed -> -7 + 32 = 25;
        // age subscore 25*100/32/2 = 2500/32 = 78, /2 = 39; hot = 39 * 99 / 100 = 38; cold = 99 - 38.
        Quota q = new Quota(0, 1, 0, 0, 0, 1);
        assertThat(Scores.hot(A, 0, 1200, q)).isEqualTo(38);
        assertThat(Scores.cold(A, 0, 1200, q)).isEqualTo(61);
    }

    @Test
    void newRegionScoresMiddle() {
        // age 0: log 0 -> 32 -> 32*100/32/2 = 50; hot = 50*99/100 = 49; cold = 50.
        Quota q = new Quota(0, 1, 0, 0, 0, 1);
        assertThat(Scores.hot(A, 0, 0, q)).isEqualTo(49);
        assertThat(Scores.cold(A, 0, 0, q)).isEqualTo(50);
    }

    @Test
    void accessedRegionMixesFrequencyAndAge() {
        // nr 10 of 20 -> freq 50; age 30 aggregations = 3 s: 2 bits -> +2 + 32 = 34 -> 3400/32 = 106, /2 = 53;
        // weights freq 1, age 1: (50 + 53) / 2 = 51; 51 * 99 / 100 = 50.
        Quota q = new Quota(0, 1, 0, 0, 1, 1);
        assertThat(Scores.hot(A, 10, 30, q)).isEqualTo(50);
        // weights 3:1 -> (150 + 53) / 4 = 50 -> 49.
        assertThat(Scores.hot(A, 10, 30, new Quota(0, 1, 0, 0, 3, 1))).isEqualTo(49);
        // the size weight is ignored: only sz weight -> hot 0, cold 99.
        assertThat(Scores.hot(A, 10, 30, new Quota(0, 1, 0, 7, 0, 0))).isZero();
        assertThat(Scores.cold(A, 10, 30, new Quota(0, 1, 0, 7, 0, 0))).isEqualTo(99);
    }

    @Test
    void fullyHotOldRegionSaturates() {
        // freq 100; age 2^31-1 aggregations = 214,748,364 s: 28 bits -> 28 + 32 = 60 -> 6000/32 = 187, /2 = 93;
        // (100 + 93) / 2 = 96 -> 96 * 99 / 100 = 95. With the frequency weight only: 100 -> 99.
        Quota q = new Quota(0, 1, 0, 0, 1, 1);
        assertThat(Scores.hot(A, 20, Integer.MAX_VALUE, q)).isEqualTo(95);
        assertThat(Scores.hot(A, 20, 0, new Quota(0, 1, 0, 0, 1, 0))).isEqualTo(99);
    }

    @Test
    void actionsPickTheirScoreFunction() {
        Quota q = new Quota(0, 1, 0, 0, 0, 1);
        AccessPattern p = AccessPattern.ANY;
        assertThat(Scores.forAction(A, 0, 1200, Scheme.of(p, DamosAction.PAGEOUT).withQuota(q))).isEqualTo(61);
        assertThat(Scores.forAction(A, 0, 1200, Scheme.of(p, DamosAction.LRU_PRIO).withQuota(q))).isEqualTo(38);
        assertThat(Scores.forAction(A, 0, 1200, Scheme.of(p, DamosAction.MIGRATE_HOT).withQuota(q))).isEqualTo(38);
        assertThat(Scores.forAction(A, 0, 1200, Scheme.of(p, DamosAction.MIGRATE_COLD).withQuota(q))).isEqualTo(61);
        assertThat(Scores.forAction(A, 0, 1200, Scheme.of(p, DamosAction.WILLNEED).withQuota(q))).isEqualTo(99);
        assertThat(Scores.forAction(A, 0, 1200, Scheme.of(p, DamosAction.STAT).withQuota(q))).isEqualTo(99);
    }

    @Test
    void histogramThresholdIsFirstScoreCoveringTheBudget() {
        long[] h = new long[100];
        h[90] = 4096;
        h[80] = 8192;
        h[50] = 16384;
        // from 90 down: 4K at 90 (< 10K), nothing 89..81, 12K at 80 >= 10K -> 80.
        assertThat(Scores.minScore(h, 90, 10_000)).isEqualTo(80);
        // exactly 4K is reached at 90.
        assertThat(Scores.minScore(h, 90, 4096)).isEqualTo(90);
        // 28K total < 100K: the walk ends at 0.
        assertThat(Scores.minScore(h, 90, 100_000)).isZero();
        // 12K + 16K = 28K reached at 50.
        assertThat(Scores.minScore(h, 90, 20_000)).isEqualTo(50);
    }
}
