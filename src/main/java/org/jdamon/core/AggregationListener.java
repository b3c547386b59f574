package org.jdamon.core;

/**
 * Called at every aggregation boundary just before the counters are reset (where the kernel emits
 * {@code damon_aggregated}): the regions then hold the complete window's {@code nr_accesses} and the
 * updated {@code age}. The view is valid only during the call.
 */
@FunctionalInterface
public interface AggregationListener {
    void afterAggregation(MonitorContext ctx, long windowStartNs, long windowEndNs);
}
