package org.jdamon.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;

/**
 * Writes a jdamon record file incrementally: the preamble and header first, then one chunk per snapshot
 * or side-data item, each flushed to the operating system as soon as it is complete. A process that dies
 * (crash, Ctrl-C, kill) therefore leaves a file whose every completed aggregation is readable; {@link
 * #close()} adds the end marker that tells readers the record is complete.
 *
 * <p>{@link #attach} records a running {@link MonitorContext}: every aggregation becomes one snapshot of
 * all targets, with times relative to the start of monitoring, and attribute changes (online commits,
 * interval auto-tuning) become {@value RecordFormat#SIDE_ATTRIBUTES} side data.
 */
public final class RecordWriter implements AutoCloseable {
    private final Path path;
    private final OutputStream out;
    private final ChunkEncoder payload = new ChunkEncoder();
    private final byte[] frame = new byte[5];
    private final byte[] crcBytes = new byte[4];
    private final CRC32C crc = new CRC32C();
    private boolean headerWritten;
    private boolean closed;
    private long bytesWritten;
    private long nrSnapshots;
    private long nrSideData;
    private IOException failure;
    private ContextRecorder contextRecorder;

    private RecordWriter(Path path) throws IOException {
        this.path = path;
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        out.write(RecordFormat.MAGIC);
        out.write(RecordFormat.VERSION >>> 8);
        out.write(RecordFormat.VERSION & 0xFF);
        bytesWritten = RecordFormat.PREAMBLE_BYTES;
        out.flush();
    }

    /** Creates (or truncates) {@code path} and writes the preamble and {@code header}. */
    public static RecordWriter create(Path path, RecordHeader header) throws IOException {
        RecordWriter w = new RecordWriter(path);
        w.writeHeader(header);
        return w;
    }

    /**
     * Creates {@code path} now (so an unwritable path fails before monitoring starts) and records every
     * aggregation of {@code ctx}. The header is written at the first aggregation, when the start time is
     * known, or at {@link #close()} if none happened. An I/O error stops the context and is rethrown by
     * {@link #close()}.
     */
    public static RecordWriter attach(MonitorContext ctx, Path path, Map<String, String> properties)
            throws IOException {
        RecordWriter w = new RecordWriter(path);
        ContextRecorder recorder = w.new ContextRecorder(ctx, properties);
        ctx.addAfterAggregation(recorder);
        w.contextRecorder = recorder;
        return w;
    }

    public Path path() {
        return path;
    }

    public synchronized void writeHeader(RecordHeader header) throws IOException {
        if (headerWritten) {
            throw new IllegalStateException("header already written");
        }
        payload.reset();
        ChunkCodec.encodeHeader(payload, header);
        writeChunk(RecordFormat.KIND_HEADER);
        headerWritten = true;
    }

    public synchronized void writeSnapshot(Snapshot s) throws IOException {
        requireHeader();
        payload.reset();
        ChunkCodec.encodeSnapshot(payload, s);
        writeChunk(RecordFormat.KIND_SNAPSHOT);
        nrSnapshots++;
    }

    public synchronized void writeSideData(SideData sd) throws IOException {
        requireHeader();
        payload.reset();
        ChunkCodec.encodeSideData(payload, sd);
        writeChunk(RecordFormat.KIND_SIDE_DATA);
        nrSideData++;
    }

    /** Writes the end marker and closes the file; rethrows an I/O error met while attached. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                if (!headerWritten && contextRecorder != null) {
                    writeHeader(contextRecorder.header(0));
                }
                if (headerWritten) {
                    payload.reset();
                    ChunkCodec.encodeEnd(payload, nrSnapshots, nrSideData);
                    writeChunk(RecordFormat.KIND_END);
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e; // flushing the last bytes failed; after an earlier failure that is expected
                }
            }
        }
        if (failure != null) {
            throw new RecordWriteException(path, failure);
        }
    }

    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    public synchronized long snapshotsWritten() {
        return nrSnapshots;
    }

    private void requireHeader() throws IOException {
        if (headerWritten) {
            return;
        }
        if (contextRecorder == null) {
            throw new IllegalStateException("write the header first");
        }
        writeHeader(contextRecorder.header(contextRecorder.ctx.startNs()));
    }

    /**
     * Side data for the attached context from listeners that cannot throw (for example {@code
     * DamosCapture.listener(engine, writer.sideDataSink())}): an I/O error stops the context and is
     * rethrown by {@link #close()}, like the writer's own. Works whatever the order of the listeners.
     */
    public Consumer<SideData> sideDataSink() {
        return sd -> {
            synchronized (this) {
                if (failure != null || closed) {
                    return;
                }
                try {
                    writeSideData(sd);
                } catch (IOException e) {
                    failure = e;
                    if (contextRecorder != null) {
                        contextRecorder.ctx.stop();
                    }
                }
            }
        };
    }

    private void writeChunk(int kind) throws IOException {
        if (closed) {
            throw new IOException(path + ": record already closed");
        }
        int len = payload.length();
        frame[0] = (byte) kind;
        frame[1] = (byte) (len >>> 24);
        frame[2] = (byte) (len >>> 16);
        frame[3] = (byte) (len >>> 8);
        frame[4] = (byte) len;
        crc.reset();
        crc.update(frame, 0, 5);
        crc.update(payload.array(), 0, len);
        int c = (int) crc.getValue();
        crcBytes[0] = (byte) (c >>> 24);
        crcBytes[1] = (byte) (c >>> 16);
        crcBytes[2] = (byte) (c >>> 8);
        crcBytes[3] = (byte) c;
        out.write(frame);
        out.write(payload.array(), 0, len);
        out.write(crcBytes);
        out.flush();
        bytesWritten += RecordFormat.CHUNK_OVERHEAD + len;
    }

    /** Turns aggregations of one context into snapshots and attribute side data. */
    private final class ContextRecorder implements AggregationListener {
        private final MonitorContext ctx;
        private final Map<String, String> properties;
        private Attributes lastAttrs;

        ContextRecorder(MonitorContext ctx, Map<String, String> properties) {
            this.ctx = ctx;
            this.properties = Map.copyOf(properties);
        }

        RecordHeader header(long startNs) {
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
                    ctx.clock().epochOffsetNs() + startNs,
                    properties);
        }

        @Override
        public void afterAggregation(MonitorContext c, long windowStartNs, long windowEndNs) {
            synchronized (RecordWriter.this) {
                if (failure != null || closed) {
                    return;
                }
                try {
                    long base = c.startNs();
                    if (lastAttrs == null) {
                        requireHeader();
                        lastAttrs = c.attributes();
                    }
                    if (!c.attributes().equals(lastAttrs)) {
                        lastAttrs = c.attributes();
                        ChunkEncoder e = new ChunkEncoder();
                        ChunkCodec.encodeAttributes(e, lastAttrs);
                        byte[] p = Arrays.copyOf(e.array(), e.length());
                        writeSideData(new SideData(RecordFormat.SIDE_ATTRIBUTES, windowEndNs - base, p));
                    }
                    List<TargetSnapshot> targets = new ArrayList<>(c.targets().size());
                    for (Target t : c.targets()) {
                        targets.add(TargetSnapshot.of(t.index(), t.regions()));
                    }
                    writeSnapshot(new Snapshot(windowStartNs - base, windowEndNs - base, targets));
                } catch (IOException e) {
                    failure = e;
                    c.stop();
                } catch (UncheckedIOException e) {
                    failure = e.getCause();
                    c.stop();
                }
            }
        }
    }
}
