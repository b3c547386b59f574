package org.jdamon.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.jdamon.core.Attributes;

/**
 * Writes a jdamon record file incrementally: the preamble and header first, then one chunk per snapshot
 * or side-data item, each flushed to the operating system as soon as it is complete. A process that dies
 * (crash, Ctrl-C, kill) therefore leaves a file whose every completed aggregation is readable; {@link
 * #close()} adds the end marker that tells readers the record is complete.
 *
 * <p>A writer {@link #open opened} without a header takes it from a supplier at its first write or at
 * {@link #close()}: the capture of a running context ({@code record.capture.ContextCapture}) knows its
 * start time only then. Writers shared with listeners that cannot throw record their first I/O error
 * ({@link #fail}), drop later writes, run the {@link #onFailure} action once, and rethrow it at close.
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
    private Supplier<RecordHeader> pendingHeader;
    private Runnable onFailure = () -> {};

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
     * Creates {@code path} now (so an unwritable path fails before monitoring starts); the header is
     * {@code pendingHeader}'s, written before the first snapshot or side data, or at {@link #close()} if
     * nothing was written.
     */
    public static RecordWriter open(Path path, Supplier<RecordHeader> pendingHeader) throws IOException {
        RecordWriter w = new RecordWriter(path);
        w.pendingHeader = pendingHeader;
        return w;
    }

    /** Runs {@code action} once, at the first failure {@link #fail} or {@link #sideDataSink} records. */
    public synchronized void onFailure(Runnable action) {
        this.onFailure = action;
    }

    /** Records {@code e} as this writer's failure: later writes through sinks are dropped, close rethrows it. */
    public synchronized void fail(IOException e) {
        if (failure == null) {
            failure = e;
            onFailure.run();
        }
    }

    /** Whether writes are still taken: not closed and no failure recorded. */
    public synchronized boolean accepting() {
        return failure == null && !closed;
    }

    /** A {@value RecordFormat#SIDE_ATTRIBUTES} side-data item: {@code attrs} from {@code timeNs} on (read by {@link RecordReader#attributesOf}). */
    public static SideData attributesSideData(long timeNs, Attributes attrs) {
        ChunkEncoder e = new ChunkEncoder();
        ChunkCodec.encodeAttributes(e, attrs);
        return new SideData(RecordFormat.SIDE_ATTRIBUTES, timeNs, Arrays.copyOf(e.array(), e.length()));
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
                if (!headerWritten && pendingHeader != null) {
                    writeHeader(pendingHeader.get());
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
        if (pendingHeader == null) {
            throw new IllegalStateException("write the header first");
        }
        writeHeader(pendingHeader.get());
    }

    /**
     * Side data from listeners that cannot throw (for example {@code DamosCapture.listener(engine,
     * writer.sideDataSink())}): an I/O error is recorded as by {@link #fail} (which may stop the context
     * being captured) and rethrown by {@link #close()}. Works whatever the order of the listeners.
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
                    fail(e);
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
}
