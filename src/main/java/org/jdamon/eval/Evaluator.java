package org.jdamon.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jdamon.core.AddressRange;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.RegionsView;
import org.jdamon.core.Target;
import org.jdamon.core.UnsignedMath;
import org.jdamon.truth.GroundTruth;
import org.jdamon.truth.TruthWindow;

/**
 * Compares every aggregation of a running monitor with the exact accesses of the same window, drained
 * from a {@link GroundTruth} in the same pass. Register it both as an aggregation listener and as an
 * after-sample callback ({@link #attach}); it works with any command that builds a
 * {@link MonitorContext} over an operations set that knows its truth.
 *
 * <p>Page-level measures are taken over the pages the truth has ever reported (the memory that exists,
 * as far as the workload has shown), so the unmapped holes inside DAMON's regions neither help nor hurt:
 * <ul>
 *   <li>hot: DAMON says {@code nr_accesses >= hotMinNrAccesses}; truly hot = accessed in the window;
 *   <li>cold: DAMON says {@code nr_accesses == 0} and {@code age} covers at least the cold age; truly cold
 *       = not accessed in at least that many whole windows;
 *   <li>frequency error: |DAMON's {@code nr_accesses} - the page's true number of sampling intervals with an
 *       access|, averaged over those pages (the truth a page-granular monitor would report).
 * </ul>
 * The WSS is damo's: the bytes of regions with {@code nr_accesses >= 1}, against the bytes touched.
 */
public final class Evaluator implements AggregationListener, Consumer<MonitorContext> {
    private final GroundTruth truth;
    private final AddressRange focus;
    private final EvalThresholds thresholds;
    private final long pageSize;
    private final int pageShift;
    private final List<EvalWindow> windows = new ArrayList<>();
    private final List<TargetState> states = new ArrayList<>();
    private final TruthWindow scratch = new TruthWindow();
    private long damonChecks;
    private long pageGranularChecks;

    public Evaluator(GroundTruth truth, EvalThresholds thresholds, long pageSize) {
        this(truth, thresholds, pageSize, null);
    }

    /**
     * An evaluator whose measures (WSS included) only count bytes inside {@code focus}, for example one
     * array of the program; null for the whole address space.
     */
    public Evaluator(GroundTruth truth, EvalThresholds thresholds, long pageSize, AddressRange focus) {
        this.focus = focus;
        this.truth = truth;
        this.thresholds = thresholds;
        this.pageSize = pageSize;
        this.pageShift = Long.numberOfTrailingZeros(pageSize);
    }

    /** Registers this evaluator on {@code ctx} for both samples and aggregations. */
    public Evaluator attach(MonitorContext ctx) {
        ctx.addAfterSample(this);
        ctx.addAfterAggregation(this);
        return this;
    }

    public List<EvalWindow> windows() {
        return windows;
    }

    /** Region checks DAMON made so far: its regions summed over every sampling interval. */
    public long damonChecks() {
        return damonChecks;
    }

    /** Checks a monitor looking at every existing page in every sampling interval would have made. */
    public long pageGranularChecks() {
        return pageGranularChecks;
    }

    public EvalThresholds thresholds() {
        return thresholds;
    }

    public EvalSummary summary() {
        return EvalSummary.of(windows, damonChecks, pageGranularChecks, thresholds);
    }

    /** After each sample: count the checks of DAMON and of a page-granular monitor. */
    @Override
    public void accept(MonitorContext ctx) {
        damonChecks += ctx.totalRegions();
        for (Target t : ctx.targets()) {
            long mapped = truth.mappedPages(t.index());
            if (mapped < 0) {
                mapped = state(t.index()).universeBytes / pageSize;
            }
            pageGranularChecks += mapped;
        }
    }

    @Override
    public void afterAggregation(MonitorContext ctx, long windowStartNs, long windowEndNs) {
        long aggrUs = Math.max(ctx.attributes().aggrUs(), 1);
        int maxNr = Math.max(ctx.attributes().maxNrAccesses(), 1);
        int coldWindows = (int) Math.min(Integer.MAX_VALUE, (thresholds.coldMinAgeUs() + aggrUs - 1) / aggrUs);
        for (Target t : ctx.targets()) {
            TargetState st = state(t.index());
            truth.drainWindow(t.index(), scratch);
            windows.add(evaluate(st, t.index(), t.regions(), scratch, windowStartNs - ctx.startNs(),
                    windowEndNs - ctx.startNs(), maxNr, aggrUs, coldWindows));
        }
    }

