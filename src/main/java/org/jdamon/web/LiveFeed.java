package org.jdamon.web;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import java.util.Map;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.TargetInfo;
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

    /**
     * Starts the state with a header describing {@code ctx} (like a record's) and registers the feed on the
     * context; call before the context runs.
     */
    public static LiveFeed attach(MonitorContext ctx, DashboardState state, Map<String, String> properties,
            String source) {
        List<TargetInfo> targets = new ArrayList<>();
        for (Target t : ctx.targets()) {
            targets.add(new TargetInfo(t.index(), t.pid(), t.name()));
        }
        state.start(new RecordHeader(RecordFormat.VERSION, RecordFormat.toolVersion(), ctx.attributes(),
                ctx.operations().name(), targets, ctx.clock().epochOffsetNs(), properties), source);
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
