package org.jdamon.workload;

import java.util.List;

/** Interim stand-in for the masim configuration model until it is merged; same shape. */
public record WorkloadPlan(String source, List<Region> regions, List<Phase> phases) {
    public record Region(String name, long size, String dataFile) {}

    public enum AccessMode { READ_ONLY, WRITE_ONLY, READ_WRITE }

    public record Pattern(int region, boolean random, long stride, long weight, AccessMode mode) {}

    public record Phase(String name, long durationMs, List<Pattern> patterns) {}
}
