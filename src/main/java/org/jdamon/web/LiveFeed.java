package org.jdamon.web;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * Feeds a {@link DashboardState} from a running {@link MonitorContext}: register it with
 * {@code ctx.addAfterAggregation(feed)} (after {@code state.start(header, ...)}); every aggregation
 * publishes a snapshot of all targets and the worker thread's CPU time. Call {@link DashboardState#finish}
 * when the monitor stops. Scheme stats come from the DAMOS side through
 * {@link DashboardState#publishSchemeStats}.
 */
public final class LiveFeed implements AggregationListener {
    private final DashboardState state;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public LiveFeed(DashboardState state) {
        this.state = state;
    }

    /** Starts the state with the header and returns the feed to register on the context. */
    public static LiveFeed attach(MonitorContext ctx, DashboardState state, RecordHeader header, String source) {
        state.start(header, source);
        LiveFeed feed = new LiveFeed(state);
        ctx.addAfterAggregation(feed);
        return feed;
    }

    @Override
    public void afterAggregation(MonitorContext ctx, long windowStartNs, long windowEndNs) {
        List<TargetSnapshot> ts = new ArrayList<>(ctx.targets().size());
        for (Target t : ctx.targets()) {
            ts.add(TargetSnapshot.of(t.index(), t.regions()));
        }
        long base = ctx.startNs();
        state.publish(new Snapshot(windowStartNs - base, windowEndNs - base, ts));
        if (threads.isCurrentThreadCpuTimeSupported()) {
            state.publishMonitorCpu(threads.getCurrentThreadCpuTime());
        }
    }
}
