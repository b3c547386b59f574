package org.jdamon.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdamon.core.Attributes;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.heatmap.AddressAreas;
import org.jdamon.report.heatmap.HeatmapGrid;
import org.jdamon.report.heatmap.HeatmapViews;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.report.image.HeatmapImage;
import org.jdamon.report.image.Images;
import org.jdamon.report.image.Palette;
import org.jdamon.report.site.SiteGenerator;

/**
 * Wall time of the pictures on a one-hour record at default attributes: 36,000 snapshots of 100 ms with
 * 1,000 regions each (heap 300, mmap 650, stack 50), a hot band sweeping the mmap area. Measures the
 * heatmap PNG from a streamed record (bounded memory: the snapshots are generated on the fly), the same
 * from an in-memory {@link Recording}, and {@code report site} of that record: {@code jdamon bench heatmap}
 * (the in-memory record of the default size needs about 1.5 GiB of heap).
 */
public final class PicturesBench {
    static final long MIB = 1L << 20;

    /** Runs every measurement {@code rounds} times, printing one line each, writing images under {@code out}. */
    public static void run(int snapshots, int regions, int rounds, Path out, PrintWriter log) throws Exception {
        Files.createDirectories(out);
        log.printf("record: %d snapshots x %d regions (%.0f s of 100 ms windows)%n", snapshots, regions,
                snapshots / 10.0);
        log.flush();
        Iterable<Snapshot> stream = () -> generate(snapshots, regions);
        for (int round = 0; round < rounds; round++) {
            resetPeaks();
            long c0 = cpuMs();
            long t0 = System.nanoTime();
            List<AddressAreas.Area> areas = AddressAreas.of(stream, 0);
            AddressAreas.Area hot = AddressAreas.hottest(areas);
            int[] res = HeatmapImage.naturalResolution(HeatmapImage.DEFAULT_WIDTH, HeatmapImage.DEFAULT_HEIGHT);
            HeatmapGrid.Spec spec = new HeatmapGrid.Spec(0, 0, snapshots * 100_000_000L, hot.range().start(),
                    hot.range().end(), res[0], res[1]);
            HeatmapGrid g = HeatmapGrid.build(stream, spec, HeatmapGrid.Layout.ADDRESS);
            HeatmapViews.View v = new HeatmapViews.View("bench", spec, HeatmapGrid.Layout.ADDRESS, hot, areas);
            Images.writeHeatmap(g, v, Palette.GNUPLOT, Images.Format.PNG, HeatmapImage.DEFAULT_WIDTH,
                    HeatmapImage.DEFAULT_HEIGHT, out.resolve("stream.png"));
            log.printf("round %d: streamed heatmap PNG (generating the snapshots included): %d ms wall, %d ms CPU,"
                    + " peak heap %d MiB%n", round, (System.nanoTime() - t0) / 1_000_000, cpuMs() - c0, peakHeapMib());
            log.flush();
        }
        long g0 = System.nanoTime();
        List<Snapshot> all = new ArrayList<>(snapshots);
        for (Snapshot s : stream) {
            all.add(s);
        }
        Recording rec = new Recording(new RecordHeader(1, "bench", Attributes.DAMO_DEFAULTS, "sim",
                List.of(new TargetInfo(0, -1, "bench")), 0, Map.of("workload", "bench")), all, List.of(), List.of());
        all = null;
        log.printf("in-memory record built in %d ms%n", (System.nanoTime() - g0) / 1_000_000);
        for (int round = 0; round < rounds; round++) {
            long c0 = cpuMs();
            long t0 = System.nanoTime();
            int[] res = HeatmapImage.naturalResolution(HeatmapImage.DEFAULT_WIDTH, HeatmapImage.DEFAULT_HEIGHT);
            Images.writeHeatmaps(rec, HeatmapViews.Options.defaults(res[0], res[1]), out.resolve("heatmap.png"),
                    Palette.GNUPLOT, HeatmapImage.DEFAULT_WIDTH, HeatmapImage.DEFAULT_HEIGHT);
            log.printf("round %d: heatmap PNG of the in-memory record (report heatmap --output x.png): %d ms wall,"
                    + " %d ms CPU%n", round, (System.nanoTime() - t0) / 1_000_000, cpuMs() - c0);
            log.flush();
        }
        Path file = out.resolve("bench.jdamon");
        try (RecordWriter w = RecordWriter.create(file, rec.header())) {
            for (Snapshot s : rec.snapshots()) {
                w.writeSnapshot(s);
            }
        }
        log.printf("record file: %d MiB%n", Files.size(file) >> 20);
        for (int round = 0; round < rounds; round++) {
            long c0 = cpuMs();
            long t0 = System.nanoTime();
            Recording read = RecordFiles.read(file);
            long readMs = (System.nanoTime() - t0) / 1_000_000;
            int[] res = HeatmapImage.naturalResolution(HeatmapImage.DEFAULT_WIDTH, HeatmapImage.DEFAULT_HEIGHT);
            Images.writeHeatmaps(read, HeatmapViews.Options.defaults(res[0], res[1]), out.resolve("file.png"),
                    Palette.GNUPLOT, HeatmapImage.DEFAULT_WIDTH, HeatmapImage.DEFAULT_HEIGHT);
            read = null;
            log.printf("round %d: record file to heatmap PNG (reading %d ms): %d ms wall, %d ms CPU%n", round, readMs,
                    (System.nanoTime() - t0) / 1_000_000, cpuMs() - c0);
            log.flush();
        }
        for (int round = 0; round < rounds; round++) {
            long c0 = cpuMs();
            long t0 = System.nanoTime();
            new SiteGenerator(WorkingSetSize.DAMO_DEFAULT).generate(
                    List.of(new SiteGenerator.Entry("bench", rec, List.of())), out.resolve("site" + round));
            log.printf("round %d: report site (3 area heatmaps + sorted + 3 charts): %d ms wall, %d ms CPU"
                    + " (all threads)%n", round, (System.nanoTime() - t0) / 1_000_000, cpuMs() - c0);
            log.flush();
        }
    }

