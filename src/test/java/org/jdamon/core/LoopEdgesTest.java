package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The worker loop and its region steps at their edges, with numbers worked out from the kernel's
 * functions: the merge threshold ({@code max_nr_accesses / 10}) and its doubling bound
 * ({@code threshold / 2 < aggr / sample}), the merged region's moving sum, the moving-sum decay beyond
 * the precomputed table, the intervals tuner above its goal, the next ops update after an attribute
 * change, and what happens to queued calls, pauses and invalid targets when the worker ends.
 */
class LoopEdgesTest {
    private static final long P = 4096;

    private static Target target(long... bounds) {
        Target t = new Target(0, -1, "t", List.of());
        for (int i = 0; i < bounds.length; i += 2) {
            t.regions().add(bounds[i], bounds[i + 1]);
        }
        return t;
    }

    private static MonitorContext.Builder builder(Attributes attrs, Operations ops, Target t) {
        return MonitorContext.builder().attributes(attrs).operations(ops).addTarget(t);
    }

    private static ScriptedOperations silent() {
        return new ScriptedOperations(List.of(), a -> false);
    }

    /** A scheme engine that counts its passes and runs {@code onPass} in each. */
    private static final class CountingEngine implements SchemeEngine {
        int passes;
        java.util.function.Consumer<MonitorContext> onPass = c -> {};

        @Override
        public boolean hasSchemes() {
            return true;
        }

        @Override
        public void applySchemes(MonitorContext ctx) {
            passes++;
            onPass.accept(ctx);
        }
    }

