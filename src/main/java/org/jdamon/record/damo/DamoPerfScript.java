package org.jdamon.record.damo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.Recording;
import org.jdamon.record.TargetSnapshot;

/**
 * Reads damo's {@code perf_script} record format (also plain {@code perf script} output of DAMON's
 * {@code damon_aggregated} tracepoint): one line per region,
 * {@code <comm> <pid> <cpu> <secs.usecs>: damon:damon_aggregated: target_id=<id> nr_regions=<n>
 * <start>-<end>: <nr_accesses> [<age>]}. A target's snapshot is complete once {@code nr_regions} region
 * lines have arrived; its end time is the event time, its start the previous snapshot's end (the first is
 * inferred from the average duration, as damo does). Other events are ignored.
 */
public final class DamoPerfScript {
    private DamoPerfScript() {}

    private static final String EVENT = "damon_aggregated:";

    /** True when {@code head} (the start of a file, as text) holds a damon_aggregated event line. */
    public static boolean looksLike(String head) {
        return head.contains("damon:" + EVENT) || head.contains(" " + EVENT + " ");
    }

    private static final class Pending {
        final String id;
        final int nrRegions;
        final long endNs;
        final long[] s;
        final long[] e;
        final int[] nr;
        final int[] age;
        int n;

        Pending(String id, int nrRegions, long endNs) {
            this.id = id;
            this.nrRegions = nrRegions;
            this.endNs = endNs;
            s = new long[nrRegions];
            e = new long[nrRegions];
            nr = new int[nrRegions];
            age = new int[nrRegions];
        }
    }

    public static Recording read(Reader in) throws IOException {
        BufferedReader r = new BufferedReader(in);
        SeriesAssembler asm = new SeriesAssembler();
        Map<String, Pending> pending = new HashMap<>();
        Map<String, Long> lastEnd = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        int lineNo = 0;
        boolean anyAge = false;
        int malformed = 0;
        int firstMalformed = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            String[] f = line.trim().split("\\s+");
            int ev = -1;
            for (int i = 1; i < f.length; i++) {
                if (f[i].endsWith(EVENT) && (f[i].equals(EVENT) || f[i].equals("damon:" + EVENT))) {
                    ev = i;
                    break;
                }
            }
            if (ev < 0) {
                continue;
            }
            try {
                if (f.length - ev != 5 && f.length - ev != 6) {
                    throw new IllegalArgumentException();
                }
                long endNs = seconds(f[ev - 1]);
                String id = value(f[ev + 1], "target_id=");
                int nrRegions = Integer.parseInt(value(f[ev + 2], "nr_regions="));
                String range = f[ev + 3];
                int dash = range.indexOf('-');
                if (!range.endsWith(":") || dash <= 0 || nrRegions <= 0) {
                    throw new IllegalArgumentException();
                }
                long start = Long.parseUnsignedLong(range.substring(0, dash));
                long end = Long.parseUnsignedLong(range.substring(dash + 1, range.length() - 1));
                int accesses = Integer.parseInt(f[ev + 4]);
                boolean hasAge = f.length - ev == 6;
                int age = hasAge ? Integer.parseInt(f[ev + 5]) : 0;
                anyAge |= hasAge;
                Pending p = pending.get(id);
                if (p == null) {
                    Long prev = lastEnd.get(id);
                    if (prev != null && prev > endNs) {
                        throw new IOException("line " + lineNo + ": the trace is not time-sorted");
                    }
                    p = new Pending(id, nrRegions, endNs);
                    pending.put(id, p);
                }
                p.s[p.n] = start;
                p.e[p.n] = end;
                p.nr[p.n] = accesses;
                p.age[p.n] = age;
                if (++p.n == p.nrRegions) {
                    asm.addWithoutStart(id, id, p.endNs, new TargetSnapshot(0, p.s, p.e, p.nr, p.age));
                    lastEnd.put(id, p.endNs);
                    pending.remove(id);
                }
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                if (malformed++ == 0) {
                    firstMalformed = lineNo;
                }
            }
        }
        if (malformed > 0) {
            warnings.add("line %d: %d malformed damon_aggregated line(s); skipped".formatted(firstMalformed, malformed));
        }
        for (Pending p : pending.values()) {
            warnings.add("target_id=%s: last snapshot incomplete (%d of %d regions); skipped"
                    .formatted(p.id, p.n, p.nrRegions));
        }
        if (asm.isEmpty()) {
            throw new IOException("no complete damon_aggregated snapshot in the perf script text");
        }
        asm.inferStartTimes();
        Map<String, String> props = new HashMap<>();
        props.put(RecordFormat.PROP_SOURCE_FORMAT, "damo perf_script");
        props.put("intervals", "inferred");
        if (!anyAge) {
            props.put(RecordFormat.PROP_AGES, RecordFormat.AGES_UNRECORDED);
        }
        return asm.build(asm.inferredAttributes(), "unknown", props, warnings, true);
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
