package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttributesTest {
    private static final Attributes OK = Attributes.KERNEL_DEFAULTS;

    @Test
    void kernelDefaultsAreValidAndGiveTwentySamplesPerAggregation() {
        assertThat(OK.validate().maxNrAccesses()).isEqualTo(100_000 / 5_000);
    }

    @Test
    void minNrRegionsBelowThreeIsRejected() {
        assertThatThrownBy(() -> OK.withNrRegions(2, 1000).validate())
                .isInstanceOf(InvalidAttributesException.class)
                .hasMessageContaining("min_nr_regions (2) must be at least 3");
    }

    @Test
    void minAboveMaxIsRejected() {
        assertThatThrownBy(() -> OK.withNrRegions(100, 10).validate())
                .hasMessageContaining("min_nr_regions (100) > max_nr_regions (10)");
    }

    @Test
    void sampleLongerThanAggregationIsRejected() {
        assertThatThrownBy(() -> OK.withIntervals(200_000, 100_000, 1_000_000).validate())
                .hasMessageContaining("sample interval (200000 us) > aggregation interval (100000 us)");
    }

    @Test
    void intervalsGoalBoundsAreChecked() {
        assertThatThrownBy(() -> OK.withIntervalsGoal(new IntervalsGoal(400, 3, 10_000, 5_000)).validate())
                .hasMessageContaining("min_sample_us (10000) > max_sample_us (5000)");
        assertThatThrownBy(() -> OK.withIntervalsGoal(new IntervalsGoal(400, 3, 6_000, 10_000)).validate())
                .hasMessageContaining("outside [6000, 10000]");
        assertThat(OK.withIntervalsGoal(IntervalsGoal.RECOMMENDED).validate().intervalsGoal().enabled())
                .isTrue();
    }

    @Test
    void tuningOffIgnoresGoalBounds() {
        assertThat(OK.withIntervalsGoal(new IntervalsGoal(400, 0, 10_000, 5_000)).validate()).isNotNull();
    }

    @Test
    void theBoundariesThemselvesAreAccepted() {
        // damon_set_attrs refuses min < 3, min > max and sample > aggr: 3, min == max and sample == aggr pass
        assertThat(OK.withNrRegions(3, 3).validate().minNrRegions()).isEqualTo(3);
        assertThat(OK.withIntervals(100_000, 100_000, 0).validate().maxNrAccesses()).isEqualTo(1);
        Attributes atGoalBounds = OK.withIntervals(6_000, 120_000, 0)
                .withIntervalsGoal(new IntervalsGoal(400, 3, 6_000, 6_000));
        assertThat(atGoalBounds.validate()).isSameAs(atGoalBounds);
    }

    @Test
    void negativeIntervalsAndANonPositiveAccessGoalAreRejected() {
        assertThatThrownBy(() -> OK.withIntervals(-1, 100_000, 0).validate())
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> OK.withIntervals(5_000, 100_000, -1).validate())
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> OK.withIntervalsGoal(new IntervalsGoal(0, 3, 1_000, 10_000)).validate())
                .hasMessageContaining("access_bp must be positive");
    }

    @Test
    void samplesPerAggregationSaturateAtTheIntRange() {
        assertThat(OK.withIntervals(1, 1L << 40, 0).maxNrAccesses()).isEqualTo(Integer.MAX_VALUE);
        assertThat(OK.withIntervals(3, 10, 0).maxNrAccesses()).isEqualTo(3);
    }

    @Test
    void zeroIntervalsAreAcceptedAndASamplingIntervalOfZeroCountsAsOne() {
        // the kernel's intervals are unsigned: 0 passes damon_set_attrs, and aggr / (sample ?: 1) samples
        assertThat(OK.withIntervals(0, 100_000, 0).validate().maxNrAccesses()).isEqualTo(100_000);
        assertThat(OK.withIntervals(0, 0, 0).validate().maxNrAccesses()).isEqualTo(1);
    }

    @Test
    void aNegativeAggregationIntervalIsNamedAsNegativeNotAsShorterThanTheSample() {
        assertThatThrownBy(() -> OK.withIntervals(5_000, -1, 0).validate())
                .hasMessage("intervals must not be negative");
    }
}
