package org.jdamon.ops.kernel;

import java.util.List;
import java.util.Objects;

/**
 * The values of one {@code schemes/<S>} directory (design §9.1), in sysfs units. Unsigned 64-bit maxima
 * ({@code ULONG_MAX}) are held as {@code -1L} and written with {@link Long#toUnsignedString}.
 *
 * @param action sysfs keyword: {@code willneed cold pageout hugepage nohugepage collapse lru_prio
 *     lru_deprio migrate_hot migrate_cold stat}
 * @param targetNid {@code target_nid} for migrate actions, -1 for none
 * @param dests {@code dests/<D>/id,weight} (6.17+): weighted destination nodes of a migrate action;
 *     empty writes nothing
 * @param maxNrSnapshots {@code stats/max_nr_snapshots} (7.0+): passes after which the scheme stops
 *     applying; 0 (no limit) writes nothing
 */
public record SysfsScheme(
        String action,
        AccessPattern pattern,
        long applyIntervalUs,
        Quota quota,
        Watermarks watermarks,
        List<Filter> filters,
        int targetNid,
        List<Dest> dests,
        long maxNrSnapshots) {

    /** {@code ULONG_MAX} as held in a Java long. */
    public static final long UNBOUNDED = -1L;

    public SysfsScheme {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pattern, "pattern");
        quota = quota == null ? Quota.NONE : quota;
        watermarks = watermarks == null ? Watermarks.NONE : watermarks;
        filters = List.copyOf(filters);
        dests = dests == null ? List.of() : List.copyOf(dests);
        if (maxNrSnapshots < 0) {
            throw new IllegalArgumentException("max_nr_snapshots must not be negative, got " + maxNrSnapshots);
        }
    }

    /** Without destinations and snapshot limit (what kernels before 6.17 take). */
    public SysfsScheme(String action, AccessPattern pattern, long applyIntervalUs, Quota quota, Watermarks watermarks,
            List<Filter> filters, int targetNid) {
        this(action, pattern, applyIntervalUs, quota, watermarks, filters, targetNid, List.of(), 0);
    }

    public SysfsScheme(String action, AccessPattern pattern) {
        this(action, pattern, 0, Quota.NONE, Watermarks.NONE, List.of(), -1);
    }

    /**
     * The scheme damo installs for snapshots: action {@code stat}, a pattern matching every region,
     * applied every {@code applyIntervalUs} (0 = every aggregation interval).
     */
    public static SysfsScheme statEverything(long applyIntervalUs) {
        return new SysfsScheme(
                "stat", AccessPattern.EVERYTHING, applyIntervalUs, Quota.NONE, Watermarks.NONE, List.of(), -1);
    }

    /** {@code access_pattern/}: inclusive bounds of size (bytes), nr_accesses (samples) and age (aggregations). */
    public record AccessPattern(
            long minSz, long maxSz, long minNrAccesses, long maxNrAccesses, long minAge, long maxAge) {
        public static final AccessPattern EVERYTHING = new AccessPattern(0, UNBOUNDED, 0, UNBOUNDED, 0, UNBOUNDED);

        public AccessPattern {
            requireOrdered("sz", minSz, maxSz);
            requireOrdered("nr_accesses", minNrAccesses, maxNrAccesses);
            requireOrdered("age", minAge, maxAge);
        }

        private static void requireOrdered(String name, long min, long max) {
            if (Long.compareUnsigned(min, max) > 0) {
                throw new IllegalArgumentException("access pattern %s: min %s > max %s"
                        .formatted(name, Long.toUnsignedString(min), Long.toUnsignedString(max)));
            }
        }
    }

    /**
     * {@code quotas/}: time (ms), size (bytes), charge window (ms), prioritisation weights (permil), goals,
     * the goal tuner ({@code goal_tuner}, 7.1+: {@code consist} or {@code temporal}) and the share of a
     * failed action's bytes charged to the quota ({@code fail_charge_num/denom}, mm.git; 0/0 is the
     * kernel's default). Default tuner and charge write nothing.
     */
    public record Quota(
            long ms, long bytes, long resetIntervalMs, long szPermil, long nrAccessesPermil, long agePermil,
            List<Goal> goals, String goalTuner, long failChargeNum, long failChargeDenom) {
        public static final String DEFAULT_GOAL_TUNER = "consist";
        public static final Quota NONE = new Quota(0, 0, 0, 0, 0, 0, List.of());

        public Quota {
            goals = List.copyOf(goals);
            goalTuner = goalTuner == null ? DEFAULT_GOAL_TUNER : goalTuner;
        }

        public Quota(long ms, long bytes, long resetIntervalMs, long szPermil, long nrAccessesPermil, long agePermil,
                List<Goal> goals) {
            this(ms, bytes, resetIntervalMs, szPermil, nrAccessesPermil, agePermil, goals, DEFAULT_GOAL_TUNER, 0, 0);
        }

        public boolean defaultGoalTuner() {
            return goalTuner.equals(DEFAULT_GOAL_TUNER);
        }

        public boolean defaultFailCharge() {
            return failChargeNum == 0 && failChargeDenom == 0;
        }
    }

    /** {@code dests/<D>}: a destination node id and its weight among the scheme's destinations. */
    public record Dest(int id, long weight) {}

    /** {@code quotas/goals/<G>}: metric keyword, target and current value; {@code nid}/{@code path} where needed. */
    public record Goal(String metric, long targetValue, long currentValue, int nid, String path) {
        public Goal {
            Objects.requireNonNull(metric, "metric");
            path = path == null ? "" : path;
        }
    }

    /** {@code watermarks/}: {@code none} or {@code free_mem_rate}, check interval (us), high/mid/low (permil). */
    public record Watermarks(String metric, long intervalUs, long high, long mid, long low) {
        public static final Watermarks NONE = new Watermarks("none", 0, 0, 0, 0);
    }

    /**
     * A filter: {@code type} ({@code anon active memcg young hugepage_size unmapped addr target}),
     * {@code matching}, {@code allow} (6.14+; {@code false} is the only value older kernels know), and the
     * type's argument.
     */
    public record Filter(
            String type, boolean matching, boolean allow, String memcgPath, long addrStart, long addrEnd,
            int targetIdx, long min, long max) {
        public Filter {
            Objects.requireNonNull(type, "type");
            memcgPath = memcgPath == null ? "" : memcgPath;
        }

        /** Core-layer filters act on regions (addr, target); the rest act on folios in the ops layer. */
        public boolean coreLayer() {
            return type.equals("addr") || type.equals("target");
        }
    }
}
