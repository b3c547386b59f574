package org.jdamon.core.damos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;

/**
 * A test operations set: no sampling of its own, every apply call logged, page properties given as
 * address predicates, and metrics given as functions of the context. Pages are 4 KiB; an action applies
 * to every page that passes the ops filters (stat applies to none).
 */
class FakeDamosOps implements Operations, DamosOperations {
    static final long PAGE = 4096;

    record Call(int schemeIdx, DamosAction action, int targetIdx, long start, long end, long applied) {}

    final List<Call> calls = new ArrayList<>();
    LongPredicate anon = a -> false;
    LongPredicate young = a -> false;
    ToLongFunction<MonitorContext> freeMemRate = c -> 0;
    final Map<GoalMetric, ToLongFunction<MonitorContext>> metrics = new EnumMap<>(GoalMetric.class);
    long nsPerPage = -1;
    /** Virtual time each apply call takes on the context's clock (a {@code VirtualClock}), whatever it declares. */
    long clockNsPerApply;
    boolean scorer = true;
    final java.util.Set<Integer> invalid = new java.util.HashSet<>();
    final java.util.Set<FilterType> filterTypes = java.util.EnumSet.of(FilterType.ANON, FilterType.YOUNG);

    @Override
    public boolean targetValid(MonitorContext ctx, Target target) {
        return !invalid.contains(target.index());
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void prepareAccessChecks(MonitorContext ctx) {}

    @Override
    public int checkAccesses(MonitorContext ctx) {
        return 0;
    }

    @Override
    public boolean supportsFilter(FilterType type) {
        return filterTypes.contains(type);
    }

    @Override
    public boolean supportsMetric(GoalMetric metric) {
        return metrics.containsKey(metric);
    }

    @Override
    public boolean supportsFreeMemRate() {
        return true;
    }

    @Override
    public boolean hasScorer() {
        return scorer;
    }

    @Override
    public long applyScheme(MonitorContext ctx, Target target, long start, long end, ApplyRequest req) {
        long passed = 0;
        for (long a = start; a < end; a += PAGE) {
            long addr = a;
            boolean out = req.filterOut(f -> switch (f.type()) {
                case ANON -> anon.test(addr);
                case YOUNG -> young.test(addr);
                default -> false;
            });
            if (!out) {
                passed += PAGE;
            }
        }
        req.addFilterPassed(passed);
        if (nsPerPage >= 0) {
            req.chargeTimeNs((end - start) / PAGE * nsPerPage);
        }
        if (clockNsPerApply != 0) {
            ((org.jdamon.core.VirtualClock) ctx.clock()).advanceNs(clockNsPerApply);
        }
        long applied = req.action() == DamosAction.STAT ? 0 : passed;
        calls.add(new Call(req.schemeIdx(), req.action(), target.index(), start, end, applied));
        return applied;
    }

    @Override
    public long readMetric(MonitorContext ctx, QuotaGoal goal) {
        return metrics.get(goal.metric()).applyAsLong(ctx);
    }

    /** The NUMA node of each page, for node_eligible_mem_bp; every page is present. */
    java.util.function.LongToIntFunction nodeOf = a -> 0;

    @Override
    public long presentBytes(MonitorContext ctx, Target target, long start, long end, int nid) {
        long sum = 0;
        for (long a = start; a < end; a += PAGE) {
            if (nid < 0 || nodeOf.applyAsInt(a) == nid) {
                sum += Math.min(PAGE, end - a);
            }
        }
        return sum;
    }

    @Override
    public long freeMemRatePermil(MonitorContext ctx) {
        return freeMemRate.applyAsLong(ctx);
    }
}
