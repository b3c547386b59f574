package org.jdamon.core.damos;

/**
 * One DAMOS filter (design §8.8): memory "matches" when it has the property {@code type} exactly when
 * {@code matching} is true; matched memory is allowed or rejected by {@code allow}. Type arguments:
 * {@code memcgPath} (memcg), {@code addrStart/addrEnd} (addr, half-open), {@code targetIdx} (target),
 * {@code minBytes/maxBytes} (hugepage_size, closed interval); unused arguments are 0 or null.
 */
public record DamosFilter(
        FilterType type,
        boolean matching,
        boolean allow,
        String memcgPath,
        long addrStart,
        long addrEnd,
        int targetIdx,
        long minBytes,
        long maxBytes) {

    public DamosFilter {
        if (type == null) {
            throw new IllegalArgumentException("filter needs a type");
        }
        switch (type) {
            case ADDR -> {
                if (Long.compareUnsigned(addrEnd, addrStart) < 0) {
                    throw new IllegalArgumentException(
                            "addr filter: end (%d) < start (%d)".formatted(addrEnd, addrStart));
                }
            }
            case HUGEPAGE_SIZE -> {
                if (minBytes > maxBytes) {
                    throw new IllegalArgumentException(
                            "hugepage_size filter: min (%d) > max (%d)".formatted(minBytes, maxBytes));
                }
            }
            case MEMCG -> {
                if (memcgPath == null || memcgPath.isEmpty()) {
                    throw new IllegalArgumentException("memcg filter needs a memcg path");
                }
            }
            case TARGET -> {
                if (targetIdx < 0) {
                    throw new IllegalArgumentException("target filter needs a target index >= 0");
                }
            }
            default -> {}
        }
    }

    /** A filter without arguments ({@code anon, active, young, unmapped}). */
    public static DamosFilter of(FilterType type, boolean matching, boolean allow) {
        return new DamosFilter(type, matching, allow, null, 0, 0, 0, 0, 0);
    }

    public static DamosFilter addr(long start, long end, boolean matching, boolean allow) {
        return new DamosFilter(FilterType.ADDR, matching, allow, null, start, end, 0, 0, 0);
    }

    public static DamosFilter target(int idx, boolean matching, boolean allow) {
        return new DamosFilter(FilterType.TARGET, matching, allow, null, 0, 0, idx, 0, 0);
    }

    public static DamosFilter memcg(String path, boolean matching, boolean allow) {
        return new DamosFilter(FilterType.MEMCG, matching, allow, path, 0, 0, 0, 0, 0);
    }

    public static DamosFilter hugepageSize(long min, long max, boolean matching, boolean allow) {
        return new DamosFilter(FilterType.HUGEPAGE_SIZE, matching, allow, null, 0, 0, 0, min, max);
    }
}
