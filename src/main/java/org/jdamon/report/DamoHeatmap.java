package org.jdamon.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.heatmap.HeatmapGrid;

/**
 * damo's own heatmap numbers, for the outputs users script against: {@code report heatmap --guide}
 * (per target the time span and the contiguous address areas, gaps being address ranges no snapshot
 * covers) and {@code --output raw} ({@code <time> <address> <heat>} per pixel, 500x500 by default over the
 * guide's span and its hottest area).
 *
 * <p>The pixel heat is damo's: each region adds {@code frequency x overlapped time x overlapped bytes}
 * to the pixels it touches, divided by the pixel's full area (so a half-covered pixel reads half), where
 * frequency is the region's access count, or with recorded intervals its access rate in Hz and its time
 * reaching back over its age. The arithmetic follows damo's (exact integers until the first division,
 * doubles after) so the printed values are damo's to the last digit. jdamon's terminal and image
 * heatmaps use {@link HeatmapGrid} (the mean frequency over covered bytes) instead.
 */
public final class DamoHeatmap {
    private DamoHeatmap() {}

    private static final String NO_SNAPSHOT = "the record holds no snapshot";

    /** The default {@code --resol} of damo's non-terminal outputs. */
    public static final int DEFAULT_RESOLUTION = 500;

    /** One contiguous address area of a guide and its total {@code bytes x accesses}. */
    public record Area(long start, long end, BigInteger heats) {
        double heatPerByte() {
            return heats == null ? 0 : heats.doubleValue() / (end - start);
        }
    }

    /** damo's {@code GuideInfo} of one target: time span (ns since record start) and areas. */
    public record Guide(TargetInfo target, long startNs, long endNs, List<Area> areas) {
        long totalSpace() {
            long sum = 0;
            for (Area a : areas) {
                sum += a.end() - a.start();
            }
            return sum;
        }

        /** The area with the most heat per byte (the first of equals). */
        public Area hottest() {
            Area best = areas.getFirst();
            for (Area a : areas) {
                if (a.heatPerByte() > best.heatPerByte()) {
                    best = a;
                }
            }
            return best;
        }
    }

    /** One target's guide as the snapshots pass: span, address bounds and the gaps no snapshot covers. */
    private static final class GuideState {
        final int targetId;
        long firstStartNs;
        int longestFirstAge;
        long lastEndNs;
        long lowest;
        long highest;
        List<long[]> gaps;
        List<long[]> bounds;
        BigInteger[] heats;

        GuideState(int targetId) {
            this.targetId = targetId;
        }

        void add(Snapshot s, TargetSnapshot ts) {
            if (gaps == null) {
                firstStartNs = s.startNs();
                for (int age : ts.ages()) {
                    longestFirstAge = Math.max(longestFirstAge, age);
                }
            }
            lastEndNs = s.endNs();
            long lastAddr = 0;
            List<long[]> snapGaps = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                long rs = ts.starts()[i];
                long re = ts.ends()[i];
                if (lowest == 0 || Long.compareUnsigned(rs, lowest) < 0) {
                    lowest = rs;
                }
                if (highest == 0 || Long.compareUnsigned(re, highest) > 0) {
                    highest = re;
                }
                if (lastAddr == 0) {
                    lastAddr = re;
                    continue;
                }
                if (lastAddr != rs) {
                    snapGaps.add(new long[] {lastAddr, rs});
                }
                lastAddr = re;
            }
            gaps = gaps == null || gaps.isEmpty() ? snapGaps : narrowed(gaps, snapGaps);
        }

        void bound() {
            bounds = new ArrayList<>();
            long areaStart = lowest;
            for (long[] gap : gaps) {
                bounds.add(new long[] {areaStart, gap[0]});
                areaStart = gap[1];
            }
            bounds.add(new long[] {areaStart, highest});
            heats = new BigInteger[bounds.size()];
        }

        void heat(TargetSnapshot ts) {
            for (int i = 0; i < ts.size(); i++) {
                if (ts.nrAccesses()[i] == 0) {
                    continue;
                }
                BigInteger heat = BigInteger.valueOf(ts.regionSize(i)).multiply(BigInteger.valueOf(ts.nrAccesses()[i]));
                for (int k = 0; k < bounds.size(); k++) {
                    if (Long.compareUnsigned(ts.ends()[i], bounds.get(k)[0]) < 0
                            || Long.compareUnsigned(bounds.get(k)[1], ts.starts()[i]) < 0) {
                        continue;
                    }
                    heats[k] = heats[k] == null ? heat : heats[k].add(heat);
                }
            }
        }

