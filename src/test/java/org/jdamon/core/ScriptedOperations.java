package org.jdamon.core;

import java.util.List;
import java.util.function.LongPredicate;

/**
 * Test operations set: fixed initial ranges, and an access oracle deciding per sampling address whether
 * it was accessed. Follows the ops contract: prepare picks a random address per region, check feeds
 * the oracle's answer to {@link MonitorContext#updateAccess}.
 */
public final class ScriptedOperations implements Operations {
    private final List<AddressRange> ranges;
    LongPredicate accessed;
    int updates;
    int cleanups;
    final java.util.List<Target> added = new java.util.ArrayList<>();
    final java.util.List<Target> removed = new java.util.ArrayList<>();

    public ScriptedOperations(List<AddressRange> ranges, LongPredicate accessed) {
        this.ranges = ranges;
        this.accessed = accessed;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void init(MonitorContext ctx) {
        for (Target t : ctx.targets()) {
            if (t.regions().size() == 0) {
                ctx.setRegions(t, ranges);
            }
        }
    }

    @Override
    public void update(MonitorContext ctx) {
        updates++;
    }

    @Override
    public void targetAdded(MonitorContext ctx, Target target) {
        added.add(target);
    }

    @Override
    public void targetRemoved(MonitorContext ctx, Target target) {
        removed.add(target);
    }

    @Override
    public void cleanup(MonitorContext ctx) {
        cleanups++;
    }

    @Override
    public void prepareAccessChecks(MonitorContext ctx) {
        for (Target t : ctx.targets()) {
            Regions r = t.regions();
            for (int i = 0; i < r.size(); i++) {
                r.setSamplingAddr(i, ctx.randomAddress(r.start(i), r.end(i)));
            }
        }
    }

    @Override
    public int checkAccesses(MonitorContext ctx) {
        int max = 0;
        for (Target t : ctx.targets()) {
            Regions r = t.regions();
            for (int i = 0; i < r.size(); i++) {
                max = Math.max(max, ctx.updateAccess(r, i, accessed.test(r.samplingAddr(i))));
            }
        }
        return max;
    }
}
