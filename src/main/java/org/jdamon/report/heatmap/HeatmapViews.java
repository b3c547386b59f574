package org.jdamon.report.heatmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jdamon.core.AddressRange;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * Turns heatmap options (damo's {@code --address_range}, {@code --time_range}, {@code --draw_range},
 * {@code --sort_temperature}) and a record into the list of heatmaps to draw, each with its grid spec and a
 * human name. One place for the choice of areas, shared by the terminal, image and site reports.
 */
public final class HeatmapViews {
    private HeatmapViews() {}

    public enum DrawRange {
        HOTTEST,
        ALL
    }

    /** What the user asked for; null fields mean "the default". */
    public record Options(
            Integer targetId,
            List<AddressRange> addressRanges,
            long[] timeRangeNs,
            DrawRange drawRange,
            boolean sortTemperature,
            int timeCells,
            int addrCells) {
        public static Options defaults(int timeCells, int addrCells) {
            return new Options(null, List.of(), null, DrawRange.HOTTEST, false, timeCells, addrCells);
        }

        public Options withResolution(int time, int addr) {
            return new Options(targetId, addressRanges, timeRangeNs, drawRange, sortTemperature, time, addr);
        }

        public Options withDrawRange(DrawRange d) {
            return new Options(targetId, addressRanges, timeRangeNs, d, sortTemperature, timeCells, addrCells);
        }

        public Options withSortTemperature(boolean sort) {
            return new Options(targetId, addressRanges, timeRangeNs, drawRange, sort, timeCells, addrCells);
        }

        public Options withAddressRanges(List<AddressRange> ranges) {
            return new Options(targetId, ranges, timeRangeNs, drawRange, sortTemperature, timeCells, addrCells);
        }

        public Options withTimeRange(long[] range) {
            return new Options(targetId, addressRanges, range, drawRange, sortTemperature, timeCells, addrCells);
        }
    }

    /** One heatmap to draw; {@code area} is null for user-given ranges and temperature-sorted views. */
    public record View(String name, HeatmapGrid.Spec spec, HeatmapGrid.Layout layout, AddressAreas.Area area,
            List<AddressAreas.Area> allAreas) {}

