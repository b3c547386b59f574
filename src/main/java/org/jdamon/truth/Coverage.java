package org.jdamon.truth;

/**
 * How much of what a target really touched the monitor could see: pages touched and accesses made, and
 * those of them that fell outside every monitored region (where no sampling address can ever land). Over
 * one aggregation window a page counts once; over a whole run {@code pages} is the distinct pages
 * touched and {@code pagesOutside} those never monitored (no touch of them fell inside a region).
 * Accesses are page touches (an access crossing a page boundary touches two). A simulated workload gives
 * expected counts, rounded, and its run's pages outside are those of the byte ranges ever outside.
 */
public record Coverage(long pages, long pagesOutside, long accesses, long accessesOutside) {
    public static final Coverage NONE = new Coverage(0, 0, 0, 0);

    /** Above this share of page-windows or accesses outside, {@code record} warns. */
    public static final double WARN_SHARE = 0.05;

    public Coverage {
        if (pagesOutside < 0 || pagesOutside > pages || accessesOutside < 0 || accessesOutside > accesses) {
            throw new IllegalArgumentException("impossible coverage " + pagesOutside + "/" + pages + " pages, "
                    + accessesOutside + "/" + accesses + " accesses");
        }
    }

    /** Share (0..1) of the touched pages outside every monitored region; 0 when nothing was touched. */
    public double pagesOutsideShare() {
        return pages == 0 ? 0 : (double) pagesOutside / pages;
    }

    /** Share (0..1) of the accesses outside every monitored region; 0 when there were none. */
    public double accessesOutsideShare() {
        return accesses == 0 ? 0 : (double) accessesOutside / accesses;
    }

    /** The sum of two targets' coverage. */
    public Coverage plus(Coverage o) {
        return new Coverage(pages + o.pages, pagesOutside + o.pagesOutside, accesses + o.accesses,
                accessesOutside + o.accessesOutside);
    }
}