    /** Snapshots generated on the fly: region boundaries re-drawn every 50 windows, a sweeping hot band. */
    /** The synthetic record of {@link #run}: 100 ms windows starting at 0, target 0. */
    public static Iterator<Snapshot> generate(int snapshots, int regions) {
        long heap = 0x5555_0000_0000L;
        long mmap = 0x7f00_0000_0000L;
        long stack = 0x7fff_f000_0000L;
        long[][] areas = {{heap, heap + 1024 * MIB}, {mmap, mmap + 16 * 1024 * MIB}, {stack, stack + 8 * MIB}};
        int[] counts = {regions * 3 / 10, regions - regions * 3 / 10 - regions / 20, regions / 20};
        return new Iterator<>() {
            final SplittableRandom rnd = new SplittableRandom(42);
            long[] bounds;
            int k;

            @Override
            public boolean hasNext() {
                return k < snapshots;
            }

            @Override
            public Snapshot next() {
                if (k % 50 == 0) {
                    bounds = new long[regions + areas.length];
                    int b = 0;
                    for (int a = 0; a < areas.length; a++) {
                        long size = areas[a][1] - areas[a][0];
                        long[] cuts = new long[counts[a] - 1];
                        for (int i = 0; i < cuts.length; i++) {
                            cuts[i] = areas[a][0] + (rnd.nextLong(size) & ~4095L);
                        }
                        java.util.Arrays.sort(cuts);
                        bounds[b++] = areas[a][0];
                        for (long c : cuts) {
                            bounds[b++] = c;
                        }
                        bounds[b++] = areas[a][1];
                    }
                }
                long[] s = new long[regions];
                long[] e = new long[regions];
                int[] nr = new int[regions];
                int[] age = new int[regions];
                long band = mmap + (long) ((double) k / snapshots * 15 * 1024 * MIB);
                int r = 0;
                int b = 0;
                for (int a = 0; a < areas.length; a++) {
                    for (int i = 0; i < counts[a]; i++) {
                        s[r] = bounds[b];
                        e[r] = Math.max(bounds[b + 1], bounds[b] + 4096);
                        boolean hot = a == 1 && s[r] < band + 1024 * MIB && e[r] > band;
                        nr[r] = hot ? 15 + rnd.nextInt(6) : (a == 0 ? rnd.nextInt(3) : 0);
                        age[r] = k % 50;
                        r++;
                        b++;
                    }
                    b++;
                }
                long t = k * 100_000_000L;
                k++;
                return new Snapshot(t, t + 100_000_000L, List.of(new TargetSnapshot(0, s, e, nr, age)));
            }
        };
    }

    private static long cpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static long peakHeapMib() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / (1 << 20);
    }
}
