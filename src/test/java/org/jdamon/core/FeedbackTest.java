package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedbackTest {
    @Test
    void onTargetKeepsTheInput() {
        assertThat(Feedback.next(123_456, 10_000)).isEqualTo(123_456);
    }

    @Test
    void scoreZeroDoublesAndTwiceTheGoalDropsToTheMinimum() {
        // next = last * (1 + (10000 - 0) / 10000) = 2 * last
        assertThat(Feedback.next(100_000_000L, 0)).isEqualTo(200_000_000L);
        assertThat(Feedback.next(100_000_000L, 20_000)).isEqualTo(Feedback.MIN_INPUT);
    }

    @Test
    void proportionalStepsBothWays() {
        // score 7500: comp = 40000 * 2500 / 10000 = 10000 -> 50000
        assertThat(Feedback.next(40_000, 7_500)).isEqualTo(50_000);
        // score 12500: comp = 40000 * 2500 / 10000 = 10000 -> 30000
        assertThat(Feedback.next(40_000, 12_500)).isEqualTo(30_000);
        // floored at MIN_INPUT: 12000 - 12000*9000/10000 = 1200 -> 10000
        assertThat(Feedback.next(12_000, 19_000)).isEqualTo(Feedback.MIN_INPUT);
    }

    @Test
    void saturatesAtUlongMax() {
        assertThat(Feedback.next(-2L, 0)).isEqualTo(UnsignedMath.ULONG_MAX);
    }

    @Test
    void oneBasisPointEitherSideOfTheGoal() {
        // diff 1: comp = 100000 * 1 / 10000 = 10
        assertThat(Feedback.next(100_000, 9_999)).isEqualTo(100_010);
        assertThat(Feedback.next(100_000, 10_001)).isEqualTo(99_990);
        // just below twice the goal: comp = 100000 * 9999 / 10000 = 99990 -> 10, floored to the minimum
        assertThat(Feedback.next(100_000, 19_999)).isEqualTo(Feedback.MIN_INPUT);
        // just above the minimum is kept: 20000 - 20000 * 4000 / 10000 = 12000
        assertThat(Feedback.next(20_000, 14_000)).isEqualTo(12_000);
    }

    @Test
    void largeInputsDivideFirstAndScoresAboveTwoToTheSixtyThreeAreHuge() {
        // last 2^62 >= ULONG_MAX / 10000: comp = (2^62 / 10000) * 10000 = 4611686018427380000
        assertThat(Feedback.next(1L << 62, 0)).isEqualTo(9_223_372_036_854_767_904L);
        // an unsigned score of 2^64 - 1 is far above twice the goal
        assertThat(Feedback.next(100_000, -1L)).isEqualTo(Feedback.MIN_INPUT);
    }

    @Test
    void exactlyAtTheOverflowLimitTheKernelDividesFirst() {
        // damon_feed_loop_next_input multiplies first only while last < ULONG_MAX / diff. With diff 3 and
        // last = ULONG_MAX / 3 = 6148914691236517205 it divides first: 614891469123651 * 3 = 1844674407370953
        // (multiplying first would give 1844674407370955)
        assertThat(Feedback.next(6_148_914_691_236_517_205L, 9_997)).isEqualTo(6_150_759_365_643_888_158L);
        // one below the limit multiplies first: 6148914691236517204 * 3 / 10000 = 1844674407370955
        assertThat(Feedback.next(6_148_914_691_236_517_204L, 9_997)).isEqualTo(6_150_759_365_643_888_159L);
    }
}
