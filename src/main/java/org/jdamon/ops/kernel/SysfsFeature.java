package org.jdamon.ops.kernel;

/**
 * Optional parts of the DAMON sysfs interface, each with the file that reveals it (relative to a kdamond
 * directory, {@code <S>}, {@code <T>}, {@code <F>}, {@code <G>} standing for the first scheme, target,
 * filter and goal) and the mainline release that added it ({@value #MM_GIT} for files only in Andrew
 * Morton's mm tree so far).
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
    GOAL_PATH("contexts/0/schemes/0/quotas/goals/0/path", "6.19"),
    MAX_NR_SNAPSHOTS("contexts/0/schemes/0/stats/max_nr_snapshots", "7.0"),
    GOAL_TUNER("contexts/0/schemes/0/quotas/goal_tuner", "7.1"),
    PAUSE("contexts/0/pause", SysfsFeature.MM_GIT),
    FAIL_CHARGE("contexts/0/schemes/0/quotas/fail_charge_num", SysfsFeature.MM_GIT);

    /** The "release" of files not yet in any mainline kernel. */
    public static final String MM_GIT = "mm.git";

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

    /** Mainline release that first had it, or {@link #MM_GIT}. */
    public String since() {
        return since;
    }

    public boolean mainline() {
        return !since.equals(MM_GIT);
    }

    /** Where the feature comes from, for messages: {@code Linux 6.17}, or the mm tree. */
    public String origin() {
        return mainline() ? "Linux " + since : "mm.git, not yet in a mainline release";
    }

    /** The directory that must exist for the probe to tell anything (a first scheme, filter, ...). */
    String probeParent() {
        return probe.contains("/") ? probe.substring(0, probe.lastIndexOf('/')) : "";
    }

    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
