package org.jdamon.ops.kernel;

/**
 * Optional parts of the DAMON sysfs interface, each with the file that reveals it (relative to a kdamond
 * directory, {@code <S>}, {@code <T>}, {@code <F>}, {@code <G>} standing for the first scheme, target,
 * filter and goal) and the mainline release that added it.
 */
public enum SysfsFeature {
    TRIED_REGIONS("contexts/0/schemes/0/tried_regions", "6.2"),
    FILTERS("contexts/0/schemes/0/filters", "6.3"),
    TRIED_BYTES("contexts/0/schemes/0/tried_regions/total_bytes", "6.6"),
    APPLY_INTERVAL("contexts/0/schemes/0/apply_interval_us", "6.7"),
    QUOTA_GOALS("contexts/0/schemes/0/quotas/goals", "6.8"),
    EFFECTIVE_QUOTA("contexts/0/schemes/0/quotas/effective_bytes", "6.9"),
    TARGET_NID("contexts/0/schemes/0/target_nid", "6.11"),
    OPS_FILTER_PASSED_STAT("contexts/0/schemes/0/stats/sz_ops_filter_passed", "6.14"),
    FILTER_ALLOW("contexts/0/schemes/0/filters/0/allow", "6.14"),
    LAYERED_FILTERS("contexts/0/schemes/0/ops_filters", "6.15"),
    INTERVALS_GOAL("contexts/0/monitoring_attrs/intervals/intervals_goal", "6.15"),
    GOAL_NID("contexts/0/schemes/0/quotas/goals/0/nid", "6.16"),
    REFRESH_MS("refresh_ms", "6.17"),
    DESTS("contexts/0/schemes/0/dests", "6.17"),
    ADDR_UNIT("contexts/0/addr_unit", "6.18"),
    OBSOLETE_TARGET("contexts/0/targets/0/obsolete_target", "6.19"),
    GOAL_PATH("contexts/0/schemes/0/quotas/goals/0/path", "6.19");

    private final String probe;
    private final String since;

    SysfsFeature(String probe, String since) {
        this.probe = probe;
        this.since = since;
    }

    /** The file or directory whose presence in a kdamond directory shows the feature. */
    public String probe() {
        return probe;
    }

    /** Mainline release that first had it. */
    public String since() {
        return since;
    }

    /** The directory that must exist for the probe to tell anything (a first scheme, filter, ...). */
    String probeParent() {
        return probe.contains("/") ? probe.substring(0, probe.lastIndexOf('/')) : "";
    }

    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
