package org.jdamon.eval;

import java.util.Locale;
import org.jdamon.core.Units;
import org.jdamon.truth.Coverage;

/**
 * A run's coverage in the few numbers {@code record} prints and {@code eval} shows: the run's
 * {@link Coverage} (distinct pages, those never monitored, accesses), the page-windows (a page touched in
 * a window, summed over windows) and those outside, and the worst window's share of pages outside.
 * The warning goes by page-windows and accesses: a page unseen for one window out of a hundred is a
 * small miss, a page never seen or a phase unseen a large one.
 */
public record CoverageSummary(Coverage total, long pageWindows, long pageWindowsOutside, double worstWindowShare) {

    /** Share (0..1) of the page-windows outside every monitored region. */
    public double pageWindowsOutsideShare() {
        return pageWindows == 0 ? 0 : (double) pageWindowsOutside / pageWindows;
    }

    /** True when the page-windows or the accesses outside exceed {@link Coverage#WARN_SHARE}. */
    public boolean poor() {
        return pageWindowsOutsideShare() > Coverage.WARN_SHARE || total.accessesOutsideShare() > Coverage.WARN_SHARE;
    }

    /** One line: what fell outside every monitored region. */
    public String text() {
        return String.format(Locale.ROOT,
                "coverage: %s of accesses and %s of touched pages per window fell outside every monitored region"
                        + " (worst window %s); %,d of %,d touched pages were never monitored",
                percent(total.accessesOutsideShare()), percent(pageWindowsOutsideShare()), percent(worstWindowShare),
                total.pagesOutside(), total.pages());
    }

    /** A one-line warning naming the option that fixes it when {@link #poor()}, else null. */
    public String warning(long updateUs) {
        if (!poor()) {
            return null;
        }
        return String.format(Locale.ROOT,
                "%s of accesses (%s of pages per window) were outside every monitored region: memory mapped after"
                        + " a ranges update is unseen until the next one (every %s); lower -u/--updr, e.g. to the"
                        + " aggregation interval",
                percent(total.accessesOutsideShare()), percent(pageWindowsOutsideShare()),
                Units.formatDurationUs(updateUs));
    }

    /** For tables: {@code accesses% / page-windows% (N of M pages never)}. */
    public String cell() {
        return String.format(Locale.ROOT, "%s / %s (%,d of %,d never)", percent(total.accessesOutsideShare()),
                percent(pageWindowsOutsideShare()), total.pagesOutside(), total.pages());
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
