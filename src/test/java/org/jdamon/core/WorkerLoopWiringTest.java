package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * The worker loop's wiring, step by step as {@code kdamond_fn} orders it: each test fails when one step
 * (merge, split, the moving sum's window on an attribute change, the call point) is dropped or moved,
 * and the changes a running context takes (targets added or removed, a whole context committed, pause).
 */
class WorkerLoopWiringTest {
    private static final long P = 4096;

    private static MonitorContext.Builder loop(LongPredicate accessed, Target... targets) {
        MonitorContext.Builder b = MonitorContext.builder()
                .attributes(Attributes.KERNEL_DEFAULTS)
                .operations(new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), accessed));
        for (Target t : targets) {
            b.addTarget(t);
        }
        return b;
    }

    private static Target target(int index, AddressRange... initial) {
        return new Target(index, -1, "t" + index, List.of(initial));
    }

    @Test
    void everyAggregationMergesTheSplitPiecesBack() throws Exception {
        // 100 idle pages, min 10 regions: ten 10-page regions (the size limit). Each split cuts them in two,
        // and the next merge joins each pair again (equal nr_accesses 0, together exactly the limit): the
        // count seen at every aggregation is 10. Without the merge step it would double every window.
        List<Integer> counts = new ArrayList<>();
        MonitorContext c = loop(a -> false, target(0))
                .afterAggregation((ctx, s, e) -> {
                    counts.add(ctx.totalRegions());
                    if (counts.size() == 4) {
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        assertThat(counts).containsExactly(10, 10, 10, 10);
    }

    @Test
    void everyAggregationSplitsEachRegionInTwo() throws Exception {
        // After the first aggregation (iteration 20) each 10-page region is cut at a whole number of pages
        // between 1 and 9, so iteration 21 samples 20 regions; without the split step it samples 10.
        int[] countAt21 = new int[1];
        MonitorContext c = loop(a -> false, target(0))
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 21) {
                        countAt21[0] = ctx.totalRegions();
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        assertThat(countAt21[0]).isEqualTo(20);
    }

    @Test
    void theMovingSumFollowsTheNewWindowAfterAnAttributeChange() throws Exception {
        // Every sample accessed. Committed on the boundary at iteration 20: 20 samples -> 10 per window, the
        // finished 20 converted to 10. In the next window each sample removes last * 10000 / 10 = 10000 and
        // adds 10000, so the last sample of the window (iteration 30, before the merge) leaves 100000 =
        // nr_accesses 10 * 10000. A moving sum still on the old 20-sample window would remove 5000 per
        // sample and reach 150000.
        List<int[]> windowEnds = new ArrayList<>();
        MonitorContext c = loop(a -> true, target(0))
                .afterSample(ctx -> {
                    long passed = ctx.passedSampleIntervals();
                    if (passed == 20) {
                        ctx.commitAttributes(Attributes.KERNEL_DEFAULTS.withIntervals(5_000, 50_000, 60_000_000));
                    } else if (passed == 30 || passed == 40) {
                        Regions r = ctx.targets().getFirst().regions();
                        windowEnds.add(new int[] {r.nrAccesses(0), r.nrAccessesBp(0)});
                    }
                    if (passed == 40) {
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        assertThat(windowEnds).extracting(e -> e[0]).containsExactly(10, 10);
        assertThat(windowEnds).extracting(e -> e[1]).containsExactly(100_000, 100_000);
    }

    @Test
    void aTargetAddedWhileRunningIsSampledFromTheNextIteration() throws Exception {
        // Added at iteration 5's call point (after its sample): sampled in iterations 6..20, so its
        // nr_accesses at the first aggregation is 15 where the first target's is 20.
        Target second = target(1, new AddressRange(1000 * P, 1010 * P));
        int[][] nrAtFirstWindow = new int[1][];
        MonitorContext c = loop(a -> true, target(0))
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 5) {
                        ctx.addTarget(second);
                    }
                })
                .afterAggregation((ctx, s, e) -> {
                    nrAtFirstWindow[0] = new int[] {ctx.targets().get(0).regions().nrAccesses(0),
                            ctx.targets().get(1).regions().nrAccesses(0)};
                    ctx.stop();
                })
                .build();
        c.run();
        assertThat(c.targets()).hasSize(2).last().isSameAs(second);
        assertThat(nrAtFirstWindow[0]).containsExactly(20, 15);
    }

    @Test
    void aTargetRemovedWhileRunningIsForgottenByTheLoopAndTheSchemes() throws Exception {
        Target first = target(0);
        Target second = target(1);
        List<Target> removedFromSchemes = new ArrayList<>();
        int[] samplesOfFirst = new int[1];
        MonitorContext c = loop(a -> true, first, second)
                .schemes(new SchemeEngine() {
                    @Override
                    public boolean hasSchemes() {
                        return false;
                    }

                    @Override
                    public void applySchemes(MonitorContext ctx) {}

                    @Override
                    public void targetRemoved(MonitorContext ctx, Target target) {
                        removedFromSchemes.add(target);
                    }
                })
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 5) {
                        ctx.removeTarget(second);
                    }
                })
                .afterAggregation((ctx, s, e) -> {
                    samplesOfFirst[0] = ctx.targets().getFirst().regions().nrAccesses(0);
                    ctx.stop();
                })
                .build();
        c.run();
        assertThat(c.targets()).containsExactly(first);
        assertThat(removedFromSchemes).containsExactly(second);
        assertThat(samplesOfFirst[0]).isEqualTo(20);
    }

    @Test
    void aCommittedContextReplacesRangesTargetsAndAttributesAtTheCallPoint() throws Exception {
        // At iteration 5: the first target narrows to [0, 50P), a second one joins, and the intervals become
        // 10 ms / 500 ms mid-window (next aggregation 5 + 50). Window 1: 5 x 5 ms + 50 x 10 ms = 525 ms.
        Target kept = target(0);
        Target srcFirst = new Target(0, -1, "src0", List.of());
        srcFirst.regions().add(0, 50 * P);
        Target joining = target(1, new AddressRange(1000 * P, 1010 * P));
        Attributes next = Attributes.KERNEL_DEFAULTS.withIntervals(10_000, 500_000, 60_000_000);
        MonitorContext src = MonitorContext.builder()
                .attributes(next)
                .operations(new ScriptedOperations(List.of(), a -> false))
                .addTarget(srcFirst)
                .addTarget(joining)
                .build();
        List<Long> windows = new ArrayList<>();
        long[] firstTargetBytes = new long[1];
        MonitorContext c = loop(a -> false, kept)
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 5) {
                        ctx.commit(src);
                    }
                })
                .afterAggregation((ctx, s, e) -> {
                    windows.add(e - s);
                    firstTargetBytes[0] = ctx.targets().getFirst().regions().totalBytes();
                    ctx.stop();
                })
                .build();
        c.run();
        assertThat(windows).containsExactly(525_000_000L);
        assertThat(c.targets()).containsExactly(kept, joining);
        assertThat(firstTargetBytes[0]).isEqualTo(50 * P);
        assertThat(c.attributes()).isEqualTo(next);
    }

    @Test
    void aPausedContextStopsSamplingButKeepsTime() throws Exception {
        MonitorContext c = loop(a -> true, target(0))
                .deadlineNs(1_000_000_000L)
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 5) {
                        ctx.setPaused(true);
                    }
                })
                .build();
        c.run();
        assertThat(c.paused()).isTrue();
        assertThat(c.passedSampleIntervals()).isEqualTo(5);
        assertThat(c.clock().nowNs()).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void theOpsUpdateRunsEveryUpdateIntervalAndTheSchemesEveryIteration() throws Exception {
        // update interval 100 ms = 20 samples: 1 s of 5 ms samples (200 iterations) gives 10 updates
        ScriptedOperations ops = new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), a -> false);
        int[] applied = new int[1];
        boolean[] boundaryAt20 = new boolean[2];
        MonitorContext c = MonitorContext.builder()
                .attributes(Attributes.KERNEL_DEFAULTS.withIntervals(5_000, 100_000, 100_000))
                .operations(ops)
                .addTarget(target(0))
                .deadlineNs(1_000_000_000L)
                .schemes(new SchemeEngine() {
                    @Override
                    public boolean hasSchemes() {
                        return true;
                    }

                    @Override
                    public void applySchemes(MonitorContext ctx) {
                        applied[0]++;
                        if (ctx.passedSampleIntervals() == 19) {
                            boundaryAt20[0] = ctx.atAggregationBoundary();
                        } else if (ctx.passedSampleIntervals() == 20) {
                            boundaryAt20[1] = ctx.atAggregationBoundary() && ctx.nextAggregationSis() == 20;
                        }
                    }
                })
                .build();
        c.run();
        assertThat(ops.updates).isEqualTo(10);
        assertThat(applied[0]).isEqualTo(200);
        assertThat(boundaryAt20).containsExactly(false, true);
        assertThat(c.startNs()).isZero();
        assertThat(c.schemeEngine().hasSchemes()).isTrue();
        assertThat(c.random()).isNotNull();
    }

    @Test
    void theIntervalsScoreIsAccessEventsOverTheGoalsShare() {
        // two regions of 4 and 12 pages, nr_accesses 10 and 0 of 20 samples: events 4P * 10 = 40P, the
        // maximum 16P * 20 = 320P; goal 4% -> target 12.8P; score 40P * 10000 / 12.8P = 31250
        Target t = new Target(0, -1, "t", List.of());
        t.regions().add(0, 4 * P);
        t.regions().add(4 * P, 16 * P);
        t.regions().setNrAccesses(0, 10);
        MonitorContext c = MonitorContext.builder()
                .attributes(Attributes.KERNEL_DEFAULTS.withIntervalsGoal(IntervalsGoal.RECOMMENDED))
                .operations(new ScriptedOperations(List.of(), a -> false))
                .addTarget(t)
                .build();
        assertThat(IntervalsGoal.RECOMMENDED.accessBp()).isEqualTo(400);
        assertThat(c.intervalsTuningScore()).isEqualTo(31_250);
        t.regions().setNrAccesses(0, 0);
        assertThat(c.intervalsTuningScore()).isZero();
    }

    @Test
    void theMovingSumOfARunningContextUsesItsWindowPosition() throws Exception {
        // every sample accessed: at iteration 25 (5 samples into window 2) nr = 5, last = 20, window 20 with
        // 15 samples left: 5 + 20 * 7500 / 10000 = 20
        int[] mvsum = new int[1];
        MonitorContext c = loop(a -> true, target(0))
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 25) {
                        mvsum[0] = ctx.nrAccessesMvsum(ctx.targets().getFirst().regions(), 0);
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        assertThat(mvsum[0]).isEqualTo(20);
    }

    @Test
    void aWorkerThreadRunsTheLoopUntilStopped() throws Exception {
        MonitorContext c = loop(a -> false, target(0)).clock(new VirtualClock()).build();
        Thread worker = c.start("kdamond.test");
        assertThat(worker.getName()).isEqualTo("kdamond.test");
        assertThat(worker.isDaemon()).isTrue();
        c.stop();
        worker.join(10_000);
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void theOperationsSetHearsOfTargetsComingAndGoingAndOfTheEnd() throws Exception {
        ScriptedOperations ops = new ScriptedOperations(List.of(new AddressRange(0, 100 * P)), a -> false);
        Target joining = target(1, new AddressRange(1000 * P, 1010 * P));
        MonitorContext c = MonitorContext.builder()
                .operations(ops)
                .addTarget(target(0))
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 3) {
                        ctx.addTarget(joining);
                    } else if (ctx.passedSampleIntervals() == 6) {
                        ctx.removeTarget(joining);
                        ctx.stop();
                    }
                })
                .build();
        assertThat(c.paused()).isFalse();
        assertThat(SchemeEngine.NONE.hasSchemes()).isFalse();
        c.run();
        assertThat(ops.added).containsExactly(joining);
        assertThat(ops.removed).containsExactly(joining);
        assertThat(ops.cleanups).isEqualTo(1);
        assertThat(c.operations()).isSameAs(ops);
    }

    @Test
    void callsKeepRunningWhilePausedSoAPauseCanBeLifted() throws Exception {
        // 100 ms of 5 ms sleeps: paused after sample 5, lifted by a call queued during the 10th sleep, so
        // sleeps 6..10 sample nothing and 15 samples are taken in all. The clock starts at 7 ns.
        VirtualClock time = new VirtualClock();
        time.advanceNs(7);
        MonitorContext[] self = new MonitorContext[1];
        int[] sleeps = new int[1];
        Clock clock = new Clock() {
            @Override
            public long nowNs() {
                return time.nowNs();
            }

            @Override
            public void sleepUs(long us) throws InterruptedException {
                time.sleepUs(us);
                if (++sleeps[0] == 10) {
                    self[0].setPaused(false);
                }
            }
        };
        MonitorContext c = loop(a -> true, target(0))
                .clock(clock)
                .deadlineNs(100_000_007L)
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 5) {
                        ctx.setPaused(true);
                    }
                })
                .build();
        self[0] = c;
        c.run();
        assertThat(c.startNs()).isEqualTo(7);
        assertThat(sleeps[0]).isEqualTo(20);
        assertThat(c.passedSampleIntervals()).isEqualTo(15);
    }

    @Test
    void aFailingCallReachesItsCallerAndTheWorkerGoesOn() throws Exception {
        Target first = target(0);
        List<java.util.concurrent.CompletableFuture<Void>> futures = new ArrayList<>();
        MonitorContext c = loop(a -> true, first)
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 5) {
                        futures.add(ctx.addTarget(first)); // already there: refused on the worker
                        futures.add(ctx.call(x -> {}));
                    }
                    if (ctx.passedSampleIntervals() == 30) {
                        ctx.stop();
                    }
                })
                .build();
        c.run();
        assertThat(c.passedSampleIntervals()).isEqualTo(30);
        assertThat(futures.get(0)).isCompletedExceptionally();
        assertThat(futures.get(1)).isCompleted().isNotCompletedExceptionally();
        assertThat(c.targets()).containsExactly(first);
    }
}
