package org.jdamon.report;

import java.util.List;
import org.jdamon.core.Units;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.record.TargetSnapshot;

/**
 * What damo's {@code report access} shows about the DAMOS filters a snapshot was taken through (a
 * record's {@code scheme_filters}) and the bytes of each region that passed them
 * ({@code sz_filter_passed}): the filter line ({@code allow active}), the total and the regions that
 * passed anything, for the {@code df-pass} heatmap.
 *
 * <p>damo tells two cases apart: any filter at all adds the {@code df-passed} columns to the detailed
 * style; only filters the operations set handles (anon, active, memcg, young, hugepage_size,
 * unmapped; not addr or target) add the df-passed sections to the percentile and histogram styles.
 */
final class FilterPassed {
    private FilterPassed() {}

    /** Whether any filter is installed (damo's {@code ops_filters_installed}). */
    static boolean anyFilter(List<DamosFilter> filters) {
        return !filters.isEmpty();
    }

    /** Whether a filter the operations set applies is installed (damo's {@code has_ops_filters}). */
    static boolean opsFilters(List<DamosFilter> filters) {
        for (DamosFilter f : filters) {
            if (!f.type().isCore()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The operations-set filters, damo-style, joined by {@code ", "}; {@code n/a} when there is none.
     * Always in human numbers: damo prints the filters so even with {@code --raw_number}.
     */
    static String passType(List<DamosFilter> filters) {
        StringBuilder sb = new StringBuilder();
        for (DamosFilter f : filters) {
            if (f.type().isCore()) {
                continue;
            }
            sb.append(sb.isEmpty() ? "" : ", ").append(describe(f, false));
        }
        return sb.isEmpty() ? "n/a" : sb.toString();
    }

    /**
     * One filter as damo prints it: {@code allow|reject [none] TYPE [ARGS]}, e.g. {@code reject anon},
     * {@code allow hugepage_size [2.000 MiB, max]}, {@code allow addr [4,096, 8,192) (4.000 KiB)}.
     */
    static String describe(DamosFilter f, boolean raw) {
        StringBuilder sb = new StringBuilder(f.allow() ? "allow" : "reject");
        if (!f.matching()) {
            sb.append(" none");
        }
        sb.append(' ').append(f.type().keyword());
        switch (f.type()) {
            case MEMCG -> sb.append(' ').append(f.memcgPath());
            case ADDR -> sb.append(" [").append(Units.damoCount(f.addrStart(), raw)).append(", ")
                    .append(Units.damoCount(f.addrEnd(), raw)).append(") (")
                    .append(Units.damoSize(f.addrEnd() - f.addrStart(), raw)).append(')');
            case TARGET -> sb.append(' ').append(Units.damoCount(f.targetIdx(), raw));
            case HUGEPAGE_SIZE -> sb.append(" [").append(bound(f.minBytes(), raw)).append(", ")
                    .append(bound(f.maxBytes(), raw)).append(']');
            default -> {}
        }
        return sb.toString();
    }

    private static String bound(long bytes, boolean raw) {
        return bytes == Long.MAX_VALUE ? (raw ? Long.toUnsignedString(-1L) : "max") : Units.damoSize(bytes, raw);
    }

    /** The passed bytes of region {@code i}, 0 when the snapshot has none recorded. */
    static long of(TargetSnapshot t, int i) {
        return t.filterPassed() == null ? 0 : t.filterPassed()[i];
    }

    /** The snapshot's total filter-passed bytes as damo prints it: {@code N/A} when none were recorded. */
    static String total(TargetSnapshot t, boolean raw) {
        return t.hasFilterPassed() ? Units.damoSize(t.totalFilterPassed(), raw) : "N/A";
    }

    /** Region {@code i}'s filter-passed bytes as damo prints them ({@code N/A} when not recorded). */
    static String region(TargetSnapshot t, int i, boolean raw) {
        return t.hasFilterPassed() ? Units.damoSize(t.filterPassed()[i], raw) : "N/A";
    }

    /**
     * The regions that passed some bytes (damo's {@code df_passed_heatmap_str} input); all of them when
     * no sizes were recorded.
     */
    static TargetSnapshot passingRegions(TargetSnapshot t) {
        if (!t.hasFilterPassed()) {
            return t;
        }
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            if (of(t, i) != 0) {
                n++;
            }
        }
        long[] s = new long[n];
        long[] e = new long[n];
        int[] nr = new int[n];
        int[] age = new int[n];
        long[] passed = new long[n];
        int k = 0;
        for (int i = 0; i < t.size(); i++) {
            if (of(t, i) != 0) {
                s[k] = t.starts()[i];
                e[k] = t.ends()[i];
                nr[k] = t.nrAccesses()[i];
                age[k] = t.ages()[i];
                passed[k] = t.filterPassed()[i];
                k++;
            }
        }
        return new TargetSnapshot(t.targetId(), s, e, nr, age, passed);
    }
}
