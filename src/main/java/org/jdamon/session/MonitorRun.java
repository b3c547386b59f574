package org.jdamon.session;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jdamon.record.capture.ContextCapture;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.SchemeEngine;
import org.jdamon.record.RecordWriter;

/**
 * One monitoring run from a {@link MonitorSource} to an optional record file: builds the context, attaches
 * the writer and any listeners, runs until the source ends, the duration passes or Ctrl-C, and always
 * closes the record so that every completed aggregation stays readable.
 */
public final class MonitorRun {
    private final MonitorSource source;
    private Attributes attributes = Attributes.DAMO_DEFAULTS;
    private long seed = 42;
    private long durationNs;
    private Path output;
    private SchemeEngine schemes = SchemeEngine.NONE;
    private final List<AggregationListener> listeners = new ArrayList<>();
    private final List<BiConsumer<MonitorContext, RecordWriter>> onBuild = new ArrayList<>();
    private final List<BiConsumer<MonitorContext, RecordWriter>> beforeClose = new ArrayList<>();
    private final Map<String, String> extraProperties = new LinkedHashMap<>();
    private PrintStream progress;

    public MonitorRun(MonitorSource source) {
        this.source = source;
    }

    public MonitorRun attributes(Attributes a) {
        this.attributes = a;
        return this;
    }

    public MonitorRun seed(long s) {
        this.seed = s;
        return this;
    }

    /** Stop after this much monitored time (virtual or wall, as the source runs); 0: until it ends. */
    public MonitorRun durationNs(long ns) {
        this.durationNs = ns;
        return this;
    }

    public MonitorRun output(Path p) {
        this.output = p;
        return this;
    }

    public MonitorRun schemes(SchemeEngine engine) {
        this.schemes = engine;
        return this;
    }

    public MonitorRun listener(AggregationListener l) {
        listeners.add(l);
        return this;
    }

    /**
     * Called with the built context and the record writer (null without an output) before the run, to
     * attach side-data writers, dashboards...
     */
    public MonitorRun onBuild(BiConsumer<MonitorContext, RecordWriter> c) {
        onBuild.add(c);
        return this;
    }

    /**
     * Called once monitoring has stopped, before the record is closed: the place to add side data that
     * is only complete at the end (profiles). The writer is null without an output.
     */
    public MonitorRun beforeClose(BiConsumer<MonitorContext, RecordWriter> c) {
        beforeClose.add(c);
        return this;
    }

    public MonitorRun property(String key, String value) {
        extraProperties.put(key, value);
        return this;
    }

    /** Prints a progress line (carriage-return redrawn) to this stream, typically stderr on a terminal. */
    public MonitorRun progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** What a finished run did. */
    public record Result(long snapshots, long monitoredNs, long recordBytes, boolean interrupted) {}

    public Result run() throws IOException {
        MonitorContext ctx = source.contextBuilder(attributes, seed, durationNs).schemes(schemes).build();
        long[] snapshots = new long[1];
        ctx.addAfterAggregation((c, s, e) -> snapshots[0]++);
        for (AggregationListener l : listeners) {
            ctx.addAfterAggregation(l);
        }
        Map<String, String> props = new LinkedHashMap<>(source.properties());
        props.putAll(extraProperties);
        props.put("seed", Long.toString(seed));
        RecordWriter writer = output == null ? null : ContextCapture.attach(ctx, output, props);
        for (BiConsumer<MonitorContext, RecordWriter> c : onBuild) {
            c.accept(ctx, writer);
        }
        ProgressLine line = progress == null ? null : new ProgressLine(progress, ctx, snapshots);
        if (line != null) {
            ctx.addAfterAggregation(line);
        }
        CountDownLatch finished = new CountDownLatch(1);
        boolean[] interrupted = new boolean[1];
        Thread hook = new Thread(() -> {
            interrupted[0] = true;
            ctx.stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "jdamon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ctx.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted[0] = true;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            try {
                try {
                    for (BiConsumer<MonitorContext, RecordWriter> c : beforeClose) {
                        c.accept(ctx, writer);
                    }
                } finally {
                    if (writer != null) {
                        writer.close();
                    }
                }
            } finally {
                try {
                    source.close();
                } finally {
                    if (line != null) {
                        line.finish();
                    }
                    finished.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: it waits for 'finished', counted down above
                    }
                }
            }
        }
        long monitored = source.clock().nowNs() - ctx.startNs();
        return new Result(snapshots[0], monitored, writer == null ? 0 : writer.bytesWritten(), interrupted[0]);
    }

    /** A single status line redrawn at most every 200 ms of wall time. */
    private static final class ProgressLine implements AggregationListener {
        private final PrintStream out;
        private final MonitorContext ctx;
        private final long[] snapshots;
        private long lastPrintMs;
        private boolean printed;

        ProgressLine(PrintStream out, MonitorContext ctx, long[] snapshots) {
            this.out = out;
            this.ctx = ctx;
            this.snapshots = snapshots;
        }

        @Override
        public void afterAggregation(MonitorContext c, long s, long e) {
            long now = System.currentTimeMillis();
            if (now - lastPrintMs < 200) {
                return;
            }
            lastPrintMs = now;
            out.printf("\rjdamon: %d snapshots, %.1f s monitored, %d regions   ",
                    snapshots[0], (e - ctx.startNs()) / 1e9, ctx.totalRegions());
            out.flush();
            printed = true;
        }

        void finish() {
            if (printed) {
                out.print("\r\033[K");
                out.flush();
            }
        }
    }
}