    private TargetState state(int index) {
        while (states.size() <= index) {
            states.add(new TargetState());
        }
        return states.get(index);
    }

    private EvalWindow evaluate(TargetState st, int targetIndex, RegionsView regions, TruthWindow tw,
            long startNs, long endNs, int maxNr, long aggrUs, int coldWindows) {
        int window = st.window++;
        double trueWss = 0;
        for (int i = 0; i < tw.size(); i++) {
            trueWss += clipped(tw.start(i), tw.end(i)) * tw.touchedFraction(i);
        }
        long estWss = 0;
        for (int i = 0; i < regions.size(); i++) {
            if (regions.nrAccesses(i) >= 1) {
                estWss += clipped(regions.start(i), regions.end(i));
            }
        }
        st.overlay(tw, window, maxNr, pageSize);
        Segments u = st.universe;
        double hotTp = 0;
        double hotFp = 0;
        double hotFn = 0;
        double coldTp = 0;
        double coldFp = 0;
        double coldFn = 0;
        double freqAbsErr = 0;
        long universeBytes = 0;
        int r = 0;
        int nrRegions = regions.size();
        for (int k = 0; k < u.size; k++) {
            long s = u.start[k];
            long e = u.end[k];
            if (focus != null) {
                if (!focus.intersects(s, e)) {
                    continue;
                }
                s = Long.compareUnsigned(s, focus.start()) < 0 ? focus.start() : s;
                e = umin(e, focus.end());
            }
            universeBytes += e - s;
            boolean accessed = u.last[k] == window;
            double touched = accessed ? u.touched[k] : 0;
            double trueSamples = accessed ? u.samples[k] : 0;
            long idleWindows = window - u.last[k] - 1L;
            boolean trulyCold = !accessed && idleWindows >= coldWindows;
            while (r < nrRegions && Long.compareUnsigned(regions.end(r), s) <= 0) {
                r++;
            }
            long pos = s;
            while (pos != e) {
                boolean inRegion = r < nrRegions && Long.compareUnsigned(regions.start(r), pos) <= 0;
                long pieceEnd;
                if (inRegion) {
                    pieceEnd = umin(e, regions.end(r));
                } else {
                    pieceEnd = r < nrRegions ? umin(e, regions.start(r)) : e;
                }
                double bytes = pieceEnd - pos;
                int nr = inRegion ? regions.nrAccesses(r) : 0;
                int age = inRegion ? regions.age(r) : 0;
                freqAbsErr += bytes * Math.abs(nr - trueSamples);
                boolean damonHot = inRegion && nr >= thresholds.hotMinNrAccesses();
                if (damonHot) {
                    hotTp += bytes * touched;
                    hotFp += bytes * (1 - touched);
                } else {
                    hotFn += bytes * touched;
                }
                boolean damonCold = inRegion && nr == 0 && (long) age >= coldWindows;
                if (damonCold && trulyCold) {
                    coldTp += bytes;
                } else if (damonCold) {
                    coldFp += bytes;
                } else if (trulyCold) {
                    coldFn += bytes;
                }
                pos = pieceEnd;
                if (inRegion && pos == regions.end(r)) {
                    r++;
                }
            }
        }
        st.universeBytes = universeBytes;
        return new EvalWindow(targetIndex, window, startNs, endNs, nrRegions, universeBytes / pageSize,
                trueWss, estWss, universeBytes == 0 ? 0 : freqAbsErr / universeBytes, maxNr,
                hotTp / pageSize, hotFp / pageSize, hotFn / pageSize,
                coldTp / pageSize, coldFp / pageSize, coldFn / pageSize);
    }

    /**
     * Sampling intervals with at least one access for a page that got {@code accessesPerPage} accesses
     * spread at random over {@code intervals} intervals (Poisson): the estimate used when a truth source
     * gives counts only.
     */
    static double expectedSamples(double accessesPerPage, int intervals) {
        if (accessesPerPage <= 0) {
            return 0;
        }
        return intervals * -Math.expm1(-accessesPerPage / intervals);
    }

    /** What the evaluator remembers of one target: every byte range the truth ever reported. */
    private static final class TargetState {
        final Segments universe = new Segments();
        final Segments next = new Segments();
        final Segments truthPages = new Segments();
        long universeBytes;
        int window;

