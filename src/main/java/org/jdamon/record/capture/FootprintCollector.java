package org.jdamon.record.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.ops.linux.procfs.MemInfo;
import org.jdamon.record.Footprints;
import org.jdamon.record.SideData;

/**
 * Reads live targets' footprints at every aggregation, as damo records them: {@code /proc/PID/statm}
 * (size and resident pages) and {@code /proc/meminfo} (MemTotal - MemFree). A process that has gone
 * reads as unknown (-1) rather than failing the record.
 */
public final class FootprintCollector implements AggregationListener {
    private final Consumer<SideData> sink;
    private final Path proc;
    private final long pageSize;

    public FootprintCollector(Consumer<SideData> sink) {
        this(sink, Path.of("/proc"), 4096);
    }

    FootprintCollector(Consumer<SideData> sink, Path proc, long pageSize) {
        this.sink = sink;
        this.proc = proc;
        this.pageSize = pageSize;
    }

    @Override
    public void afterAggregation(MonitorContext ctx, long windowStartNs, long windowEndNs) {
        List<Footprints.TargetFootprint> targets = new ArrayList<>();
        for (Target t : ctx.targets()) {
            if (t.pid() > 0) {
                long[] statm = statm(t.pid());
                targets.add(new Footprints.TargetFootprint(t.index(), statm[0], statm[1]));
            }
        }
        sink.accept(Footprints.encode(new Footprints.Sample(windowEndNs - ctx.startNs(), sysUsed(), targets)));
    }

    /** Virtual size and resident bytes of {@code pid}, or -1 each when it cannot be read. */
    long[] statm(long pid) {
        try {
            String[] f = Files.readString(proc.resolve(Long.toString(pid)).resolve("statm")).trim().split("\\s+");
            return new long[] {Long.parseLong(f[0]) * pageSize, Long.parseLong(f[1]) * pageSize};
        } catch (IOException | RuntimeException gone) {
            return new long[] {-1, -1};
        }
    }

    long sysUsed() {
        try {
            MemInfo m = MemInfo.parse(Files.readString(proc.resolve("meminfo")), proc.resolve("meminfo").toString());
            return m.totalBytes() - m.freeBytes();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