    /** Throws {@link IllegalArgumentException} with a one-line reason when nothing can be drawn. */
    public static List<View> plan(Recording rec, Options o) {
        try {
            return plan(RecordSource.of(rec), o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Like {@link #plan(Recording, Options)} for a record read one snapshot at a time: one pass finds the
     * target's areas, the time span and the largest snapshot, so memory does not grow with the record.
     */
    public static List<View> plan(RecordSource source, Options o) throws IOException {
        try (RecordStream s = source.open()) {
            Snapshot first = s.nextSnapshot();
            if (first == null) {
                throw new IllegalArgumentException("the record has no snapshots");
            }
            int target = o.targetId() != null ? o.targetId() : firstTarget(s.header().targets(), List.of(first));
            long[] span = {first.startNs(), first.endNs()};
            long[] maxTotal = {1};
            // the first snapshot, then the rest through the stream's own iterator, noting span and size on the way
            Iterable<Snapshot> observed = () -> Stream.concat(Stream.of(first),
                            StreamSupport.stream(s.spliterator(), false))
                    .peek(n -> {
                        span[0] = Math.min(span[0], n.startNs());
                        span[1] = Math.max(span[1], n.endNs());
                        TargetSnapshot t = n.target(target);
                        if (t != null) {
                            maxTotal[0] = Math.max(maxTotal[0], t.totalBytes());
                        }
                    })
                    .iterator();
            List<AddressAreas.Area> areas;
            try {
                areas = AddressAreas.of(observed, target);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return plan(o, target, span, maxTotal[0], areas);
        }
    }

    /** Like {@link #plan(Recording, Options)} with the target's areas already computed. */
    public static List<View> plan(Recording rec, Options o, List<AddressAreas.Area> areas) {
        if (rec.snapshots().isEmpty()) {
            throw new IllegalArgumentException("the record has no snapshots");
        }
        int target = o.targetId() != null ? o.targetId() : firstTarget(rec);
        long maxTotal = 1;
        for (Snapshot s : rec.snapshots()) {
            TargetSnapshot t = s.target(target);
            if (t != null) {
                maxTotal = Math.max(maxTotal, t.totalBytes());
            }
        }
        return plan(o, target, HeatmapGrid.timeSpan(rec), maxTotal, areas);
    }

    private static List<View> plan(Options o, int target, long[] span, long maxTotal, List<AddressAreas.Area> areas) {
        long t0 = span[0];
        long t1 = span[1];
        if (o.timeRangeNs() != null) {
            if (o.timeRangeNs()[0] >= span[1] || o.timeRangeNs()[1] <= span[0]) {
                throw new IllegalArgumentException("time range [%d, %d) ns is outside the record's [%d, %d) ns"
                        .formatted(o.timeRangeNs()[0], o.timeRangeNs()[1], span[0], span[1]));
            }
            t0 = o.timeRangeNs()[0];
            t1 = Math.min(o.timeRangeNs()[1], Math.max(t1, o.timeRangeNs()[0] + 1));
        }
        if (t1 <= t0) {
            t1 = t0 + 1;
        }
        if (areas.isEmpty()) {
            throw new IllegalArgumentException("target " + target + " has no regions in the record");
        }
        List<View> views = new ArrayList<>();
        if (o.sortTemperature()) {
            views.add(new View("target " + target + " by temperature",
                    new HeatmapGrid.Spec(target, t0, t1, 0, maxTotal, o.timeCells(), o.addrCells()),
                    HeatmapGrid.Layout.TEMPERATURE, null, areas));
            return views;
        }
        if (!o.addressRanges().isEmpty()) {
            for (AddressRange r : o.addressRanges()) {
                if (areas.stream().noneMatch(a -> a.range().intersects(r.start(), r.end()))) {
                    throw new IllegalArgumentException("address range " + r + " holds no region of target "
                            + target + " (its areas: " + areas.stream().map(a -> a.range().toString()).toList() + ")");
                }
                views.add(new View("target " + target + " " + r,
                        new HeatmapGrid.Spec(target, t0, t1, r.start(), r.end(), o.timeCells(), o.addrCells()),
                        HeatmapGrid.Layout.ADDRESS, null, areas));
            }
            return views;
        }
        List<AddressAreas.Area> chosen =
                o.drawRange() == DrawRange.ALL ? areas : List.of(AddressAreas.hottest(areas));
        for (AddressAreas.Area a : chosen) {
            views.add(new View("target " + target + " " + areaName(a, areas.size()) + " " + a.range(),
                    new HeatmapGrid.Spec(target, t0, t1, a.range().start(), a.range().end(),
                            o.timeCells(), o.addrCells()),
                    HeatmapGrid.Layout.ADDRESS, a, areas));
        }
        return views;
    }

    /** "heap-like", "mmap-like", "stack-like" when a target has the three areas of a process, else "area N". */
    public static String areaName(AddressAreas.Area a, int nrAreas) {
        if (nrAreas == 3) {
            return switch (a.index()) {
                case 0 -> "heap-like";
                case 1 -> "mmap-like";
                default -> "stack-like";
            };
        }
        return "area " + a.index();
    }

    public static int firstTarget(Recording rec) {
        return firstTarget(rec.header().targets(), rec.snapshots());
    }

    private static int firstTarget(List<org.jdamon.record.TargetInfo> targets, List<Snapshot> snapshots) {
        if (!targets.isEmpty()) {
            return targets.getFirst().id();
        }
        for (Snapshot s : snapshots) {
            if (!s.targets().isEmpty()) {
                return s.targets().getFirst().targetId();
            }
        }
        return 0;
    }
}
