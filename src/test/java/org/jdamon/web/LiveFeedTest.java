package org.jdamon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.session.MonitorRun;
import org.jdamon.session.SimSource;
import org.junit.jupiter.api.Test;

/** The dashboard fed by a running monitor (a simulated workload on virtual time). */
class LiveFeedTest {
    @Test
    void everyAggregationOfALiveMonitorReachesTheDashboard() throws Exception {
        DashboardState state = new DashboardState(50, WorkingSetSize.DAMO_DEFAULT);
        SimSource source = SimSource.load("demo", 0);
        MonitorRun.Result r = new MonitorRun(source)
                .attributes(Attributes.DAMO_DEFAULTS)
                .seed(7)
                .durationNs(3_000_000_000L)
                .onBuild(ctx -> LiveFeed.attach(ctx, state, Map.of("workload", "demo"), "test"))
                .run();
        state.finish();
        DashboardState.View v = state.view();
        // The run's own count of aggregations; 3 s of 100 ms windows is about 30 of them.
        assertThat(r.snapshots()).isBetween(29L, 31L);
        assertThat(v.snapshotsTotal()).isEqualTo(r.snapshots());
        assertThat(v.history()).hasSize((int) Math.min(50, r.snapshots()));
        assertThat(v.header().attributes()).isEqualTo(Attributes.DAMO_DEFAULTS);
        assertThat(v.header().properties()).containsEntry("workload", "demo");
        assertThat(v.monitorCpuNs()).isPositive();
        // Windows are consecutive aggregation intervals since the monitor's start.
        Snapshot first = v.history().getFirst();
        Snapshot last = v.latest();
        assertThat(last.endNs() - first.startNs()).isEqualTo(r.snapshots() * 100_000_000L);
        // The per-snapshot WSS the metrics use is the WSS of each snapshot's regions.
        long[] wss = v.wssPerTarget().get(0);
        assertThat(wss).hasSize((int) r.snapshots());
        TargetSnapshot t = last.target(0);
        long expected = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.nrAccesses()[i] >= 1) {
                expected += t.regionSize(i);
            }
        }
        assertThat(wss[wss.length - 1]).isEqualTo(expected);
        assertThat(v.finished()).isTrue();
    }

    @Test
    void historyIsBoundedButCountsStayExact() {
        DashboardState state = new DashboardState(3, WorkingSetSize.DAMO_DEFAULT);
        state.start(DashboardState.emptyHeader(), "test");
        for (int i = 0; i < 10; i++) {
            state.publish(new Snapshot(i * 100L, (i + 1) * 100L, java.util.List.of(
                    new TargetSnapshot(0, new long[] {0}, new long[] {4096}, new int[] {i % 2}, new int[] {0}))));
        }
        DashboardState.View v = state.view();
        assertThat(v.history()).hasSize(3);
        assertThat(v.history().getFirst().startNs()).isEqualTo(700);
        assertThat(v.snapshotsTotal()).isEqualTo(10);
        // WSS alternates 0, 4096 (odd i accessed): all 10 kept for the percentiles.
        assertThat(v.wssPerTarget().get(0)).containsExactly(0, 4096, 0, 4096, 0, 4096, 0, 4096, 0, 4096);
    }
}
