package org.jdamon.record.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.DamosOperations;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.record.DamosSideData;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.SideData;

/**
 * Captures a running DAMOS engine's side data for a record: the hook that turns each aggregation's scheme
 * stats and memory state into {@link DamosSideData} chunks. It lives here, not in {@code record}, so the
 * record format does not depend on the engine.
 */
public final class DamosCapture {
    private DamosCapture() {}

    /**
     * The aggregation hook: after every aggregation window, hands the schemes' stats (when {@code engine}
     * has schemes) and the memory state (when the operations set models one) to {@code sink}, stamped
     * with the window's end relative to the run's start. Add it with {@link
     * MonitorContext#addAfterAggregation}.
     */
    public static AggregationListener listener(DamosEngine engine, Consumer<SideData> sink) {
        return (MonitorContext ctx, long windowStartNs, long windowEndNs) -> {
            long t = windowEndNs - ctx.startNs();
            if (engine != null && engine.hasSchemes()) {
                List<DamosSideData.SchemeSample> samples = new ArrayList<>(engine.schemes().size());
                for (int i = 0; i < engine.schemes().size(); i++) {
                    samples.add(new DamosSideData.SchemeSample(engine.stats(i), engine.effectiveQuota(i)));
                }
                sink.accept(DamosSideData.stats(t, samples));
            }
            if (ctx.operations() instanceof DamosOperations d) {
                MemoryState m = d.memoryState(ctx);
                if (m != null && !m.equals(MemoryState.UNKNOWN)) {
                    sink.accept(DamosSideData.memory(t, m));
                }
            }
        };
    }

    /**
     * Records a run's DAMOS side data into {@code writer} (attached to {@code ctx} before this call, so
     * the header precedes it): the configuration once, at the first aggregation, then every
     * aggregation's stats and memory state. {@code engine} may be null or empty (memory state only);
     * {@code kdamondsJson} may be null. A write error is rethrown from the worker as an
     * {@link UncheckedIOException}.
     */
    public static void attach(MonitorContext ctx, DamosEngine engine, RecordWriter writer, String kdamondsJson) {
        boolean[] configPending = {kdamondsJson != null};
        Consumer<SideData> write = d -> {
            try {
                writer.writeSideData(d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        AggregationListener data = listener(engine, write);
        ctx.addAfterAggregation((c, s, e) -> {
            if (configPending[0]) {
                configPending[0] = false;
                write.accept(DamosSideData.config(kdamondsJson));
            }
            data.afterAggregation(c, s, e);
        });
    }
}
