package org.jdamon.core.damos;

import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.RegionsView;
import org.jdamon.core.Target;

/**
 * What an operations set provides for DAMOS (design §1.6 {@code apply_scheme}, {@code get_scheme_score}
 * and the metrics behind goals and watermarks). An {@link Operations} without it can still run schemes:
 * every action then applies 0 bytes, like an ops set without {@code apply_scheme} support.
 */
public interface DamosOperations {

    /** Whether this operations set can carry out {@code action} (the kernel rejects others at commit). */
    default boolean supportsAction(DamosAction action) {
        return true;
    }

    /** Whether operations-level filters of this type are evaluated (core types always are). */
    default boolean supportsFilter(FilterType type) {
        return false;
    }

    /** Whether {@link #readMetric} can measure this goal metric ({@code user_input} needs no support). */
    default boolean supportsMetric(GoalMetric metric) {
        return false;
    }

    /** Whether {@link #freeMemRatePermil} works, which {@code free_mem_rate} watermarks need. */
    default boolean supportsFreeMemRate() {
        return false;
    }

    /** False for an operations set without a scorer: quotas then apply in address order. */
    default boolean hasScorer() {
        return true;
    }

    /** Region {@code i}'s priority 0..99 for the scheme; the kernel's built-in hot/cold scores by default. */
    default int score(MonitorContext ctx, Target target, RegionsView regions, int i, Scheme scheme) {
        return Scores.forAction(ctx.attributes(), regions.nrAccesses(i), regions.age(i), scheme);
    }

    /**
     * Applies the request's action to {@code [start, end)} of the target, evaluating operations-level
     * filters per page with {@link ApplyRequest#filterOut}; returns the bytes the action took effect on.
     */
    long applyScheme(MonitorContext ctx, Target target, long start, long end, ApplyRequest request);

    /**
     * A goal metric's current value in its unit (bp, or cumulative µs for {@code some_mem_psi_us});
     * only called when {@link #supportsMetric} is true.
     */
    default long readMetric(MonitorContext ctx, QuotaGoal goal) {
        throw new UnsupportedOperationException("metric " + goal.metric().keyword());
    }

    /**
     * Bytes of {@code [start, end)} of the target that are backed by memory, only those on node
     * {@code nid} when it is not negative; what {@code node_eligible_mem_bp} counts. Only called when
     * {@link #supportsMetric} is true for that metric.
     */
    default long presentBytes(MonitorContext ctx, Target target, long start, long end, int nid) {
        throw new UnsupportedOperationException("metric node_eligible_mem_bp");
    }

    /** Free memory in permil of total, for {@code free_mem_rate} watermarks. */
    default long freeMemRatePermil(MonitorContext ctx) {
        throw new UnsupportedOperationException("free_mem_rate");
    }

    /** The memory state behind the targets for records; {@link MemoryState#UNKNOWN} if not modelled. */
    default MemoryState memoryState(MonitorContext ctx) {
        return MemoryState.UNKNOWN;
    }
}
