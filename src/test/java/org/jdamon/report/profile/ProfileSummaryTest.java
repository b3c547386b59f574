package org.jdamon.report.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdamon.profile.Profile;
import org.jdamon.profile.StackSample;
import org.jdamon.report.TimeWindow;
import org.jdamon.report.profile.FlameBand;
import org.jdamon.report.profile.ProfileReport;
import org.jdamon.report.profile.ProfileSummary;
import org.junit.jupiter.api.Test;

/** Self, total and stack counts over hand-made samples; window selection; the flame band layout. */
class ProfileSummaryTest {
    private static StackSample s(long t, String... frames) {
        return new StackSample(t, "main", List.of(frames));
    }

    // 3 x [a, main], 1 x [b, a, main], 1 x [] at times 0..4, and one [c, main] at 10 (outside [0, 5))
    private static final Profile P = new Profile("test", List.of(
            s(0, "a", "main"), s(1, "a", "main"), s(2, "b", "a", "main"), s(3, "a", "main"), s(4), s(10, "c", "main")));

    @Test
    void countsSelfTotalAndStacksOfTheSamplesInTheWindows() {
        ProfileSummary sum = ProfileSummary.of(P, List.of(new TimeWindow(0, 5)));
        assertThat(sum.samples()).isEqualTo(5);
        // self: a 3, then ties by name: "[unknown]" < "b"
        assertThat(sum.self()).containsExactly(new ProfileSummary.Entry("a", 3),
                new ProfileSummary.Entry("[unknown]", 1), new ProfileSummary.Entry("b", 1));
        // total: a and main in 4 samples each
        assertThat(sum.total()).startsWith(new ProfileSummary.Entry("a", 4), new ProfileSummary.Entry("main", 4));
        assertThat(sum.stacks().getFirst()).isEqualTo(new ProfileSummary.StackEntry(List.of("a", "main"), 3));
        assertThat(sum.percent(4)).isEqualTo(80.0);
    }

    @Test
    void recursionCountsOnceInTotal() {
        ProfileSummary sum = ProfileSummary.of(List.of(s(0, "f", "f", "f", "main")));
        assertThat(sum.total()).containsExactly(new ProfileSummary.Entry("f", 1), new ProfileSummary.Entry("main", 1));
    }

    @Test
    void windowEndIsExclusive() {
        assertThat(ProfileSummary.of(P, List.of(new TimeWindow(4, 10))).samples()).isEqualTo(1);
        assertThat(ProfileSummary.of(P, List.of(new TimeWindow(0, 2), new TimeWindow(10, 11))).samples()).isEqualTo(3);
    }

    @Test
    void reportTextShowsPercentagesAndStacks() {
        String text = ProfileReport.text(P, List.of(new TimeWindow(0, 5)), 11, 10, 1);
        assertThat(text).contains("# 5 samples (test) in 1 time window, 0.000000 s of 0.000000 s recorded")
                .contains("  60.00%       3  a\n")
                .contains("  80.00%       4  main\n")
                .contains("  60.00%       3 samples\n            a\n            main\n")
                .doesNotContain("            b\n");
    }

    @Test
    void flameBandJoinsAPhaseIntoOneCellPerFrame() {
        // 1 ms samples: [f, main] for 0-49 ms, [g, main] for 50-99 ms; 4 buckets of 25 ms
        java.util.List<StackSample> samples = new java.util.ArrayList<>();
        for (int ms = 0; ms < 100; ms++) {
            samples.add(s(ms * 1_000_000L, ms < 50 ? "f" : "g", "main"));
        }
        FlameBand band = FlameBand.of(new Profile("test", samples), 0, 100_000_000L, 4, 8);
        assertThat(band.rows()).isEqualTo(2);
        assertThat(band.samplesPerBucket()).containsExactly(25, 25, 25, 25);
        assertThat(band.cells()).containsExactly(new FlameBand.Cell(0, 4, 0, "main"),
                new FlameBand.Cell(0, 2, 1, "f"), new FlameBand.Cell(2, 4, 1, "g"));
        // with one row only the innermost frame is kept
        assertThat(FlameBand.of(new Profile("test", samples), 0, 100_000_000L, 4, 1).cells())
                .containsExactly(new FlameBand.Cell(0, 2, 0, "f"), new FlameBand.Cell(2, 4, 0, "g"));
    }
}
