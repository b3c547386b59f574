package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The access pattern's closed ranges (the kernel's {@code __damos_valid_target} compares with {@code >=}
 * and {@code <=} on every bound) and damo's unit conversions, tried one step either side of each bound.
 */
class AccessPatternTest {
    private static final AccessPattern P = new AccessPattern(4096, 8192, 2, 4, 1, 3);

    @Test
    void everyBoundIsInclusiveAndOneStepOutsideIsNot() {
        assertThat(P.matches(4096, 2, 1)).isTrue();
        assertThat(P.matches(8192, 4, 3)).isTrue();
        assertThat(P.matches(4095, 3, 2)).isFalse();
        assertThat(P.matches(8193, 3, 2)).isFalse();
        assertThat(P.matches(6000, 1, 2)).isFalse();
        assertThat(P.matches(6000, 5, 2)).isFalse();
        assertThat(P.matches(6000, 3, 0)).isFalse();
        assertThat(P.matches(6000, 3, 4)).isFalse();
    }

    @Test
    void anyMatchesTheExtremes() {
        assertThat(AccessPattern.ANY.matches(0, 0, 0)).isTrue();
        assertThat(AccessPattern.ANY.matches(Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)).isTrue();
    }

    @Test
    void negativeOrInvertedRangesAreRejectedAndEqualBoundsAccepted() {
        assertThatThrownBy(() -> new AccessPattern(-1, 10, 0, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("access pattern sz must not be negative");
        assertThatThrownBy(() -> new AccessPattern(0, 10, 0, -1, 0, 1))
                .hasMessage("access pattern nr_accesses must not be negative");
        assertThatThrownBy(() -> new AccessPattern(0, 10, 0, 1, 3, 2))
                .hasMessage("access pattern age: min (3) > max (2)");
        AccessPattern single = new AccessPattern(10, 10, 1, 1, 5, 5);
        assertThat(single.matches(10, 1, 5)).isTrue();
    }

    @Test
    void percentOfTheSamplesPerAggregationRoundsDown() {
        // 20 samples per aggregation (5 ms / 100 ms): 50% -> 10, 5% -> 1, 4% -> 80 / 100 = 0
        assertThat(AccessPattern.percentToSamples(50, 20)).isEqualTo(10);
        assertThat(AccessPattern.percentToSamples(100, 20)).isEqualTo(20);
        assertThat(AccessPattern.percentToSamples(5, 20)).isEqualTo(1);
        assertThat(AccessPattern.percentToSamples(4, 20)).isZero();
    }

    @Test
    void percentAtTheIntLimitMeansNoBoundAndLargeProductsSaturate() {
        // 2^31 - 1 percent is "no bound" even though 2147483647 * 1 / 100 would be 21474836
        assertThat(AccessPattern.percentToSamples(Integer.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
        // 2147483646 * 1 / 100 = 21474836: just below the limit it is a real percentage
        assertThat(AccessPattern.percentToSamples(Integer.MAX_VALUE - 1, 1)).isEqualTo(21_474_836);
        // 2e9 * 1000 / 100 = 2e10 does not fit an int
        assertThat(AccessPattern.percentToSamples(2_000_000_000L, 1000)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void ageInMicrosecondsBecomesWholeAggregationIntervals() {
        assertThat(AccessPattern.ageUsToAggregations(1_000_000, 100_000)).isEqualTo(10);
        assertThat(AccessPattern.ageUsToAggregations(199_999, 100_000)).isEqualTo(1);
        // an aggregation interval of 0 counts as 1 us
        assertThat(AccessPattern.ageUsToAggregations(500, 0)).isEqualTo(500);
        assertThat(AccessPattern.ageUsToAggregations(Long.MAX_VALUE, 100_000)).isEqualTo(Integer.MAX_VALUE);
        // (2^63 - 2) / 2^40 = 2^23 - 1 = 8388607: only Long.MAX_VALUE itself means no bound
        assertThat(AccessPattern.ageUsToAggregations(Long.MAX_VALUE - 1, 1L << 40)).isEqualTo(8_388_607);
        assertThat(AccessPattern.ageUsToAggregations(1L << 40, 1)).isEqualTo(Integer.MAX_VALUE);
    }
}
