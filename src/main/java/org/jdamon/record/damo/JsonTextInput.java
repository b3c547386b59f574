package org.jdamon.record.damo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The bytes of a JSON text, read ahead in chunks on a second thread (where a {@code json_compressed}
 * record is inflated), for two readers on the main thread that take turns: {@link DamoSnapshotScanner}
 * reads the chunks in place through a window ({@link #window()}, {@link #grow()}, {@link #consume}), and
 * Jackson reads them as an {@link InputStream} with line breaks and the indentation after them removed
 * (damo indents by four spaces a level, about two thirds of a record's bytes; a raw line break cannot
 * occur inside a JSON string, so this needs no knowledge of the JSON around it).
 *
 * <p>The window is the unread part of the current chunk, except where a snapshot crosses the end of a
 * chunk or bytes were handed back ({@link #pushBack}): then it is a spill buffer holding the unread bytes
 * followed by as much of the next chunk as the scanner asked for, and reading goes on in that chunk where
 * the spill left it. So bytes are copied only around chunk ends, and the inflating thread does nothing
 * but inflate.
 *
 * <p>Memory: up to ten chunks of {@link #CHUNK} bytes and a spill of about one snapshot. Errors of the
 * source (a truncated zlib stream) come out of {@link #read} as they were thrown, after every byte read
 * before them; {@link #close} stops the reading thread.
 */
final class JsonTextInput extends InputStream {
    /** Larger than a snapshot of a few thousand regions (545 bytes each), so few snapshots cross a chunk's end. */
    static final int CHUNK = 1 << 21;
    private final int chunkSize;
    private static final Object END = new Object();

    private record Chunk(byte[] bytes, int length) {}

    private final InputStream source;
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(4);
    private final Thread reader;
    private volatile boolean closed;

    /** The window: {@code buf[pos..limit)}; {@code buf} is a chunk, or {@link #spill} when {@link #inSpill}. */
    private byte[] buf = new byte[0];
    private int pos;
    private int limit;
    private byte[] spill = new byte[1 << 16];
    private boolean inSpill;
    /** In the spill, {@code spill[split..limit)} are {@code cont[contNext - (limit - split)..contNext)}. */
    private int split;
    private byte[] cont;
    private int contNext;
    private int contLength;
    private boolean ended;
    private Exception failure;

    JsonTextInput(InputStream source, String name) {
        this(source, name, CHUNK);
    }

    /** With chunks of {@code chunkSize} bytes (tests put chunk ends everywhere). */
    JsonTextInput(InputStream source, String name, int chunkSize) {
        this.source = source;
        this.chunkSize = chunkSize;
        reader = Thread.ofPlatform().daemon().name("jdamon-read " + name).unstarted(this::readAll);
        reader.start();
    }

    private void readAll() {
        try {
            while (!closed) {
                byte[] chunk = free.poll();
                if (chunk == null) {
                    chunk = new byte[chunkSize];
                }
                int n = 0;
                IOException failed = null;
                try {
                    for (int r; n < chunkSize && (r = source.read(chunk, n, chunkSize - n)) > 0; ) {
                        n += r;
                    }
                } catch (IOException e) {
                    failed = e; // hand over what was read before it
                }
                if (n > 0) {
                    chunks.put(new Chunk(chunk, n));
                }
                if (failed != null) {
                    throw failed;
                }
                if (n < chunkSize) {
                    break;
                }
            }
            chunks.put(END);
        } catch (IOException | RuntimeException e) {
            offer(e);
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void offer(Exception e) {
        try {
            chunks.put(e);
        } catch (InterruptedException ignored) {
            // closed
        }
    }

    /** The next chunk of the source, or null at its end or at a failure (kept for {@link #read}). */
    private Chunk nextChunk() throws IOException {
        if (ended || failure != null) {
            return null;
        }
        Object o;
        try {
            o = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        if (o == END) {
            ended = true;
            return null;
        }
        if (o instanceof Exception e) {
            failure = e;
            return null;
        }
        return (Chunk) o;
    }

    private void recycle(byte[] chunk) {
        if (chunk != null && chunk.length == chunkSize && chunk != spill) {
            free.offer(chunk);
        }
    }

    byte[] window() {
        return buf;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    /** The reader of the window has read up to {@code newPosition} (within the window). */
    void consume(int newPosition) {
        pos = newPosition;
        if (inSpill && pos >= split) {
            leaveSpill(contNext - (limit - pos));
        }
    }

    private void leaveSpill(int at) {
        inSpill = false;
        buf = cont;
        pos = at;
        limit = contLength;
        cont = null;
    }

    /**
     * Makes the window longer, keeping its unread bytes, by about {@code wanted} bytes (at least 8 KiB, at
     * most to the end of the next chunk): false at the end of the text (or at a failure of the source,
     * which {@link #read} then throws).
     */
    boolean grow(int wanted) throws IOException {
        if (inSpill && contNext < contLength) {
            compactSpill();
        } else {
            Chunk next = nextChunk();
            if (next == null) {
                return false;
            }
            int tail = limit - pos;
            if (!inSpill && tail == 0) {
                recycle(buf);
                buf = next.bytes();
                pos = 0;
                limit = next.length();
                return true;
            }
            if (inSpill) {
                compactSpill();
                recycle(cont);
            } else {
                if (spill.length < tail) {
                    spill = new byte[Math.max(tail, spill.length * 2)];
                }
                System.arraycopy(buf, pos, spill, 0, tail);
                recycle(buf);
            }
            inSpill = true;
            buf = spill;
            pos = 0;
            limit = tail;
            split = tail;
            cont = next.bytes();
            contNext = 0;
            contLength = next.length();
        }
        int n = Math.min(contLength - contNext, Math.max(Math.max(limit - pos, wanted), 1 << 13));
        if (spill.length < limit + n) {
            spill = java.util.Arrays.copyOf(spill, Math.max(limit + n, spill.length * 2));
            buf = spill;
        }
        System.arraycopy(cont, contNext, spill, limit, n);
        limit += n;
        contNext += n;
        return true;
    }

    private void compactSpill() {
        if (pos > 0) {
            System.arraycopy(spill, pos, spill, 0, limit - pos);
            split -= pos;
            limit -= pos;
            pos = 0;
        }
    }

    /** Puts {@code bytes[0..length)} back in front of the unread text. */
    void pushBack(byte[] bytes, int length) {
        if (length == 0) {
            return;
        }
        inBreak = false;
        int rest = limit - pos;
        if (inSpill) {
            byte[] to = spill.length < length + rest ? new byte[Math.max(length + rest, spill.length * 2)] : spill;
            System.arraycopy(spill, pos, to, length, rest);
            split += length - pos;
            spill = to;
        } else {
            if (spill.length < length) {
                spill = new byte[Math.max(length, spill.length * 2)];
            }
            cont = buf;
            contNext = pos;
            contLength = limit;
            split = length;
            inSpill = true;
            rest = 0;
        }
        System.arraycopy(bytes, 0, spill, 0, length);
        buf = spill;
        pos = 0;
        limit = length + rest;
    }

    /** Whether every byte of the text has been read. */
    boolean atEnd() {
        return ended && pos == limit && !(inSpill && contNext < contLength);
    }

    private boolean fill() throws IOException {
        while (pos == limit) {
            if (inSpill) {
                leaveSpill(contNext);
                continue;
            }
            Chunk next = nextChunk();
            if (next == null) {
                if (failure instanceof IOException e) {
                    throw e;
                }
                if (failure instanceof RuntimeException e) {
                    throw e;
                }
                return false;
            }
            recycle(buf);
            buf = next.bytes();
            pos = 0;
            limit = next.length();
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /** Reads as Jackson does, with line breaks and the indentation after them removed. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (fill()) {
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            consume(pos + n);
            int kept = squeeze(b, off, n);
            if (kept > 0) {
                return kept;
            }
        }
        return -1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Whether the last squeezed bytes ended inside a line break and its indentation. */
    private boolean inBreak;

    int squeeze(byte[] c, int n) {
        return squeeze(c, 0, n);
    }

    /**
     * Removes every line break and the blanks after it from {@code c[from..from+n)} in place and returns
     * the new length; eight bytes at a time over indentation and between line breaks.
     */
    int squeeze(byte[] c, int from, int n) {
        int end = from + n;
        int in = from;
        int out = from;
        while (in < end) {
            if (inBreak) {
                while (in + 8 <= end && (long) LONGS.get(c, in) == SPACES) {
                    in += 8;
                }
                while (in < end && (c[in] == ' ' || c[in] == '\n' || c[in] == '\t' || c[in] == '\r')) {
                    in++;
                }
                if (in == end) {
                    break;
                }
                inBreak = false;
            }
            int start = in;
            int lf = -1;
            while (in + 8 <= end) {
                long x = (long) LONGS.get(c, in) ^ NEWLINES;
                long zero = (x - LOW_BITS) & ~x & HIGH_BITS;
                if (zero != 0) {
                    lf = in + (Long.numberOfTrailingZeros(zero) >>> 3);
                    break;
                }
                in += 8;
            }
            if (lf < 0) {
                while (in < end && c[in] != '\n') {
                    in++;
                }
                lf = in;
            }
            System.arraycopy(c, start, c, out, lf - start);
            out += lf - start;
            in = lf;
            if (in < end) {
                in++;
                inBreak = true;
            }
        }
        return out - from;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
