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
}
