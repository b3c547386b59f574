package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker loop end to end on a scripted address space (design §2, §6). */
class WorkerLoopTest {
    private static final long P = 4096;

    @Test
    void convergesOnAnAlwaysAccessedHalf() throws Exception {
        long hotEnd = 400 * P;
        ScriptedOperations ops = new ScriptedOperations(
                List.of(new AddressRange(0, 1000 * P)), a -> a < hotEnd);
        Target t = new Target(0, -1, "t", List.of());
        List<Long> windows = new ArrayList<>();
        long[] hotBytes = new long[1];
        MonitorContext c = MonitorContext.builder()
                .attributes(Attributes.KERNEL_DEFAULTS)
                .operations(ops)
                .seed(7)
                .addTarget(t)
                .deadlineNs(10_000_000_000L) // 10 s of virtual time = 100 aggregations
                .afterAggregation((ctx, s, e) -> {
                    windows.add(e - s);
                    RegionsView r = ctx.targets().getFirst().regions();
                    long hot = 0;
                    for (int i = 0; i < r.size(); i++) {
                        if (r.nrAccesses(i) == 20) {
                            hot += r.regionSize(i);
                        }
                    }
                    hotBytes[0] = hot;
                })
                .build();
        c.run();
        // 5 ms samples, 100 ms windows: exactly 100 windows of 20 samples in 10 s.
        assertThat(windows).hasSize(100).allMatch(w -> w == 100_000_000L);
        assertThat(c.passedSampleIntervals()).isEqualTo(2000);
        // Fully accessed regions cover the hot 400 pages, give or take the one straddling region.
        assertThat((double) hotBytes[0]).isBetween(0.9 * hotEnd, (double) hotEnd);
        // the default ops update interval (60 s) never came
        assertThat(ops.updates).isZero();
    }

