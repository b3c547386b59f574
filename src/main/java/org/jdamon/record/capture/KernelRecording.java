package org.jdamon.record.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jdamon.core.damos.SchemeStats;
import org.jdamon.ops.kernel.KdamondSpec;
import org.jdamon.ops.kernel.SysfsDamon;
import org.jdamon.record.DamosSideData;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordWriter;

/**
 * A whole {@code record --kernel} run: starts a kdamond (with the snapshot scheme), writes a jdamon
 * record file of its snapshots, adds the user schemes' stats as {@code damos.stats} side data at the end,
 * and stops the kdamond. The record stays readable up to the last snapshot if the run is interrupted.
 */
public final class KernelRecording {
    private KernelRecording() {}

    /** How it went: snapshots written, wall time recorded, file size, whether the targets exited. */
    public record Result(long snapshots, long recordedNs, long recordBytes, boolean targetsExited) {}

    /**
     * Records until {@code durationNs} has passed (0: until {@code stop} or the targets exit), taking a
     * snapshot every {@code intervalMs} (0: every aggregation interval).
     */
    public static Result record(SysfsDamon sysfs, KdamondSpec spec, Path output, long durationNs, long intervalMs,
            Map<String, String> properties, String toolVersion, boolean replaceStopped, BooleanSupplier stop)
            throws IOException {
        long interval = intervalMs > 0 ? intervalMs : Math.max(1, spec.context().attributes().aggrUs() / 1000);
        int userSchemes = spec.context().schemes().size();
        long t0 = System.nanoTime();
        try (KernelRecorder rec = KernelRecorder.start(sysfs, spec, replaceStopped);
                RecordWriter w = RecordWriter.create(output, rec.header(RecordFormat.VERSION, toolVersion, properties))) {
            IOException[] failure = {null};
            long n = rec.run(interval, () -> stop.getAsBoolean() || failure[0] != null
                    || (durationNs > 0 && System.nanoTime() - t0 >= durationNs), s -> {
                        try {
                            w.writeSnapshot(s);
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    });
            if (failure[0] != null) {
                throw failure[0];
            }
            boolean exited = !rec.running();
            long elapsed = System.nanoTime() - t0;
            if (!exited && userSchemes > 0) {
                List<DamosSideData.SchemeSample> samples = new ArrayList<>();
                for (int i = 0; i < userSchemes; i++) {
                    SchemeStats st = rec.schemeStats(i);
                    // counters this kernel lacks read as -1; side data has no "absent", so they become 0
                    samples.add(new DamosSideData.SchemeSample(new SchemeStats(st.nrTried(), st.szTried(),
                            st.nrApplied(), st.szApplied(), Math.max(0, st.szOpsFilterPassed()), st.qtExceeds(),
                            Math.max(0, st.nrSnapshots())), 0));
                }
                w.writeSideData(DamosSideData.stats(elapsed, samples));
            }
            w.close();
            return new Result(n, elapsed, w.bytesWritten(), exited);
        }
    }
}
