package org.jdamon.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.core.Units;
import org.jdamon.record.SideData;

/**
 * Takes a {@link CoverageSource}'s counts at every aggregation, keeps them per window and, given a sink,
 * writes them as {@link CoverageSideData}. {@link #summary} and {@link #warning} are what {@code record}
 * prints at the end.
 */
public final class CoverageMeter implements AggregationListener {
    private final CoverageSource source;
    private final Consumer<SideData> sink;
    private final List<CoverageSideData.Sample> samples = new ArrayList<>();
    private Coverage total = Coverage.NONE;
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
            sum = plus(sum, tot);
        }
        total = sum;
        CoverageSideData.Sample s = new CoverageSideData.Sample(windowEndNs - ctx.startNs(), targets);
        samples.add(s);
        if (sink != null) {
            sink.accept(CoverageSideData.encode(s));
        }
    }

    private static Coverage plus(Coverage a, Coverage b) {
        return new Coverage(a.pages() + b.pages(), a.pagesOutside() + b.pagesOutside(), a.accesses() + b.accesses(),
                a.accessesOutside() + b.accessesOutside());
    }

    /** Every window's coverage so far, in order. */
    public List<CoverageSideData.Sample> samples() {
        return samples;
    }

    /** All targets since the start. */
    public Coverage total() {
        return total;
    }

    /** The largest share of a window's touched pages that fell outside, over all windows and targets. */
    public double worstWindowShare() {
        return worstWindowShare;
    }

    /** One line: what the monitored regions covered of what was touched. */
    public String summary() {
        return summaryOf(total, worstWindowShare);
    }

    static String summaryOf(Coverage c, double worstWindow) {
        return String.format(Locale.ROOT,
                "coverage: %,d of %,d touched pages (%s) and %s of accesses fell outside every monitored region"
                        + " (worst window: %s of its pages)",
                c.pagesOutside(), c.pages(), percent(c.pagesOutsideShare()), percent(c.accessesOutsideShare()),
                percent(worstWindow));
    }

    /**
     * A one-line warning when more than {@link Coverage#WARN_SHARE} of the pages or accesses fell outside,
     * naming the option that fixes it; null otherwise.
     */
    public String warning() {
        return warningOf(total, updateUs);
    }

    static String warningOf(Coverage c, long updateUs) {
        if (!c.poor()) {
            return null;
        }
        return String.format(Locale.ROOT,
                "%s of the touched pages (%s of the accesses) were outside every monitored region: memory mapped"
                        + " after a ranges update is unseen until the next one (every %s); lower -u/--updr, e.g."
                        + " to the aggregation interval",
                percent(c.pagesOutsideShare()), percent(c.accessesOutsideShare()), Units.formatDurationUs(updateUs));
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
