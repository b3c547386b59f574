package org.jdamon.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.DamosSideData;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.SideData;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.WorkingSetSize;

/**
 * What the dashboard shows, fed by one producer: a live monitor ({@link LiveFeed}) or a record replay
 * ({@link ReplayFeed}). The producer calls {@link #start}, then {@link #publish} per aggregation (and
 * {@link #publishSchemeStats} when it has schemes), then {@link #finish}. Readers (HTTP handlers) take
 * consistent copies under the lock and wait for changes with {@link #awaitChange}.
 *
 * <p>Memory is bounded: the last {@code capacity} snapshots are kept, older ones are dropped (the heatmap
 * then shows a sliding window); counters and the WSS of every snapshot seen stay exact.
 */
public final class DashboardState {
    public static final int DEFAULT_CAPACITY = 3000;

    private final int capacity;
    private final WorkingSetSize wss;
    private RecordHeader header;
    private final ArrayDeque<Snapshot> history = new ArrayDeque<>();
    private final Map<Integer, long[]> wssSeen = new java.util.TreeMap<>();
    private final Map<Integer, Integer> wssCount = new java.util.TreeMap<>();
    private List<SchemeStat> schemes = List.of();
    private long version;
    private long snapshotsTotal;
    private long monitorCpuNs = -1;
    private boolean finished;
    private String source = "";

    /** {@code wss} gives the thresholds; its warm-up exclusion applies to the percentiles, not the series. */
    public DashboardState(int capacity, WorkingSetSize wss) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.wss = wss;
    }

    public DashboardState() {
        this(DEFAULT_CAPACITY, WorkingSetSize.DAMO_DEFAULT);
    }

    public WorkingSetSize workingSetSize() {
        return wss;
    }

    public synchronized void start(RecordHeader header, String source) {
        this.header = header;
        this.source = source;
        changed();
    }

    public synchronized void publish(Snapshot s) {
        history.addLast(s);
        if (history.size() > capacity) {
            history.removeFirst();
        }
        snapshotsTotal++;
        for (TargetSnapshot t : s.targets()) {
            long w = wss.of(t);
            long[] seen = wssSeen.computeIfAbsent(t.targetId(), k -> new long[64]);
            int n = wssCount.getOrDefault(t.targetId(), 0);
            if (n == seen.length) {
                seen = Arrays.copyOf(seen, n * 2);
                wssSeen.put(t.targetId(), seen);
            }
            seen[n] = w;
            wssCount.put(t.targetId(), n + 1);
        }
        changed();
    }

    public synchronized void publishSchemeStats(List<SchemeStat> stats) {
        schemes = List.copyOf(stats);
        changed();
    }

    /**
     * Takes the DAMOS side data a monitoring run produces ({@code DamosCapture.listener(engine,
     * state::publishSideData)}): scheme stats become the dashboard's scheme table and metrics; other kinds
     * are ignored. Scheme names come from {@link #setSchemeNames}, else "scheme N".
     */
    public void publishSideData(SideData d) {
        if (!d.kind().equals(DamosSideData.STATS)) {
            return;
        }
        List<DamosSideData.SchemeSample> samples = DamosSideData.decodeStats(d);
        List<SchemeStat> stats = new ArrayList<>(samples.size());
        List<String> names = schemeNames;
        for (int i = 0; i < samples.size(); i++) {
            var s = samples.get(i).stats();
            stats.add(new SchemeStat(i < names.size() ? names.get(i) : "scheme " + i, s.nrTried(), s.szTried(),
                    s.nrApplied(), s.szApplied(), s.qtExceeds()));
        }
        publishSchemeStats(stats);
    }

    private volatile List<String> schemeNames = List.of();

    /** Names (for example the actions) of the schemes in the order their stats arrive. */
    public void setSchemeNames(List<String> names) {
        schemeNames = List.copyOf(names);
    }

    /** Cumulative CPU time of the monitor's worker thread, when the feed can measure it. */
    public synchronized void publishMonitorCpu(long cpuNs) {
        monitorCpuNs = cpuNs;
    }

    public synchronized void finish() {
        finished = true;
        changed();
    }

    private void changed() {
        version++;
        notifyAll();
    }

    /** Waits until the version differs from {@code seen} or the timeout passes; returns the version. */
    public synchronized long awaitChange(long seen, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (version == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }

    /** An immutable copy of everything a page or the metrics need. */
    public record View(
            long version,
            RecordHeader header,
            String source,
            List<Snapshot> history,
            long snapshotsTotal,
            Map<Integer, long[]> wssPerTarget,
            List<SchemeStat> schemes,
            long monitorCpuNs,
            boolean finished,
            int excludeSamples) {

        public Recording recording() {
            return new Recording(header == null ? emptyHeader() : header, history, List.of(), List.of());
        }

        public Snapshot latest() {
            return history.isEmpty() ? null : history.getLast();
        }
    }

    public synchronized View view() {
        Map<Integer, long[]> w = new java.util.TreeMap<>();
        for (Map.Entry<Integer, long[]> e : wssSeen.entrySet()) {
            w.put(e.getKey(), Arrays.copyOf(e.getValue(), wssCount.get(e.getKey())));
        }
        return new View(version, header, source, new ArrayList<>(history), snapshotsTotal, w, schemes, monitorCpuNs,
                finished, wss.excludeSamples());
    }

    static RecordHeader emptyHeader() {
        return new RecordHeader(0, "", Attributes.DAMO_DEFAULTS, "", List.of(), 0, Map.of());
    }

}
