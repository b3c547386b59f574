package org.jdamon.ops.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.VirtualClock;
import org.jdamon.session.Evaluation;
import org.jdamon.truth.Coverage;
import org.jdamon.eval.CoverageMeter;
import org.jdamon.eval.CoverageSideData;
import org.jdamon.eval.CoverageSummary;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalSummary;
import org.jdamon.eval.EvalThresholds;
import org.jdamon.eval.EvalWindow;
import org.jdamon.truth.TruthWindow;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked replays. Sampling 10 us, aggregation 100 us (10 samples per window), ops update 100 us,
 * data-only traces at 1 access per microsecond: record k falls in sample k/10 + 1 and window k/100.
 */
class TraceOperationsTest {
    static final Attributes ATTRS = new Attributes(10, 100, 100, 3, 10, null);
    static final long P1 = 0x1000;
    static final long P2 = 0x5000;
    static final long P3 = 0x9000_0000L;

    /**
     * Records 0-99 load from P1; 100-199 alternate P1 (even) and P2 (odd); 200-399 load from P3.
     */
    static String threePageTrace() {
        StringBuilder sb = new StringBuilder("==1== hand-made\n");
        for (int k = 0; k < 400; k++) {
            long a = k < 100 ? P1 + 8 * (k % 8) : k < 200 ? (k % 2 == 0 ? P1 : P2) : P3 + 64;
            sb.append(" L ").append(Long.toHexString(a)).append(",8\n");
        }
        return sb.toString();
    }