    @Test
    void idleSpaceDoublesTheIntervalsEveryThirdAggregation() throws Exception {
        List<Long> sampleAtAggregation = new ArrayList<>();
        Attributes a = Attributes.KERNEL_DEFAULTS.withIntervalsGoal(IntervalsGoal.RECOMMENDED);
        MonitorContext c = MonitorContext.builder()
                .attributes(a)
                .operations(new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), x -> false))
                .addTarget(new Target(0, -1, "t", List.of()))
                .afterAggregation((ctx, s, e) -> {
                    sampleAtAggregation.add(ctx.attributes().sampleUs());
                    if (sampleAtAggregation.size() == 6) {
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        // score 0 -> feedback doubles (adaptation 20000 bp): 5 ms -> 10 ms at the 3rd, 20 ms at the 6th.
        assertThat(sampleAtAggregation).containsExactly(5_000L, 5_000L, 10_000L, 10_000L, 10_000L, 20_000L);
        assertThat(c.attributes().aggrUs()).isEqualTo(20_000L * 20);
    }

    @Test
    void busySpaceHalvesTheIntervalsDownToTheMinimum() throws Exception {
        List<Long> sampleAtAggregation = new ArrayList<>();
        Attributes a = new Attributes(20_000, 400_000, 60_000_000, 10, 1000, new IntervalsGoal(400, 1, 5_000, 1_000_000));
        MonitorContext c = MonitorContext.builder()
                .attributes(a)
                .operations(new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), x -> true))
                .addTarget(new Target(0, -1, "t", List.of()))
                .afterAggregation((ctx, s, e) -> {
                    sampleAtAggregation.add(ctx.attributes().sampleUs());
                    if (sampleAtAggregation.size() == 4) {
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        // every access seen: score = 10000*10000/400 >= 2x goal -> adaptation 5000 bp (halve), floor 5 ms
        assertThat(sampleAtAggregation).containsExactly(10_000L, 5_000L, 5_000L, 5_000L);
    }

    @Test
    void attributesCommittedAfterTheCallPointApplyInTheNextIteration() throws Exception {
        // kdamond_fn: the commit made while window 1 closes (iteration 20, after kdamond_call) is picked up by
        // iteration 21's call, after its 5 ms sample: passed 21 < next_aggregation 40, so mid-window, and the
        // next aggregation is 21 + 500 ms / 10 ms = 71. Window 2 = 5 ms + 50 x 10 ms = 505 ms.
        List<Long> windows = new ArrayList<>();
        MonitorContext c = MonitorContext.builder()
                .attributes(Attributes.KERNEL_DEFAULTS)
                .operations(new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), x -> false))
                .addTarget(new Target(0, -1, "t", List.of()))
                .afterAggregation((ctx, s, e) -> {
                    windows.add(e - s);
                    if (windows.size() == 1) {
                        ctx.commitAttributes(Attributes.KERNEL_DEFAULTS.withIntervals(10_000, 500_000, 60_000_000));
                    }
                    if (windows.size() == 3) {
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        assertThat(windows).containsExactly(100_000_000L, 505_000_000L, 500_000_000L);
    }

    @Test
    void attributesCommittedBeforeTheCallPointApplyInTheSameIteration() throws Exception {
        // Committed right after the 20th sample (before kdamond_call): applied in iteration 20 itself, on the
        // aggregation boundary (passed 20 >= 20, not aggregating), so the finished window's nr_accesses 20 is
        // converted to the new 50-sample window: 20 * 10000 / 20 = 10000 bp -> 10000 * 50 / 10000 = 50,
        // and the next window is 20 + 50 samples of 10 ms.
        List<Long> windows = new ArrayList<>();
        List<Integer> nrAccesses = new ArrayList<>();
        MonitorContext c = MonitorContext.builder()
                .attributes(Attributes.KERNEL_DEFAULTS)
                .operations(new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), x -> true))
                .addTarget(new Target(0, -1, "t", List.of()))
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 20) {
                        ctx.commitAttributes(Attributes.KERNEL_DEFAULTS.withIntervals(10_000, 500_000, 60_000_000));
                    }
                })
                .afterAggregation((ctx, s, e) -> {
                    windows.add(e - s);
                    nrAccesses.add(ctx.targets().getFirst().regions().nrAccesses(0));
                    if (windows.size() == 2) {
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        assertThat(windows).containsExactly(100_000_000L, 500_000_000L);
        assertThat(nrAccesses).containsExactly(50, 50);
    }

    @Test
    void randomAddressIsTheHighHalfOfTheDrawTimesTheRangeLength() {
        long[] draw = new long[1];
        RandomGenerator scripted = () -> draw[0];
        MonitorContext c = MonitorContext.builder()
                .operations(new ScriptedOperations(List.of(new AddressRange(0, P)), a -> false))
                .random(scripted)
                .build();
        long start = 1L << 40;
        long len = 3 * P + 5;
        draw[0] = 0;
        assertThat(c.randomAddress(start, start + len)).isEqualTo(start);
        draw[0] = Long.MIN_VALUE; // 2^63: half of the range
        assertThat(c.randomAddress(start, start + len)).isEqualTo(start + len / 2);
        draw[0] = -1; // 2^64 - 1: the last byte
        assertThat(c.randomAddress(start, start + len)).isEqualTo(start + len - 1);
        draw[0] = 1L << 62; // a quarter
        assertThat(c.randomAddress(start, start + (1L << 50))).isEqualTo(start + (1L << 48));
    }

    @Test
    void aZeroSamplingIntervalIsRefusedOnlyWhereItWouldStopTime() {
        Attributes polling = Attributes.KERNEL_DEFAULTS.withIntervals(0, 100_000, 1_000_000);
        ScriptedOperations ops = new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), a -> true);
        assertThatThrownBy(() -> MonitorContext.builder().attributes(polling).operations(ops)
                .clock(new VirtualClock()).build())
                .isInstanceOf(InvalidAttributesException.class).hasMessageContaining("sampling interval of 0");
        MonitorContext live = MonitorContext.builder().operations(ops).clock(new WallClock()).build();
        live.commitAttributes(polling); // a live target may poll, as kdamond does
        MonitorContext sim = MonitorContext.builder().operations(ops).clock(new VirtualClock()).build();
        assertThatThrownBy(() -> sim.commitAttributes(polling)).isInstanceOf(InvalidAttributesException.class);
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theTunerNeverStopsVirtualTimeEvenWithAZeroMinimumSample() throws Exception {
        // every sample sees an access, far above a 4% goal: the tuner shrinks the intervals each time,
        // and with min_sample_us 0 the kernel's arithmetic would reach a sampling interval of 0
        Attributes a = Attributes.KERNEL_DEFAULTS.withIntervalsGoal(new IntervalsGoal(400, 1, 0, 10_000_000));
        ScriptedOperations ops = new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), x -> true);
        long[] smallest = {Long.MAX_VALUE};
        MonitorContext c = MonitorContext.builder().attributes(a).operations(ops).clock(new VirtualClock())
                .addTarget(new Target(0, -1, "t", List.of()))
                .deadlineNs(2_000_000_000L)
                .afterAggregation((ctx, s, e) -> smallest[0] = Math.min(smallest[0], ctx.attributes().sampleUs()))
                .build();
        c.run();
        assertThat(smallest[0]).isEqualTo(1);
        assertThat(c.clock().nowNs()).isGreaterThanOrEqualTo(2_000_000_000L);
    }
}
