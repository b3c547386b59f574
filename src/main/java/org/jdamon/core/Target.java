package org.jdamon.core;

import java.util.List;

/**
 * One monitored address space: a process (pid), the physical address space, a simulated or replayed
 * workload. The operations set may hang its own per-target state on {@link #opsState}.
 */
public final class Target {
    private final int index;
    private final long pid;
    private final String name;
    private final Regions regions = new Regions();
    private List<AddressRange> initialRanges;
    private Object opsState;
    private boolean obsolete;

    public Target(int index, long pid, String name, List<AddressRange> initialRanges) {
        this.index = index;
        this.pid = pid;
        this.name = name;
        this.initialRanges = initialRanges == null ? List.of() : List.copyOf(initialRanges);
    }

    /** 0-based position in the context, the {@code target_id} of records and traces. */
    public int index() {
        return index;
    }

    /** Process id, or -1 when the target is not a process. */
    public long pid() {
        return pid;
    }

    public String name() {
        return name;
    }

    public Regions regions() {
        return regions;
    }

    /** User-given monitoring ranges (fvaddr, paddr); empty when the operations set finds them. */
    public List<AddressRange> initialRanges() {
        return initialRanges;
    }

    public void setInitialRanges(List<AddressRange> ranges) {
        this.initialRanges = List.copyOf(ranges);
    }

    @SuppressWarnings("unchecked")
    public <T> T opsState() {
        return (T) opsState;
    }

    public void setOpsState(Object state) {
        this.opsState = state;
    }

    public boolean obsolete() {
        return obsolete;
    }

    public void markObsolete() {
        this.obsolete = true;
    }
}