    static TraceReader reader(String text) {
        return TraceInput.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "hand");
    }

    /** A context over the trace with a virtual clock, one target and page-sized minimum regions. */
    static MonitorContext.Builder contextOver(TraceOperations ops, Attributes attrs, long seed) {
        return MonitorContext.builder()
                .attributes(ops.options().pageGranular() ? TraceOperations.pageGranularAttributes(attrs) : attrs)
                .operations(ops)
                .clock(new VirtualClock())
                .seed(seed)
                .minRegionSize(ops.options().pageSize())
                .addTarget(ops.newTarget());
    }

    static TraceOptions dataOnly() {
        return TraceOptions.DEFAULTS.withAccessesPerUs(1);
    }

    @Test
    void groundTruthOfEachWindowIsExact() throws InterruptedException {
        TraceOperations ops = new TraceOperations(reader(threePageTrace()), dataOnly().withGroundTruth(true));
        MonitorContext ctx = contextOver(ops, ATTRS, 1).build();
        List<String> windows = new ArrayList<>();
        TruthWindow tw = new TruthWindow();
        ctx.addAfterAggregation((c, s, e) -> {
            ops.drainWindow(0, tw);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < tw.size(); i++) {
                sb.append("%x-%x:%.0f/%.0f ".formatted(tw.start(i), tw.end(i), tw.accesses(i), tw.samplesAccessed(i)));
            }
            windows.add(sb.toString().strip());
        });
        ctx.run();
        // Window 1: P1 and P2 get 50 loads each, 5 in each of the 10 samples. Windows 2-3: P3 100 loads.
        assertThat(windows).containsExactly(
                "1000-2000:100/10",
                "1000-2000:50/10 5000-6000:50/10",
                "90000000-90001000:100/10",
                "90000000-90001000:100/10");
        assertThat(ops.recordsReplayed()).isEqualTo(400);
        assertThat(ops.instructionTime()).isFalse();
        assertThat(ops.distinctPages()).isEqualTo(3);
        assertThat(ops.exhausted()).isTrue();
    }

    @Test
    void damonOnAGrowingAddressSpaceScoresAsWorkedOutByHand() throws InterruptedException {
        // Regions: window 0 only P1 (the pages of sample 1); P2 joins at the update after window 1 (the two
        // mappings have one gap, so they are used as they are); P3 joins after window 2 (three regions).
        // nr_accesses: W0 P1=10; W1 P1=10 (P2 unmonitored); W2 P1=P2=0 (P3 unmonitored); W3 P3=10.
        // WSS true/est: 4K/4K, 8K/4K, 4K/0, 4K/4K -> APE 0, 50, 100, 0 -> MAPE 37.5.
        // Hot TP: W0 P1, W1 P1, W3 P3 = 3; FN: W1 P2, W2 P3 = 2; FP 0.
        // Ages (threshold maxNr/10): P1 W0 0, W1 1, W2 0 (went to zero), W3 1; P2 (new, zeros) W2 1, W3 2.
        // Cold = idle >= 1 window: W2 DAMON says P2 (age 1) but it was used in W1 -> FP; W3 P1, P2 -> TP 2.
        // Frequency error per page: W1 P2 |0-10| over 2 pages = 5; W2 P3 10 over 3 pages; else 0
        //   -> pooled (0*1 + 5*2 + 10/3*3 + 0*3) / 9 = 20/9.
        // Checks: regions per sample 1,1,2,3 x 10 = 70; existing pages per sample 1,2,3,3 x 10 = 90.
        EvalRun run = Evaluation.trace(() -> reader(threePageTrace()), dataOnly(), ATTRS, 1,
                new EvalThresholds(1, 100), null, false).getFirst();
        List<EvalWindow> ws = run.windows();
        assertThat(ws).hasSize(4);
        assertThat(ws).extracting(EvalWindow::estimatedWssBytes).containsExactly(4096L, 4096L, 0L, 4096L);
        assertThat(ws).extracting(EvalWindow::trueWssBytes).containsExactly(4096.0, 8192.0, 4096.0, 4096.0);
        assertThat(ws).extracting(EvalWindow::nrRegions).containsExactly(1, 1, 2, 3);
        EvalSummary s = run.summary();
        assertThat(s.wssMape()).isEqualTo(37.5);
        assertThat(s.wssApePercentiles()).containsExactly(0, 100, 100, 100);
        assertThat(s.hotPrecision()).isEqualTo(1.0);
        assertThat(s.hotRecall()).isEqualTo(0.6);
        assertThat(s.coldPrecision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.coldRecall()).isEqualTo(1.0);
        assertThat(s.freqAbsError()).isCloseTo(20.0 / 9, within(1e-12));
        assertThat(s.damonChecks()).isEqualTo(70);
        assertThat(s.pageGranularChecks()).isEqualTo(90);
    }

    @Test
    void pageGranularBaselineIsExactAndCostsOneCheckPerPage() throws InterruptedException {
        // Every page is a region from the sample of its first touch, so each window is reported exactly:
        // ages P1 W0 0, W1 1, W2 0, W3 1; P2 (from sample 11) W1 0, W2 0, W3 1 -> W3 cold P1, P2 = truth.
        List<EvalRun> runs = Evaluation.trace(() -> reader(threePageTrace()), dataOnly(), ATTRS, 1,
                new EvalThresholds(1, 100), null, true);
        EvalSummary s = runs.get(1).summary();
        assertThat(runs.get(1).label()).isEqualTo("page-granular");
        assertThat(s.wssMape()).isZero();
        assertThat(s.freqAbsError()).isZero();
        assertThat(s.hotPrecision()).isEqualTo(1.0);
        assertThat(s.hotRecall()).isEqualTo(1.0);
        assertThat(s.coldPrecision()).isEqualTo(1.0);
        assertThat(s.coldRecall()).isEqualTo(1.0);
        assertThat(runs.get(1).windows()).extracting(EvalWindow::coldTruePositive).containsExactly(0.0, 0.0, 0.0, 2.0);
        assertThat(s.damonChecks()).isEqualTo(90);
        assertThat(s.pageGranularChecks()).isEqualTo(90);
    }

    /**
     * Coverage of the three-page trace, worked out by hand from the region history above: W0 P1 only
     * (100 touches, all seen); W1 P2 is new and outside the regions (P1) until the update after W1: 1 of
     * 2 pages, 50 of 100 touches outside; W2 P3 is outside until the update after W2: 1 of 1 page, 100 of
     * 100; W3 all seen. Run: 150 of 400 touches and 2 of 5 page-windows outside; P3 is seen in W3, but P2
     * is never touched again once inside: 1 of 3 pages never monitored.
     */
    @Test
    void coverageOfEachWindowAndOfTheRunIsExact() throws InterruptedException {
        TraceOperations ops = new TraceOperations(reader(threePageTrace()), dataOnly());
        MonitorContext ctx = contextOver(ops, ATTRS, 1).build();
        CoverageMeter meter = CoverageMeter.attach(ctx, ops, null);
        ctx.run();
        assertThat(meter.samples()).extracting(smp -> smp.targets().getFirst().window()).containsExactly(
                new Coverage(1, 0, 100, 0),
                new Coverage(2, 1, 100, 50),
                new Coverage(1, 1, 100, 100),
                new Coverage(1, 0, 100, 0));
        assertThat(meter.samples()).extracting(smp -> smp.targets().getFirst().total()).containsExactly(
                new Coverage(1, 0, 100, 0),
                new Coverage(2, 1, 200, 50),
                new Coverage(3, 2, 300, 150),
                new Coverage(3, 1, 400, 150));
        assertThat(meter.total()).isEqualTo(new Coverage(3, 1, 400, 150));
        assertThat(meter.summary()).isEqualTo(new CoverageSummary(new Coverage(3, 1, 400, 150), 5, 2, 1.0));
        assertThat(meter.summary().text()).isEqualTo("coverage: 37.5% of accesses and 40.0% of touched pages per"
                + " window fell outside every monitored region (worst window 100.0%); 1 of 3 touched pages were"
                + " never monitored");
        assertThat(meter.warning()).startsWith("37.5% of accesses (40.0% of pages per window) were outside"
                + " every monitored region").contains("(every 100 us)").contains("lower -u/--updr");
        CoverageSideData.Sample last = meter.samples().getLast();
        assertThat(CoverageSideData.decode(CoverageSideData.encode(last))).isEqualTo(last);
        assertThat(last.timeNs()).isEqualTo(400_000);
    }

    @Test
    void aPageInAGapTheRegionsSpanIsSeenFromItsFirstTouch() throws InterruptedException {
        // Pages A=0x1000, B=0x10000, C=0x100000 and D=0x1000000 are touched in sample 1: the regions drop
        // the two largest gaps (C-D, B-C) and span A..B. E=0x8000, first touched in W1, lies between A
        // and B: inside, so nothing is ever outside although E joins no mapping before the update.
        StringBuilder sb = new StringBuilder();
        long[] first = {0x1000, 0x10000, 0x100000, 0x1000000};
        for (int k = 0; k < 200; k++) {
            long a = k < 8 ? first[k % 4] : k < 100 ? 0x1000 : 0x8000;
            sb.append(" L ").append(Long.toHexString(a)).append(",4\n");
        }
        TraceOperations ops = new TraceOperations(reader(sb.toString()), dataOnly());
        MonitorContext ctx = contextOver(ops, new Attributes(10, 100, 1_000_000, 3, 10, null), 1).build();
        CoverageMeter meter = CoverageMeter.attach(ctx, ops, null);
        ctx.run();
        assertThat(meter.total()).isEqualTo(new Coverage(5, 0, 200, 0));
        assertThat(meter.warning()).isNull();
    }

    @Test
    void thePageGranularBaselineSeesEveryPage() throws InterruptedException {
        TraceOperations ops = new TraceOperations(reader(threePageTrace()), dataOnly().withPageGranular(true));
        MonitorContext ctx = contextOver(ops, ATTRS, 1).build();
        CoverageMeter meter = CoverageMeter.attach(ctx, ops, null);
        ctx.run();
        assertThat(meter.total()).isEqualTo(new Coverage(3, 0, 400, 0));
    }

    @Test
    void evalCountsTheUnmonitoredPagesAsMissesAndReportsTheirCoverage() throws InterruptedException {
        // The two hot-recall misses of damonOnAGrowingAddressSpace... are W1 P2 and W2 P3: the pages outside.
        EvalRun run = Evaluation.trace(() -> reader(threePageTrace()), dataOnly(), ATTRS, 1,
                new EvalThresholds(1, 100), null, false).getFirst();
        assertThat(run.coverage().total()).isEqualTo(new Coverage(3, 1, 400, 150));
        assertThat(run.coverage().pageWindowsOutside()).isEqualTo(2);
        assertThat(run.windows()).extracting(EvalWindow::hotFalseNegative).containsExactly(0.0, 1.0, 1.0, 0.0);
    }

    /** 250 straight-line instructions at 0x400000 and one store to 0x2000 after instruction 150. */
    static String instructionTrace() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            sb.append("I  ").append(Long.toHexString(0x400000 + 4L * i)).append(",4\n");
            if (i == 150) {
                sb.append(" S 2000,8\n");
            }
        }
        return sb.toString();
    }

    @Test
    void instructionCountIsTheClock() throws InterruptedException {
        // 1 instruction per us: 250 us of trace = windows [0,100) and [100,200) complete, then the trace
        // ends inside the third. The store follows instruction 150 -> window 1, one sample. Instruction
        // fetches touch the code page (0x400000-0x4003e8) 100 times per window, in all 10 samples.
        TraceOptions opts = TraceOptions.DEFAULTS.withInstructionsPerUs(1).withGroundTruth(true);
        TraceOperations ops = new TraceOperations(reader(instructionTrace()), opts);
        MonitorContext ctx = contextOver(ops, ATTRS, 1).build();
        List<String> windows = new ArrayList<>();
        TruthWindow tw = new TruthWindow();
        ctx.addAfterAggregation((c, s, e) -> {
            ops.drainWindow(0, tw);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < tw.size(); i++) {
                sb.append("%x:%.0f/%.0f ".formatted(tw.start(i), tw.accesses(i), tw.samplesAccessed(i)));
            }
            windows.add(sb.toString().strip());
        });
        ctx.run();
        assertThat(windows).containsExactly("400000:100/10", "2000:1/1 400000:100/10");
        assertThat(ops.instructionTime()).isTrue();
        assertThat(ops.instructionsReplayed()).isEqualTo(250);
        assertThat(ops.traceTimeUs()).isEqualTo(250.0);

        TraceOperations noFetch = new TraceOperations(reader(instructionTrace()),
                opts.withInstructionFetches(false));
        MonitorContext ctx2 = contextOver(noFetch, ATTRS, 1).build();
        windows.clear();
        ctx2.addAfterAggregation((c, s, e) -> {
            noFetch.drainWindow(0, tw);
            windows.add(tw.size() == 0 ? "-" : "%x:%.0f".formatted(tw.start(0), tw.accesses(0)));
        });
        ctx2.run();
        assertThat(windows).containsExactly("-", "2000:1");
    }

    @Test
    void aTraceWithoutRecordsIsAnError() {
        TraceOperations ops = new TraceOperations(reader("==1== only valgrind chatter\n"), dataOnly());
        MonitorContext ctx = contextOver(ops, ATTRS, 1).build();
        assertThatThrownBy(ctx::run).isInstanceOf(TraceFormatException.class)
                .hasMessage("hand: empty trace (no access records)");
    }

    @Test
    void aMalformedLineStopsTheReplayWithItsLineNumber() {
        String text = threePageTrace().replace(" L 90000040,8\n L 90000040,8\n", " L 90000040,8\n L 9000zz40,8\n");
        TraceOperations ops = new TraceOperations(reader(text), dataOnly());
        MonitorContext ctx = contextOver(ops, ATTRS, 1).build();
        // Line 1 is the header; record k is on line k + 2, so the first P3 pair (records 200, 201) ends on 203.
        assertThatThrownBy(ctx::run).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("hand:203: malformed Lackey record ' L 9000zz40,8'");
    }
}
