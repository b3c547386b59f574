package org.jdamon.core.damos;

import java.util.List;

/**
 * What the engine hands an operations set with each region to apply a scheme to: the scheme, the
 * operations-level filter chain with its default verdict, and two outputs the operations set fills —
 * bytes of pages that passed the filters ({@code sz_ops_filter_passed}) and, for simulations, the
 * modelled time the action took (otherwise the engine measures it with the context clock). One instance
 * per scheme, reused for every region: no allocation on the apply path.
 */
public final class ApplyRequest {
    private final Scheme scheme;
    private final int schemeIdx;
    private final DamosFilter[] opsFilters;
    private final boolean opsDefaultReject;
    private final boolean hasYoungFilter;
    boolean coreFiltersAllowed;
    private long szFilterPassed;
    private long modelledNs;

    ApplyRequest(Scheme scheme, int schemeIdx) {
        this.scheme = scheme;
        this.schemeIdx = schemeIdx;
        List<DamosFilter> ops = scheme.opsFilters();
        this.opsFilters = ops.toArray(new DamosFilter[0]);
        this.opsDefaultReject = opsFiltersDefaultReject(scheme);
        this.hasYoungFilter = ops.stream().anyMatch(f -> f.type() == FilterType.YOUNG);
    }

    /** {@code damos_set_filters_default_reject} for the ops stage: the last ops filter allows. */
    static boolean opsFiltersDefaultReject(Scheme s) {
        List<DamosFilter> ops = s.opsFilters();
        return !ops.isEmpty() && ops.getLast().allow();
    }

    public Scheme scheme() {
        return scheme;
    }

    public DamosAction action() {
        return scheme.action();
    }

    public int schemeIdx() {
        return schemeIdx;
    }

    public boolean hasOpsFilters() {
        return opsFilters.length != 0;
    }

    /** True when the user installed a {@code young} filter (paddr pageout then skips its own young check). */
    public boolean hasYoungFilter() {
        return hasYoungFilter;
    }

    /**
     * The newest kernel's ops-filter verdict for one page (§8.8.2): an explicit core "allow" passes
     * everything; else the first matching filter decides; memory matching none gets the opposite of the
     * last filter's verdict.
     */
    public boolean filterOut(PageProperties page) {
        if (coreFiltersAllowed) {
            return false;
        }
        for (DamosFilter f : opsFilters) {
            if (page.has(f) == f.matching()) {
                return !f.allow();
            }
        }
        return opsDefaultReject;
    }

    /** Adds bytes of pages that passed the operations-level filters. */
    public void addFilterPassed(long bytes) {
        szFilterPassed += bytes;
    }

    /** Declares how long the action took in modelled time (simulations); otherwise the clock is used. */
    public void chargeTimeNs(long ns) {
        modelledNs = ns;
    }

    long szFilterPassed() {
        return szFilterPassed;
    }

    long modelledNs() {
        return modelledNs;
    }

    void reset() {
        szFilterPassed = 0;
        modelledNs = -1;
    }
}
