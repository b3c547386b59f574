package org.jdamon.record.damo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.SideData;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * Reads damo's {@code perf_script} record format (also plain {@code perf script} output of DAMON's
 * {@code damon_aggregated} tracepoint) one snapshot at a time: one line per region,
 * {@code <comm> <pid> <cpu> <secs.usecs>: damon:damon_aggregated: target_id=<id> nr_regions=<n>
 * <start>-<end>: <nr_accesses> [<age>]}. A target's snapshot is complete once {@code nr_regions} region
 * lines have arrived; its end time is the event time, its start the previous snapshot's end. Other events
 * are ignored.
 *
 * <p>The first snapshot's start is its end minus the target's average snapshot duration (damo's rule), and
 * damo's fake last snapshot (one region 0-0 with -1 accesses, written after single-snapshot records) only
 * tells that duration; both need the end of the file, so a {@link #source} first scans the text once for
 * each target's snapshot count and first and last end times, then streams it as often as asked. Snapshots
 * come in the order they complete, one target each. Target ids are kept when all are small distinct
 * numbers, else numbered in order of appearance with the original kept as the name.
 */
public final class DamoPerfScript {
    private DamoPerfScript() {}

    private static final String EVENT = "damon_aggregated:";

    /** True when {@code head} (the start of a file, as text) holds a damon_aggregated event line. */
    public static boolean looksLike(String head) {
        return head.contains("damon:" + EVENT) || head.contains(" " + EVENT + " ");
    }

    /** One region line. */
    private record Line(long endNs, String id, int nrRegions, long start, long end, int nrAccesses, int age,
            boolean hasAge) {}

    /** The region line of {@code text}, null for other lines; throws IllegalArgumentException if malformed. */
    private static Line parse(String text) {
        int ev = text.indexOf(EVENT);
        if (ev < 0) {
            return null;
        }
        String[] f = text.trim().split("\\s+");
        int e = -1;
        for (int i = 1; i < f.length; i++) {
            if (f[i].equals(EVENT) || f[i].equals("damon:" + EVENT)) {
                e = i;
                break;
            }
        }
        if (e < 0) {
            return null;
        }
        try {
            if (f.length - e != 5 && f.length - e != 6) {
                throw new IllegalArgumentException();
            }
            long endNs = seconds(f[e - 1]);
            String id = value(f[e + 1], "target_id=");
            int nrRegions = Integer.parseInt(value(f[e + 2], "nr_regions="));
            String range = f[e + 3];
            int dash = range.indexOf('-');
            if (!range.endsWith(":") || dash <= 0 || nrRegions <= 0) {
                throw new IllegalArgumentException();
            }
            long start = Long.parseUnsignedLong(range.substring(0, dash));
            long end = Long.parseUnsignedLong(range.substring(dash + 1, range.length() - 1));
            int accesses = Integer.parseInt(f[e + 4]);
            boolean hasAge = f.length - e == 6;
            int age = hasAge ? Integer.parseInt(f[e + 5]) : 0;
            return new Line(endNs, id, nrRegions, start, end, accesses, age, hasAge);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException x) {
            throw new IllegalArgumentException("malformed");
        }
    }

    /** A target's snapshot being filled. */
    private static final class Pending {
        final long endNs;
        final long[] s;
        final long[] e;
        final int[] nr;
        final int[] age;
        int n;

        Pending(long endNs, int nrRegions) {
            this.endNs = endNs;
            s = new long[nrRegions];
            e = new long[nrRegions];
            nr = new int[nrRegions];
            age = new int[nrRegions];
        }

        boolean add(Line l) {
            s[n] = l.start();
            e[n] = l.end();
            nr[n] = l.nrAccesses();
            age[n] = l.age();
            return ++n == s.length;
        }

        boolean isFake() {
            return s.length == 1 && s[0] == 0 && e[0] == 0 && nr[0] == -1;
        }
    }

    /** What a scan of the whole text tells about one target. */
    private static final class Series {
        int count;
        long firstEnd;
        long lastEnd;
        long secondLastEnd;
        boolean lastIsFake;
    }

    /** Reads lines one at a time; {@link #next} hands out complete snapshots. */
    private static final class Lines implements AutoCloseable {
        private final BufferedReader in;
        private final Map<String, Pending> pending = new HashMap<>();
        private final Map<String, Long> lastEnd = new HashMap<>();
        private int lineNo;
        private int malformed;
        private int firstMalformed;
        boolean anyAge;
        String completedId;

        Lines(Path path) throws IOException {
            in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        }

        /** The next complete snapshot (its target in {@link #completedId}), or null at the end. */
        Pending next() throws IOException {
            for (String text; (text = in.readLine()) != null; ) {
                lineNo++;
                Line l;
                try {
                    l = parse(text);
                } catch (IllegalArgumentException e) {
                    if (malformed++ == 0) {
                        firstMalformed = lineNo;
                    }
                    continue;
                }
                if (l == null) {
                    continue;
                }
                anyAge |= l.hasAge();
                Pending p = pending.get(l.id());
                if (p == null) {
                    Long prev = lastEnd.get(l.id());
                    if (prev != null && prev > l.endNs()) {
                        throw new IOException("line " + lineNo + ": the trace is not time-sorted");
                    }
                    p = new Pending(l.endNs(), l.nrRegions());
                    pending.put(l.id(), p);
                }
                if (p.add(l)) {
                    pending.remove(l.id());
                    lastEnd.put(l.id(), p.endNs);
                    completedId = l.id();
                    return p;
                }
            }
            return null;
        }

        List<String> warnings() {
            List<String> w = new ArrayList<>();
            if (malformed > 0) {
                w.add("line %d: %d malformed damon_aggregated line(s); skipped".formatted(firstMalformed, malformed));
            }
            for (Map.Entry<String, Pending> e : pending.entrySet()) {
                w.add("target_id=%s: last snapshot incomplete (%d of %d regions); skipped"
                        .formatted(e.getKey(), e.getValue().n, e.getValue().s.length));
            }
            return w;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * A source over the perf script text at {@code path}: scanned once here (for the first start times,
     * the fake snapshots and the intervals), then streamed on every {@link RecordSource#open}.
     */
    public static RecordSource source(Path path) throws IOException {
        Map<String, Series> series = new LinkedHashMap<>();
        List<String> warnings;
        boolean anyAge;
        try (Lines lines = new Lines(path)) {
            for (Pending p; (p = lines.next()) != null; ) {
                Series s = series.computeIfAbsent(lines.completedId, k -> new Series());
                if (s.count++ == 0) {
                    s.firstEnd = p.endNs;
                }
                s.secondLastEnd = s.lastEnd;
                s.lastEnd = p.endNs;
                s.lastIsFake = p.isFake();
            }
            warnings = lines.warnings();
            anyAge = lines.anyAge;
        }
        if (series.isEmpty()) {
            throw new IOException("no complete damon_aggregated snapshot in the perf script text");
        }
        Plan plan = new Plan(series, warnings, anyAge);
        return () -> new Stream(path, plan);
    }

    /** What every pass over the text needs: targets, first starts, base time, attributes. */
    private static final class Plan {
        final Map<String, Integer> ids = new HashMap<>();
        final Map<String, Long> firstStart = new HashMap<>();
        final Map<String, Integer> realCount = new HashMap<>();
        final RecordHeader header;
        final List<String> warnings;

        Plan(Map<String, Series> series, List<String> warnings, boolean anyAge) {
            this.warnings = warnings;
            boolean keep = true;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (String raw : series.keySet()) {
                int v = DamoNumbers.targetIndex(raw);
                keep &= v >= 0 && seen.add(v);
            }
            List<TargetInfo> targets = new ArrayList<>();
            long base = Long.MAX_VALUE;
            long durationSum = 0;
            long snapshots = 0;
            int index = 0;
            for (Map.Entry<String, Series> e : series.entrySet()) {
                Series s = e.getValue();
                int id = keep ? DamoNumbers.targetIndex(e.getKey()) : index;
                index++;
                ids.put(e.getKey(), id);
                targets.add(new TargetInfo(id, -1, keep ? "" : "target_id=" + e.getKey(), e.getKey()));
                boolean dropFake = s.count >= 2 && s.lastIsFake;
                int n = dropFake ? s.count - 1 : s.count;
                long lastReal = dropFake ? s.secondLastEnd : s.lastEnd;
                long start;
                if (dropFake && n == 1) {
                    start = 2 * s.firstEnd - s.lastEnd; // the fake one tells the duration
                } else {
                    // damo's float arithmetic, truncated to whole ns as its '%d' prints the time
                    double avg = n >= 2 ? (double) (lastReal - s.firstEnd) / (n - 1) : 0;
                    start = (long) Math.floor(s.firstEnd - avg);
                }
                firstStart.put(e.getKey(), start);
                realCount.put(e.getKey(), n);
                base = Math.min(base, start);
                durationSum += lastReal - start;
                snapshots += n;
            }
            long aggrUs = Math.max(durationSum / Math.max(snapshots, 1) / 1000, 1);
            Attributes attrs = new Attributes(Math.min(5_000, aggrUs), aggrUs, 1_000_000, 10, 1000, null);
            Map<String, String> props = new HashMap<>();
            props.put(RecordFormat.PROP_SOURCE_FORMAT, "damo perf_script");
            props.put(RecordFormat.PROP_INTERVALS, "inferred");
            if (!anyAge) {
                props.put(RecordFormat.PROP_AGES, RecordFormat.AGES_UNRECORDED);
            }
            header = new RecordHeader(RecordFormat.VERSION, "damo", attrs, "unknown", targets, base, props);
        }
    }

    /** One pass over the text. */
    private static final class Stream implements RecordStream {
        private final Lines lines;
        private final Plan plan;
        private final Map<String, Long> previousEnd = new HashMap<>();
        private final Map<String, Integer> emitted = new HashMap<>();

        Stream(Path path, Plan plan) throws IOException {
            this.lines = new Lines(path);
            this.plan = plan;
        }

        @Override
        public RecordHeader header() {
            return plan.header;
        }

        @Override
        public Snapshot nextSnapshot() throws IOException {
            for (Pending p; (p = lines.next()) != null; ) {
                String raw = lines.completedId;
                int k = emitted.merge(raw, 1, Integer::sum);
                if (k > plan.realCount.get(raw)) {
                    continue; // damo's fake last snapshot
                }
                Long prev = previousEnd.put(raw, p.endNs);
                long start = prev != null ? prev : plan.firstStart.get(raw);
                long base = plan.header.startEpochNs();
                return new Snapshot(start - base, p.endNs - base,
                        List.of(new TargetSnapshot(plan.ids.get(raw), p.s, p.e, p.nr, p.age)));
            }
            return null;
        }

        @Override
        public List<SideData> sideData() {
            return List.of();
        }

        @Override
        public List<String> warnings() {
            return plan.warnings;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }


    /**
     * {@code 82877.315633:} to nanoseconds as damo computes them, {@code int(float(text) * 1e9)}: the
     * double product truncated, which may be a nanosecond below the decimal value.
     */
    private static long seconds(String field) {
        if (!field.endsWith(":")) {
            throw new IllegalArgumentException();
        }
        return (long) (Double.parseDouble(field.substring(0, field.length() - 1)) * 1e9);
    }

    private static String value(String field, String key) {
        if (!field.startsWith(key)) {
            throw new IllegalArgumentException();
        }
        return field.substring(key.length());
    }
}
