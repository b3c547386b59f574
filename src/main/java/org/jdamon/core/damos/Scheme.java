package org.jdamon.core.damos;

import java.util.List;

/**
 * A DAMOS scheme (design §8, sysfs {@code schemes/<S>}): which regions ({@code pattern}), what to do
 * ({@code action}), how often ({@code applyIntervalUs}, 0 meaning every aggregation interval), within
 * which budget ({@code quota}), when ({@code watermarks}), for which memory ({@code filters}, in order),
 * and where to migrate ({@code targetNid} or weighted {@code dests}). Immutable; the engine keeps the
 * runtime state.
 */
public record Scheme(
        AccessPattern pattern,
        DamosAction action,
        long applyIntervalUs,
        Quota quota,
        Watermarks watermarks,
        List<DamosFilter> filters,
        int targetNid,
        List<MigrationDest> dests,
        long maxNrSnapshots) {

    public Scheme {
        if (pattern == null || action == null) {
            throw new IllegalArgumentException("a scheme needs an access pattern and an action");
        }
        if (applyIntervalUs < 0) {
            throw new IllegalArgumentException("apply interval must not be negative");
        }
        quota = quota == null ? Quota.UNLIMITED : quota;
        watermarks = watermarks == null ? Watermarks.NONE : watermarks;
        filters = filters == null ? List.of() : List.copyOf(filters);
        dests = dests == null ? List.of() : List.copyOf(dests);
        if (maxNrSnapshots < 0) {
            throw new IllegalArgumentException("max_nr_snapshots must not be negative");
        }
    }

    /** A scheme with only a pattern and an action: no quota, watermarks, filters or destinations. */
    public static Scheme of(AccessPattern pattern, DamosAction action) {
        return new Scheme(pattern, action, 0, Quota.UNLIMITED, Watermarks.NONE, List.of(), -1, List.of(), 0);
    }

    public Scheme withQuota(Quota q) {
        return new Scheme(pattern, action, applyIntervalUs, q, watermarks, filters, targetNid, dests, maxNrSnapshots);
    }

    public Scheme withWatermarks(Watermarks w) {
        return new Scheme(pattern, action, applyIntervalUs, quota, w, filters, targetNid, dests, maxNrSnapshots);
    }

    public Scheme withFilters(List<DamosFilter> f) {
        return new Scheme(pattern, action, applyIntervalUs, quota, watermarks, f, targetNid, dests, maxNrSnapshots);
    }

    public Scheme withApplyIntervalUs(long us) {
        return new Scheme(pattern, action, us, quota, watermarks, filters, targetNid, dests, maxNrSnapshots);
    }

    public Scheme withTargetNid(int nid) {
        return new Scheme(pattern, action, applyIntervalUs, quota, watermarks, filters, nid, dests, maxNrSnapshots);
    }

    /** Core filters first, then ops filters, each in the given order (how sysfs builds a scheme). */
    public List<DamosFilter> coreFilters() {
        return filters.stream().filter(f -> f.type().isCore()).toList();
    }

    public List<DamosFilter> opsFilters() {
        return filters.stream().filter(f -> !f.type().isCore()).toList();
    }
}