    @Test
    void aMergedRegionsMovingSumIsItsAveragedCount() {
        // damon_merge_two_regions: nr = (2 * P + 4 * P) / 2P = 3, nr_accesses_bp = 3 * 10000
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS, silent(), target(0, P, P, 2 * P)).build();
        Regions r = c.targets().getFirst().regions();
        r.setNrAccesses(0, 2);
        r.setNrAccessesBp(0, 20_000);
        r.setNrAccesses(1, 4);
        r.setNrAccessesBp(1, 40_000);
        c.mergeRegions(2, Long.MAX_VALUE);
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.nrAccesses(0)).isEqualTo(3);
        assertThat(r.nrAccessesBp(0)).isEqualTo(30_000);
    }

    @Test
    void theMergeThresholdDoublesWhileHalfOfItIsBelowTheSamplesPerAggregation() {
        // 12 one-page regions alternating 0 and 20 accesses, at most 10 regions, 20 samples per
        // aggregation. Thresholds 2, 4, 8, 16 merge nothing (difference 20); after 16, 16 / 2 = 8 < 20
        // so 32 is tried too, and merges everything into one region.
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 10), silent(), target()).build();
        Regions r = c.targets().getFirst().regions();
        for (int i = 0; i < 12; i++) {
            r.add(i * P, (i + 1) * P);
            r.setNrAccesses(i, i % 2 == 0 ? 0 : 20);
        }
        c.mergeRegions(2, Long.MAX_VALUE);
        assertThat(r.size()).isEqualTo(1);
    }

    @Test
    void theWorkerMergesWithATenthOfTheHighestCount() throws InterruptedException {
        // six one-page regions, every other one accessed at each sample: counts 20 and 0 after an
        // aggregation; threshold 20 / 10 = 2, so none merge (the size limit, 6P / 3 = 2P, would allow pairs)
        ScriptedOperations ops = new ScriptedOperations(List.of(new AddressRange(0, 6 * P)), a -> (a / P) % 2 == 0);
        Target t = target(0, P, P, 2 * P, 2 * P, 3 * P, 3 * P, 4 * P, 4 * P, 5 * P, 5 * P, 6 * P);
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 1000), ops, t)
                .deadlineNs(100_000_000L).build();
        List<Integer> countsAtAggregation = new ArrayList<>();
        c.addAfterAggregation((ctx, from, to) -> countsAtAggregation.add(ctx.totalRegions()));
        c.run();
        assertThat(c.passedSampleIntervals()).isEqualTo(20);
        assertThat(countsAtAggregation).containsExactly(6);
    }

    @Test
    void theDecayBeyondThePrecomputedTableIsTheSameFormula() {
        // 1 us samples over 100 ms: 100,000 samples per aggregation, more than the table's 65,536 + 1
        // entries. damon_moving_sum subtracts last * 10000 / len: 70000 -> 7000, 65537 -> 6553
        Attributes a = Attributes.KERNEL_DEFAULTS.withIntervals(1, 100_000, 60_000_000);
        MonitorContext c = builder(a, silent(), target(0, P, P, 2 * P)).build();
        Regions r = c.targets().getFirst().regions();
        r.setLastNrAccesses(0, 70_000);
        r.setNrAccessesBp(0, 700_000_000);
        r.setLastNrAccesses(1, 65_537);
        r.setNrAccessesBp(1, 655_370_000);
        c.updateAccess(r, 0, false);
        c.updateAccess(r, 1, false);
        assertThat(r.nrAccessesBp(0)).isEqualTo(700_000_000 - 7_000);
        assertThat(r.nrAccessesBp(1)).isEqualTo(655_370_000 - 6_553);
    }

    @Test
    void aboveItsGoalTheTunerShrinksTheSampleIntervalAtMostByHalf() throws InterruptedException {
        // every sample finds an access, the goal is 80% of them: score 10000 * 10000 / 8000 = 12500;
        // next input 1e8 - 1e8 * 2500 / 10000 = 7.5e7, / 10000 = 7500 bp, rescaled to 5000 + 7500 / 2
        // = 8750: the sample interval becomes 5000 * 0.875 = 4375 us, the aggregation 20 samples of it
        Attributes a = Attributes.KERNEL_DEFAULTS.withIntervalsGoal(new IntervalsGoal(8_000, 1, 100, 10_000));
        ScriptedOperations ops = new ScriptedOperations(List.of(new AddressRange(0, 64 * P)), addr -> true);
        MonitorContext c = builder(a, ops, new Target(0, -1, "t", List.of())).deadlineNs(100_000_000L).build();
        c.run();
        assertThat(c.attributes().sampleUs()).isEqualTo(4_375);
        assertThat(c.attributes().aggrUs()).isEqualTo(87_500);
    }

    @Test
    void afterAnAttributeChangeTheNextOpsUpdateIsOneNewUpdateIntervalAway() throws InterruptedException {
        // 1 s run; at sample 10 the update interval becomes 100 ms = 20 samples: updates at 30, 50, ...,
        // 190 (9), none at the old 1 s mark
        ScriptedOperations ops = new ScriptedOperations(List.of(new AddressRange(0, 16 * P)), addr -> false);
        Attributes fast = Attributes.DAMO_DEFAULTS.withIntervals(5_000, 100_000, 100_000);
        MonitorContext c = builder(Attributes.DAMO_DEFAULTS, ops, new Target(0, -1, "t", List.of()))
                .deadlineNs(1_000_000_000L)
                .afterSample(ctx -> {
                    if (ctx.passedSampleIntervals() == 10) {
                        ctx.commitAttributes(fast);
                    }
                })
                .build();
        c.run();
        assertThat(ops.updates).isEqualTo(9);
    }

    @Test
    void startRunsTheLoopInANamedDaemonThread() throws InterruptedException {
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS, silent(), target(0, 16 * P))
                .deadlineNs(100_000_000L).build();
        Thread worker = c.start("kdamond.7");
        assertThat(worker.getName()).isEqualTo("kdamond.7");
        assertThat(worker.isDaemon()).isTrue();
        worker.join(10_000);
        assertThat(worker.isAlive()).isFalse();
        assertThat(c.passedSampleIntervals()).isEqualTo(20);
    }

    @Test
    void aCallQueuedAfterTheCallPointOfTheLastIterationRunsWhenTheWorkerEnds() throws InterruptedException {
        CountingEngine engine = new CountingEngine();
        List<CompletableFuture<Void>> late = new ArrayList<>();
        long[] ranAt = {-1};
        engine.onPass = ctx -> {
            if (late.isEmpty()) {
                late.add(ctx.call(x -> ranAt[0] = x.passedSampleIntervals()));
                ctx.stop();
            }
        };
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS, silent(), target(0, 16 * P)).schemes(engine).build();
        c.run();
        assertThat(late.getFirst()).isDone();
        assertThat(ranAt[0]).isEqualTo(1);
    }

    @Test
    void aWorkerPausedUntilItsDeadlineAppliesNoScheme() throws InterruptedException {
        CountingEngine engine = new CountingEngine();
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS, silent(), target(0, 16 * P))
                .schemes(engine).paused(true).deadlineNs(100_000_000L).build();
        c.run();
        assertThat(engine.passes).isZero();
        assertThat(c.passedSampleIntervals()).isEqualTo(1);
    }

    @Test
    void withNoValidTargetTheWorkerDoesNotSample() throws InterruptedException {
        Operations gone = new Operations() {
            @Override
            public String name() {
                return "gone";
            }

            @Override
            public boolean targetValid(MonitorContext ctx, Target t) {
                return false;
            }

            @Override
            public void prepareAccessChecks(MonitorContext ctx) {}

            @Override
            public int checkAccesses(MonitorContext ctx) {
                return 0;
            }
        };
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS, gone, target(0, 16 * P))
                .deadlineNs(100_000_000L).build();
        c.run();
        assertThat(c.passedSampleIntervals()).isZero();
        assertThat(c.needStop()).isTrue();
    }

    @Test
    void adjacentRangesAreDisjointAndKeepTheirRegions() {
        MonitorContext.requireSortedDisjoint(List.of(new AddressRange(0, P), new AddressRange(P, 2 * P)), P);
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS, silent(), target(0, P, P, 2 * P)).build();
        Target t = c.targets().getFirst();
        t.regions().setAge(1, 7);
        c.setRegions(t, List.of(new AddressRange(0, P), new AddressRange(P, 2 * P)));
        assertThat(t.regions().size()).isEqualTo(2);
        assertThat(t.regions().age(1)).isEqualTo(7);
    }

    @Test
    void rangesThatTouchOnlyOnceAlignedAreNamedAsSuch() {
        // 0x1800 is where the first range ends and the second starts; aligned to 4 KiB they overlap
        assertThatThrownBy(() -> MonitorContext.requireSortedDisjoint(
                        List.of(new AddressRange(0x1000, 0x1800), new AddressRange(0x1800, 0x3000)), P))
                .hasMessage("ranges 0x1000-0x1800 and 0x1800-0x3000 overlap once aligned to 4096 bytes");
    }

    @Test
    void aCommitWithABadTargetChangesNothingAndTheFuturesOfChangesAtRestAreDone() {
        Target a = target(0, P);
        Target b = target(P, 2 * P);
        MonitorContext dst = MonitorContext.builder().operations(silent()).addTarget(a).addTarget(b).build();
        Target goodSrc = target(0, 2 * P);
        Target overlapping = target(0, 2 * P, P, 3 * P);
        MonitorContext src = MonitorContext.builder().operations(silent())
                .addTarget(goodSrc).addTarget(overlapping).build();
        assertThatThrownBy(() -> dst.commit(src)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.regions().end(0)).isEqualTo(P);

        MonitorContext fine = MonitorContext.builder().operations(silent()).addTarget(goodSrc).build();
        assertThat(dst.commit(fine)).isDone();
        assertThat(a.regions().end(0)).isEqualTo(2 * P);
        CompletableFuture<Void> removed = dst.removeTarget(a);
        assertThat(removed).isDone();
        assertThat(dst.targets()).isEmpty();
    }

    /** A context over {@code perTarget[k]} regions of ten pages each in target k, at most {@code max} regions. */
    private static MonitorContext tenPageRegions(int max, ScriptedRandom rnd, int... perTarget) {
        MonitorContext.Builder b = MonitorContext.builder().attributes(Attributes.KERNEL_DEFAULTS.withNrRegions(3, max))
                .operations(silent()).random(rnd);
        long at = 0;
        for (int k = 0; k < perTarget.length; k++) {
            Target t = new Target(k, -1, "t" + k, List.of());
            for (int i = 0; i < perTarget[k]; i++, at += 10 * P) {
                t.regions().add(at, at + 10 * P);
            }
            b.addTarget(t);
        }
        return b.build();
    }

    /** Indices of the regions of {@code r} that are one page long (the left pieces of the splits). */
    private static List<Integer> cutAt(Regions r) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0, orig = 0; i < r.size(); i++, orig++) {
            if (r.regionSize(i) == P) {
                out.add(orig);
                i++;
            }
        }
        return out;
    }

    @Test
    void aboveHalfTheMaximumTheStartOfTheStrideRotatesBetweenCalls() {
        // max 9, 6 regions: budget 3, stride 9 / 3 = 3. Rotation 0, 1, 2 give first indices 0, 2, 1
        // (the first index with (index + rotation) % 3 == 0); unscripted draws cut at 10% = one page
        MonitorContext c = tenPageRegions(9, new ScriptedRandom(), 6);
        Regions r = c.targets().getFirst().regions();
        List<List<Integer>> picked = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            c.splitRegions();
            picked.add(cutAt(r));
            r.clear();
            for (int i = 0; i < 6; i++) {
                r.add(i * 10 * P, (i + 1) * 10 * P);
            }
        }
        assertThat(picked).containsExactly(List.of(0, 3), List.of(2, 5), List.of(1, 4));
    }

    @Test
    void theStrideCountsRegionsAcrossTargets() {
        // two targets of three regions, max 9: stride 3 over all six, so the first region of each
        MonitorContext c = tenPageRegions(9, new ScriptedRandom(), 3, 3);
        c.splitRegions();
        assertThat(cutAt(c.targets().get(0).regions())).containsExactly(0);
        assertThat(cutAt(c.targets().get(1).regions())).containsExactly(0);
    }

    @Test
    void manyCutsAcrossTargetsPickTheSameStrideWhenRebuilt() {
        // max 200, 61 + 59 regions: budget 80, stride 2, 60 cuts (more than the in-place few): every even
        // index over both targets, so target 0's 0, 2, ..., 60 and target 1's (from 61) 1, 3, ..., 57
        MonitorContext c = tenPageRegions(200, new ScriptedRandom(), 61, 59);
        c.splitRegions();
        List<Integer> even = new ArrayList<>();
        for (int i = 0; i <= 60; i += 2) {
            even.add(i);
        }
        List<Integer> odd = new ArrayList<>();
        for (int i = 1; i <= 57; i += 2) {
            odd.add(i);
        }
        assertThat(cutAt(c.targets().get(0).regions())).isEqualTo(even);
        assertThat(cutAt(c.targets().get(1).regions())).isEqualTo(odd);
        assertThat(c.totalRegions()).isEqualTo(180);
    }

    @Test
    void aPickedTwoPageRegionDrawsNoCutEvenWhenTheDrawWouldGiveOne() {
        // max 3, two regions: budget 1, stride 3, region 0 is picked. It is two pages: a draw of 8 would
        // give (1 + 8) * 2P / 10 -> one page, but a region of at most two minimum sizes is never cut
        ScriptedRandom rnd = new ScriptedRandom().then(8);
        MonitorContext c = builder(Attributes.KERNEL_DEFAULTS.withNrRegions(3, 3), silent(), target(0, 2 * P, 2 * P, 12 * P))
                .random(rnd).build();
        c.splitRegions();
        assertThat(c.totalRegions()).isEqualTo(2);
        assertThat(rnd.remaining()).isEqualTo(1);
    }
}
