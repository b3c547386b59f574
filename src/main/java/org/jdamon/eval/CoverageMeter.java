package org.jdamon.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.record.SideData;
import org.jdamon.truth.Coverage;
import org.jdamon.truth.CoverageSource;

/**
 * Takes a {@link CoverageSource}'s counts at every aggregation, keeps them per window and, given a sink,
 * writes them as {@link CoverageSideData}. {@link #summary} and {@link #warning} are what {@code record}
 * prints at the end, and what {@code eval} shows.
 */
public final class CoverageMeter implements AggregationListener {
    private final CoverageSource source;
    private final Consumer<SideData> sink;
    private final List<CoverageSideData.Sample> samples = new ArrayList<>();
    private Coverage total = Coverage.NONE;
    private long pageWindows;
    private long pageWindowsOutside;
    private double worstWindowShare;
    private long updateUs;

    /** A meter that writes each window to {@code sink} (null: keep in memory only). */
    public CoverageMeter(CoverageSource source, Consumer<SideData> sink) {
        this.source = source;
        this.sink = sink;
    }

    /** Registers a meter on {@code ctx}; null when its operations set does not see every access. */
    public static CoverageMeter attach(MonitorContext ctx, Operations operations, Consumer<SideData> sink) {
        if (!(operations instanceof CoverageSource s)) {
            return null;
        }
        CoverageMeter m = new CoverageMeter(s, sink);
        ctx.addAfterAggregation(m);
        return m;
    }

    @Override
    public void afterAggregation(MonitorContext ctx, long windowStartNs, long windowEndNs) {
        updateUs = ctx.attributes().updateUs();
        List<CoverageSideData.TargetCoverage> targets = new ArrayList<>(ctx.targets().size());
        Coverage sum = Coverage.NONE;
        for (Target t : ctx.targets()) {
            Coverage w = source.drainCoverage(t.index());
            Coverage tot = source.totalCoverage(t.index());
            targets.add(new CoverageSideData.TargetCoverage(t.index(), w, tot));
            worstWindowShare = Math.max(worstWindowShare, w.pagesOutsideShare());
            pageWindows += w.pages();
            pageWindowsOutside += w.pagesOutside();
            sum = sum.plus(tot);
        }
        total = sum;
        CoverageSideData.Sample s = new CoverageSideData.Sample(windowEndNs - ctx.startNs(), targets);
        samples.add(s);
        if (sink != null) {
            sink.accept(CoverageSideData.encode(s));
        }
    }

    /** Every window's coverage so far, in order. */
    public List<CoverageSideData.Sample> samples() {
        return samples;
    }

    /** All targets since the start. */
    public Coverage total() {
        return total;
    }

    /** The run so far: totals, page-windows, worst window. */
    public CoverageSummary summary() {
        return new CoverageSummary(total, pageWindows, pageWindowsOutside, worstWindowShare);
    }

    /** The warning {@link CoverageSummary#warning} gives for this run's update interval, or null. */
    public String warning() {
        return summary().warning(updateUs);
    }
}
