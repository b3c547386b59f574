package org.jdamon.core;

/**
 * An address-space plug-in, shaped like the kernel's {@code damon_operations} (design §1.6). The core
 * calls these from its worker loop; each address space (simulated workload, replayed trace, Linux
 * process, physical memory, the kernel's own DAMON) is one implementation in its own package.
 *
 * <p>{@link #prepareAccessChecks} and {@link #checkAccesses} run once per sampling interval over every
 * region of every target: keep them allocation-free and use {@link MonitorContext#updateAccess}.
 */
public interface Operations {
    /** Short name as in records and damo: {@code sim}, {@code trace}, {@code vaddr}, {@code paddr}, ... */
    String name();

    /** Once at start: build initial regions for targets that have none (design §4). */
    default void init(MonitorContext ctx) {}

    /** Every ops update interval: refresh target ranges, typically via {@link MonitorContext#setRegions}. */
    default void update(MonitorContext ctx) {}

    /** Start of a sampling iteration: pick each region's sampling address and clear its accessed state. */
    void prepareAccessChecks(MonitorContext ctx);

    /**
     * End of a sampling iteration: test each region's sampling address, feed the result to {@link
     * MonitorContext#updateAccess} and return the largest {@code nr_accesses} of all regions.
     */
    int checkAccesses(MonitorContext ctx);

    /** False once the target is gone (a process that exited, a workload that ended). */
    default boolean targetValid(MonitorContext ctx, Target target) {
        return true;
    }

    /**
     * A target joined the running context ({@link MonitorContext#addTarget} or a commit). Its regions are
     * already set when it came with regions or initial ranges; an operations set that finds ranges itself
     * (vaddr) or keeps per-target state sets them up here, else at its next {@link #update}.
     */
    default void targetAdded(MonitorContext ctx, Target target) {}

    /** A target left the running context ({@code ops.cleanup_target}): release what was kept for it. */
    default void targetRemoved(MonitorContext ctx, Target target) {}

    /** Once when the worker exits. */
    default void cleanup(MonitorContext ctx) {}
}