        Guide guide(TargetInfo target, RecordHeader h) {
            long start = firstStartNs;
            if (RecordFormat.intervalsRecorded(h)) {
                start -= longestFirstAge * h.attributes().aggrUs() * 1000;
            }
            List<Area> areas = new ArrayList<>();
            for (int k = 0; k < bounds.size(); k++) {
                areas.add(new Area(bounds.get(k)[0], bounds.get(k)[1], heats[k]));
            }
            return new Guide(target, start, lastEndNs, areas);
        }
    }

    /**
     * The guides of every target, the one spanning the most address space first (damo's order), in one
     * pass over the record, or two with {@code heats} (each area's heat, for {@link Guide#hottest()}).
     * Memory: per target its address gaps, whatever the record's length.
     */
    public static List<Guide> guides(RecordSource source, boolean heats) throws IOException {
        return guidesAndHeader(source, heats).guides();
    }

    private record Guides(List<Guide> guides, RecordHeader header) {}

    private static Guides guidesAndHeader(RecordSource source, boolean heats) throws IOException {
        Map<Integer, GuideState> states = new LinkedHashMap<>();
        RecordHeader header;
        try (RecordStream s = source.open()) {
            for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
                for (TargetInfo t : targetsOf(snap, s.header())) {
                    states.computeIfAbsent(t.id(), GuideState::new).add(snap, snap.target(t.id()));
                }
            }
            header = s.header();
        }
        states.values().forEach(GuideState::bound);
        if (heats && !states.isEmpty()) {
            try (RecordStream s = source.open()) {
                for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
                    for (TargetInfo t : targetsOf(snap, s.header())) {
                        GuideState g = states.get(t.id());
                        if (g != null) {
                            g.heat(snap.target(t.id()));
                        }
                    }
                }
            }
        }
        List<Guide> out = new ArrayList<>();
        for (TargetInfo t : header.targets()) {
            GuideState g = states.get(t.id());
            if (g != null) {
                out.add(g.guide(t, header));
            }
        }
        out.sort(Comparator.comparingLong(Guide::totalSpace).reversed());
        return new Guides(out, header);
    }

    /** The header's targets that {@code snap} holds, each once (a target's first regions in the snapshot). */
    private static List<TargetInfo> targetsOf(Snapshot snap, RecordHeader h) {
        List<TargetInfo> out = new ArrayList<>(1);
        for (TargetSnapshot ts : snap.targets()) {
            if (snap.target(ts.targetId()) != ts) {
                continue;
            }
            for (TargetInfo t : h.targets()) {
                if (t.id() == ts.targetId()) {
                    out.add(t);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * damo's {@code overlapping_regions}: each old gap narrowed by every new gap it touches (bounds
     * inclusive); an old gap no new gap touches is kept as it is.
     */
    private static List<long[]> narrowed(List<long[]> old, List<long[]> fresh) {
        List<long[]> out = new ArrayList<>();
        for (long[] r1 : old) {
            long lo = r1[0];
            long hi = r1[1];
            for (long[] r2 : fresh) {
                if (Long.compareUnsigned(hi, r2[0]) < 0 || Long.compareUnsigned(r2[1], lo) < 0) {
                    continue;
                }
                lo = Long.compareUnsigned(lo, r2[0]) >= 0 ? lo : r2[0];
                hi = Long.compareUnsigned(hi, r2[1]) <= 0 ? hi : r2[1];
            }
            out.add(new long[] {lo, hi});
        }
        return out;
    }

    /** {@code --guide}: damo's guide lines with raw numbers, times absolute; one pass over the record. */
    public static String guideText(RecordSource source) throws IOException {
        Guides guides = guidesAndHeader(source, false);
        if (guides.guides().isEmpty()) {
            throw new IllegalArgumentException(NO_SNAPSHOT);
        }
        long base = guides.header().startEpochNs();
        StringBuilder sb = new StringBuilder();
        for (Guide g : guides.guides()) {
            sb.append("target_id: ").append(g.target().damoId()).append('\n');
            sb.append("time: [").append(base + g.startNs()).append(", ").append(base + g.endNs()).append(") (")
                    .append(g.endNs() - g.startNs()).append(")\n");
            for (int k = 0; k < g.areas().size(); k++) {
                Area a = g.areas().get(k);
                sb.append(String.format("region\t%2d: [%s, %s) (%s)%n", k, Long.toUnsignedString(a.start()),
                        Long.toUnsignedString(a.end()), Long.toUnsignedString(a.end() - a.start())));
            }
        }
        return sb.toString();
    }

    /** The pixel values of one map, damo's {@code HeatMap}: {@code heat[t][a]}, NaN where nothing fell. */
    public record Pixels(long timeStart, long timeUnit, int timeResol, long addrStart, long addrUnit, int addrResol,
            double[] heat) {
        /** Adds the regions of {@code ts} (in snapshot {@code s}, after {@code last} of the target) to the pixels. */
        void add(Snapshot s, TargetSnapshot ts, Snapshot last, boolean intervals, Attributes attrs, boolean dfPassed) {
            long aggrNs = attrs.aggrUs() * 1000;
            long heatmapAddrEnd = addrStart + addrUnit * addrResol;
            long pixelArea = timeUnit * addrUnit;
            for (int i = 0; i < ts.size(); i++) {
                long rs = ts.starts()[i];
                long re = ts.ends()[i];
                if (re < addrStart || heatmapAddrEnd < rs) {
                    continue;
                }
                long observeStart = s.startNs() - (intervals ? ts.ages()[i] * aggrNs : 0);
                long rangeStart = observeStart;
                if (last != null && rangeStart < last.endNs()) {
                    rangeStart = last.endNs();
                }
                double hz = intervals ? ts.nrAccesses()[i] / (AccessReport.snapshotAggrUs(s, attrs) / 1e6) : 0;
                for (int ti = index(rangeStart - timeStart, timeUnit); ti <= index(s.endNs() - timeStart, timeUnit);
                        ti++) {
                    if (ti < 0 || ti >= timeResol) {
                        continue;
                    }
                    long pixelTime = timeStart + ti * timeUnit;
                    long accountTime = Math.min(s.endNs(), pixelTime + timeUnit) - Math.max(observeStart, pixelTime);
                    for (int ai = index(rs - addrStart, addrUnit); ai <= index(re - addrStart, addrUnit); ai++) {
                        if (ai < 0 || ai >= addrResol) {
                            continue;
                        }
                        long pixelAddr = addrStart + ai * addrUnit;
                        long accountSz = Math.min(re, pixelAddr + addrUnit) - Math.max(rs, pixelAddr);
                        int p = ti * addrResol + ai;
                        heat[p] = addHeat(heat[p], ts, i, intervals, hz, dfPassed, accountTime, accountSz, pixelArea);
                    }
                }
            }
        }

        /** damo's {@code fmt_gnuplot_str}: {@code time address heat} per pixel, relative unless absolute. */
        public void appendRaw(StringBuilder sb, boolean absTime, long timeBase, boolean absAddr) {
            for (int t = 0; t < timeResol; t++) {
                long time = timeStart + t * timeUnit;
                long shownTime = absTime ? timeBase + time : time - timeStart;
                for (int a = 0; a < addrResol; a++) {
                    long addr = addrStart + a * addrUnit;
                    double h = heat[t * addrResol + a];
                    sb.append(shownTime).append('\t').append(Long.toUnsignedString(absAddr ? addr : addr - addrStart))
                            .append('\t').append(Double.isNaN(h) ? "NaN" : pyFloat(h)).append('\n');
                }
            }
        }
    }

    /**
     * damo's {@code heatmap_from_records} for target {@code targetId} over {@code [timeStart, timeEnd)}
     * (ns since record start) and {@code [addrStart, addrEnd)}; {@code dfPassed}: only the regions'
     * filter-passed share of their frequency. One pass over the record.
     */
    public static Pixels pixels(RecordSource source, int targetId, long timeStart, long timeEnd, long addrStart,
            long addrEnd, int timeResol, int addrResol, boolean dfPassed) throws IOException {
        return pixels(source, targetId, timeStart, timeEnd, List.of(new long[] {addrStart, addrEnd}), timeResol,
                addrResol, dfPassed).getFirst();
    }

    /** {@link #pixels(RecordSource, int, long, long, long, long, int, int, boolean)} of several address ranges in one pass. */
    private static List<Pixels> pixels(RecordSource source, int targetId, long timeStart, long timeEnd,
            List<long[]> addrRanges, int timeResol, int addrResol, boolean dfPassed) throws IOException {
        long timeUnit = Math.floorDiv(timeEnd - timeStart, timeResol);
        List<Pixels> maps = new ArrayList<>();
        for (long[] a : addrRanges) {
            long addrUnit = Math.floorDiv(a[1] - a[0], addrResol);
            if (timeUnit <= 0 || addrUnit <= 0) {
                throw new IllegalArgumentException("the time or address range is smaller than the resolution");
            }
            double[] heat = new double[timeResol * addrResol];
            java.util.Arrays.fill(heat, Double.NaN);
            maps.add(new Pixels(timeStart, timeUnit, timeResol, a[0], addrUnit, addrResol, heat));
        }
        try (RecordStream stream = source.open()) {
            Snapshot last = null;
            for (Snapshot s; (s = stream.nextSnapshot()) != null; ) {
                TargetSnapshot ts = s.target(targetId);
                if (ts == null) {
                    continue;
                }
                RecordHeader h = stream.header();
                for (Pixels m : maps) {
                    m.add(s, ts, last, RecordFormat.intervalsRecorded(h), h.attributes(), dfPassed);
                }
                last = s;
            }
        }
        return maps;
    }

    /** {@code int(offset / unit)}: Python's true division, truncated toward zero. */
    private static int index(long offset, long unit) {
        return (int) ((double) offset / (double) unit);
    }

    /**
     * One region's contribution to a pixel, in damo's arithmetic: an exact integer product when the
     * frequency is a count, a double product otherwise, added to the pixel's previous sum and divided
     * by the pixel's area.
     */
    private static double addHeat(double prev, TargetSnapshot ts, int i, boolean intervals, double hz,
            boolean dfPassed, long accountTime, long accountSz, long pixelArea) {
        double added;
        if (!intervals && !dfPassed) {
            added = BigInteger.valueOf(ts.nrAccesses()[i]).multiply(BigInteger.valueOf(accountTime))
                    .multiply(BigInteger.valueOf(accountSz)).doubleValue();
        } else {
            double value = intervals ? hz : ts.nrAccesses()[i];
            if (dfPassed) {
                value = value * FilterPassed.of(ts, i) / ts.regionSize(i);
            }
            added = value * accountTime * accountSz;
        }
        double sum = Double.isNaN(prev) ? added : added + prev * pixelArea;
        return sum / pixelArea;
    }

    /**
     * What {@code --output raw} draws: a target ({@code null}: the guide's first), address ranges (empty:
     * the guide's hottest area, or every area with {@code allAreas}), a time range in ns since the record
     * start ({@code null}: the guide's), the resolution, and damo's {@code --df_passed},
     * {@code --abs_time} and {@code --abs_addr}.
     */
    public record RawOptions(Integer targetId, List<long[]> addressRanges, boolean allAreas, long[] timeRange,
            int timeResol, int addrResol, boolean dfPassed, boolean absTime, boolean absAddr) {}

    /**
     * damo's {@code report heatmap --output raw} text: one map per address range, one line per pixel.
     * Three passes over the record (the guide's areas, their heats, the pixels of every map at once);
     * memory: the guides and the pixels, whatever the record's length.
     */
    public static String rawText(RecordSource source, RawOptions o) throws IOException {
        Guides guides = guidesAndHeader(source, o.addressRanges().isEmpty() && !o.allAreas());
        if (guides.guides().isEmpty()) {
            throw new IllegalArgumentException(NO_SNAPSHOT);
        }
        Guide g = guides.guides().getFirst();
        if (o.targetId() != null) {
            g = guides.guides().stream().filter(x -> x.target().id() == o.targetId()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no target " + o.targetId()));
        }
        List<long[]> ranges = new ArrayList<>(o.addressRanges());
        if (ranges.isEmpty() && o.allAreas()) {
            g.areas().forEach(a -> ranges.add(new long[] {a.start(), a.end()}));
        } else if (ranges.isEmpty()) {
            ranges.add(new long[] {g.hottest().start(), g.hottest().end()});
        }
        long t0 = o.timeRange() != null ? o.timeRange()[0] : g.startNs();
        long t1 = o.timeRange() != null ? o.timeRange()[1] : g.endNs();
        StringBuilder sb = new StringBuilder();
        for (Pixels p : pixels(source, g.target().id(), t0, t1, ranges, o.timeResol(), o.addrResol(), o.dfPassed())) {
            p.appendRaw(sb, o.absTime(), guides.header().startEpochNs(), o.absAddr());
        }
        return sb.toString();
    }

    /** A double as Python's {@code str()} prints it: shortest digits, exponent below 1e-4 or from 1e16. */
    static String pyFloat(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
                    + Math.abs(exp);
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