        /** Marks the window's truth ranges (widened to pages) as accessed in {@code window}. */
        void overlay(TruthWindow tw, int window, int intervals, long pageSize) {
            Segments t = truthPages;
            t.size = 0;
            for (int i = 0; i < tw.size(); i++) {
                if (tw.touchedFraction(i) <= 0 && tw.accesses(i) <= 0) {
                    continue;
                }
                long s = UnsignedMath.alignDown(tw.start(i), pageSize);
                long e = UnsignedMath.alignUp(tw.end(i), pageSize);
                if (t.size > 0 && Long.compareUnsigned(s, t.end[t.size - 1]) < 0) {
                    s = t.end[t.size - 1];
                }
                if (Long.compareUnsigned(s, e) >= 0) {
                    continue;
                }
                double samples = tw.samplesAccessed(i);
                if (Double.isNaN(samples)) {
                    double pages = (double) (tw.end(i) - tw.start(i)) / pageSize;
                    samples = expectedSamples(tw.accesses(i) / Math.max(pages, 1e-9), intervals);
                }
                t.append(s, e, window, samples, Math.min(1, Math.max(0, tw.touchedFraction(i))));
            }
            Segments u = universe;
            Segments out = next;
            out.size = 0;
            int i = 0;
            int j = 0;
            long pos = 0;
            boolean started = false;
            while (i < u.size || j < t.size) {
                if (!started) {
                    pos = i < u.size && (j >= t.size || Long.compareUnsigned(u.start[i], t.start[j]) < 0)
                            ? u.start[i] : t.start[j];
                    started = true;
                }
                if (j < t.size && Long.compareUnsigned(t.start[j], pos) <= 0) {
                    out.append(pos, t.end[j], t.last[j], t.samples[j], t.touched[j]);
                    pos = t.end[j];
                    j++;
                    while (i < u.size && Long.compareUnsigned(u.end[i], pos) <= 0) {
                        i++;
                    }
                    continue;
                }
                long nextTruth = j < t.size ? t.start[j] : -1L;
                if (i >= u.size) {
                    pos = nextTruth;
                    continue;
                }
                long s = Long.compareUnsigned(u.start[i], pos) > 0 ? u.start[i] : pos;
                if (Long.compareUnsigned(nextTruth, s) <= 0) {
                    pos = nextTruth;
                    continue;
                }
                long e = umin(u.end[i], nextTruth);
                out.append(s, e, u.last[i], u.samples[i], u.touched[i]);
                pos = e;
                if (e == u.end[i]) {
                    i++;
                }
            }
            universe.swap(out);
        }
    }

    /** Sorted, disjoint byte ranges with the last window they were accessed in and that window's truth. */
    static final class Segments {
        long[] start = new long[64];
        long[] end = new long[64];
        int[] last = new int[64];
        double[] samples = new double[64];
        double[] touched = new double[64];
        int size;

        /** Appends a range, extending the previous one when adjacent and equal. */
        void append(long s, long e, int lastWindow, double smp, double tch) {
            if (size > 0 && end[size - 1] == s && last[size - 1] == lastWindow
                    && samples[size - 1] == smp && touched[size - 1] == tch) {
                end[size - 1] = e;
                return;
            }
            if (size == start.length) {
                int cap = size * 2;
                start = Arrays.copyOf(start, cap);
                end = Arrays.copyOf(end, cap);
                last = Arrays.copyOf(last, cap);
                samples = Arrays.copyOf(samples, cap);
                touched = Arrays.copyOf(touched, cap);
            }
            start[size] = s;
            end[size] = e;
            last[size] = lastWindow;
            samples[size] = smp;
            touched[size] = tch;
            size++;
        }

        void swap(Segments o) {
            long[] l = start; start = o.start; o.start = l;
            l = end; end = o.end; o.end = l;
            int[] x = last; last = o.last; o.last = x;
            double[] d = samples; samples = o.samples; o.samples = d;
            d = touched; touched = o.touched; o.touched = d;
            int n = size; size = o.size; o.size = n;
        }
    }

    /** Bytes of {@code [s, e)} inside the focus range (all of them without one). */
    private long clipped(long s, long e) {
        if (focus == null) {
            return e - s;
        }
        long cs = Long.compareUnsigned(s, focus.start()) < 0 ? focus.start() : s;
        long ce = umin(e, focus.end());
        return Long.compareUnsigned(cs, ce) < 0 ? ce - cs : 0;
    }

    private static long umin(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
