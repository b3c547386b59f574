package org.jdamon.record.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * Records a running {@link MonitorContext}: every aggregation becomes one snapshot of all targets, with
 * times relative to the start of monitoring, and attribute changes (online commits, interval auto-tuning)
 * become {@value RecordFormat#SIDE_ATTRIBUTES} side data. An I/O error stops the context and is rethrown
 * by the writer's {@code close()}.
 */
public final class ContextCapture implements AggregationListener {
    private final MonitorContext ctx;
    private final Map<String, String> properties;
    private RecordWriter writer;
    private Attributes lastAttrs;

    private ContextCapture(MonitorContext ctx, Map<String, String> properties) {
        this.ctx = ctx;
        this.properties = Map.copyOf(properties);
    }

    /**
     * Creates {@code path} now (so an unwritable path fails before monitoring starts) and records every
     * aggregation of {@code ctx} into it. The header is written at the first aggregation, when the start
     * time is known, or at close if none happened.
     */
    public static RecordWriter attach(MonitorContext ctx, Path path, Map<String, String> properties)
            throws IOException {
        ContextCapture capture = new ContextCapture(ctx, properties);
        RecordWriter w = RecordWriter.open(path, capture::header);
        w.onFailure(ctx::stop);
        capture.writer = w;
        ctx.addAfterAggregation(capture);
        return w;
    }

    private RecordHeader header() {
        List<TargetInfo> targets = new ArrayList<>();
        for (Target t : ctx.targets()) {
            targets.add(new TargetInfo(t.index(), t.pid(), t.name()));
        }
        return new RecordHeader(
                RecordFormat.VERSION,
                RecordFormat.toolVersion(),
                ctx.attributes(),
                ctx.operations().name(),
                targets,
                ctx.clock().epochOffsetNs() + ctx.startNs(),
                properties);
    }

    @Override
    public void afterAggregation(MonitorContext c, long windowStartNs, long windowEndNs) {
        synchronized (writer) {
            if (!writer.accepting()) {
                return;
            }
            try {
                long base = c.startNs();
                if (lastAttrs == null) {
                    lastAttrs = c.attributes();
                } else if (!c.attributes().equals(lastAttrs)) {
                    lastAttrs = c.attributes();
                    writer.writeSideData(RecordWriter.attributesSideData(windowEndNs - base, lastAttrs));
                }
                List<TargetSnapshot> targets = new ArrayList<>(c.targets().size());
                for (Target t : c.targets()) {
                    targets.add(TargetSnapshot.of(t.index(), t.regions()));
                }
                writer.writeSnapshot(new Snapshot(windowStartNs - base, windowEndNs - base, targets));
            } catch (IOException e) {
                writer.fail(e);
            } catch (UncheckedIOException e) {
                writer.fail(e.getCause());
            }
        }
    }
}
