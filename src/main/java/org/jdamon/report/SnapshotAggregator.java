package org.jdamon.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * damo's {@code adjust}: each target's snapshots, after skipping its first {@code skip}, merged into
 * windows of at least {@code intervalUs} (a window closes with the snapshot whose end is that far from
 * the window's first start; a last window left open is dropped, as damo drops it).
 *
 * <p>The merge is damo's {@code aggregate_snapshots}: the first snapshot's regions are the window's
 * regions, keeping their age and filter-passed bytes; every later snapshot adds to each of them the
 * largest access count among its regions that overlap it, and the parts of its regions that no window
 * region covers become new regions with their own counts (their filter-passed bytes scaled to the part's
 * size). damo lists the new parts after the old ones; here regions stay in address order.
 *
 * <p>Used streaming ({@link #add}) by {@code report wss --work_time}, or over a record ({@link #adjust}).
 */
public final class SnapshotAggregator {
    private final long intervalNs;
    private final int skip;
    private final Map<Integer, Window> windows = new HashMap<>();

    public SnapshotAggregator(long intervalUs, int skip) {
        if (intervalUs <= 0) {
            throw new IllegalArgumentException("aggregate interval must be positive: " + intervalUs);
        }
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative: " + skip);
        }
        this.intervalNs = intervalUs * 1000;
        this.skip = skip;
    }

    /** The regions of one window being merged, sorted by start and disjoint. */
    private static final class Window {
        int seen;
        long startNs;
        boolean open;
        final List<long[]> regions = new ArrayList<>(); // {start, end, nrAccesses, age, filterPassed}
        boolean filterPassed;
    }

    /**
     * Feeds target {@code t}'s part of snapshot {@code s}; returns the merged snapshot (holding only this
     * target) when this snapshot closes its window, else null.
     */
    public Snapshot add(Snapshot s, TargetSnapshot t) {
        Window w = windows.computeIfAbsent(t.targetId(), k -> new Window());
        if (w.seen++ < skip) {
            return null;
        }
        if (!w.open) {
            w.open = true;
            w.startNs = s.startNs();
            w.filterPassed = t.hasFilterPassed();
            for (int i = 0; i < t.size(); i++) {
                w.regions.add(new long[] {t.starts()[i], t.ends()[i], t.nrAccesses()[i], t.ages()[i],
                        FilterPassed.of(t, i)});
            }
        } else {
            merge(w, t);
        }
        if (s.endNs() - w.startNs < intervalNs) {
            return null;
        }
        Snapshot out = new Snapshot(w.startNs, s.endNs(), List.of(toSnapshot(t.targetId(), w)));
        w.open = false;
        w.regions.clear();
        return out;
    }

    private static void merge(Window w, TargetSnapshot t) {
        List<long[]> old = w.regions;
        long[] add = new long[old.size()];
        List<long[]> parts = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            long lo = t.starts()[i];
            long hi = t.ends()[i];
            long nr = t.nrAccesses()[i];
            long cursor = lo;
            for (int k = firstEndingAfter(old, lo); k < old.size() && Long.compareUnsigned(old.get(k)[0], hi) < 0; k++) {
                long[] r = old.get(k);
                add[k] = Math.max(add[k], nr);
                if (Long.compareUnsigned(cursor, r[0]) < 0) {
                    parts.add(part(t, i, cursor, r[0]));
                }
                if (Long.compareUnsigned(cursor, r[1]) < 0) {
                    cursor = r[1];
                }
            }
            if (Long.compareUnsigned(cursor, hi) < 0) {
                parts.add(part(t, i, cursor, hi));
            }
        }
        for (int k = 0; k < old.size(); k++) {
            old.get(k)[2] += add[k];
        }
        if (!parts.isEmpty()) {
            old.addAll(parts);
            old.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        }
    }

    /** The index of the first region (of sorted, disjoint ones) that ends after {@code addr}. */
    private static int firstEndingAfter(List<long[]> regions, long addr) {
        int lo = 0;
        int hi = regions.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(regions.get(mid)[1], addr) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long[] part(TargetSnapshot t, int i, long start, long end) {
        long passed = SnapshotFilter.passedShare(FilterPassed.of(t, i), t.regionSize(i), end - start);
        return new long[] {start, end, t.nrAccesses()[i], t.ages()[i], passed};
    }

    private static TargetSnapshot toSnapshot(int targetId, Window w) {
        int n = w.regions.size();
        long[] s = new long[n];
        long[] e = new long[n];
        int[] nr = new int[n];
        int[] age = new int[n];
        long[] passed = w.filterPassed ? new long[n] : null;
        for (int k = 0; k < n; k++) {
            long[] r = w.regions.get(k);
            s[k] = r[0];
            e[k] = r[1];
            nr[k] = (int) Math.min(Integer.MAX_VALUE, r[2]);
            age[k] = (int) r[3];
            if (passed != null) {
                passed[k] = r[4];
            }
        }
        return new TargetSnapshot(targetId, s, e, nr, age, passed);
    }

    /**
     * The record adjusted: per target, windows of at least {@code intervalUs} after skipping {@code skip}
     * snapshots, with the aggregation interval set to {@code intervalUs}. Each output snapshot holds one
     * target's window, in order of closing.
     */
    public static Recording adjust(Recording r, long intervalUs, int skip) {
        SnapshotAggregator agg = new SnapshotAggregator(intervalUs, skip);
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot s : r.snapshots()) {
            for (TargetSnapshot t : s.targets()) {
                Snapshot merged = agg.add(s, t);
                if (merged != null) {
                    out.add(merged);
                }
            }
        }
        RecordHeader h = r.header();
        Attributes a = h.attributes();
        Attributes attrs = new Attributes(Math.min(a.sampleUs(), intervalUs), intervalUs, a.updateUs(),
                a.minNrRegions(), a.maxNrRegions(), a.intervalsGoal());
        RecordHeader header = new RecordHeader(h.formatVersion(), h.toolVersion(), attrs, h.operations(),
                h.targets(), h.startEpochNs(), h.properties(), h.snapshotFilters());
        return new Recording(header, out, r.sideData(), r.warnings());
    }

    /** Streams {@code snapshots} through a fresh aggregator: the merged windows, in order of closing. */
    public static Iterable<Snapshot> adjusted(Iterable<Snapshot> snapshots, long intervalUs, int skip) {
        SnapshotAggregator agg = new SnapshotAggregator(intervalUs, skip);
        return () -> new Iterator<>() {
            private final Iterator<Snapshot> in = snapshots.iterator();
            private final ArrayDeque<Snapshot> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && in.hasNext()) {
                    Snapshot s = in.next();
                    for (TargetSnapshot t : s.targets()) {
                        Snapshot merged = agg.add(s, t);
                        if (merged != null) {
                            ready.add(merged);
                        }
                    }
                }
                return !ready.isEmpty();
            }

            @Override
            public Snapshot next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.removeFirst();
            }
        };
    }

}
