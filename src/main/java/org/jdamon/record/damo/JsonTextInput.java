package org.jdamon.record.damo;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The bytes of a JSON text, read ahead on a second thread (where a {@code json_compressed} record is
 * inflated) and with line breaks and the indentation after them removed, so the parser sees compact JSON.
 * damo indents its records by four spaces a level, so indentation is about two thirds of a record's
 * bytes; dropping it there halves the parsing time. A raw line break cannot occur inside a JSON string,
 * so this needs no knowledge of the JSON around it.
 *
 * <p>Memory: a few chunks of {@link #CHUNK} bytes. Errors of the source (a truncated zlib stream) come out
 * of {@link #read} as they were thrown; {@link #close} stops the reading thread.
 */
final class JsonTextInput extends InputStream {
    static final int CHUNK = 1 << 18;
    private static final byte[] END = new byte[0];

    private final InputStream source;
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(8);
    private final Thread reader;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int currentLength;
    private int pos;
    private boolean ended;

    JsonTextInput(InputStream source, String name) {
        this.source = source;
        reader = Thread.ofPlatform().daemon().name("jdamon-read " + name).unstarted(this::readAll);
        reader.start();
    }

    private void readAll() {
        try {
            while (!closed) {
                byte[] chunk = free.poll();
                if (chunk == null) {
                    chunk = new byte[CHUNK];
                }
                int n = 0;
                IOException failure = null;
                try {
                    for (int r; n < CHUNK && (r = source.read(chunk, n, CHUNK - n)) > 0; ) {
                        n += r;
                    }
                } catch (IOException e) {
                    failure = e; // hand over what was read before it
                }
                int out = squeeze(chunk, n);
                if (out > 0) {
                    chunks.put(new Object[] {chunk, out});
                }
                if (failure != null) {
                    throw failure;
                }
                if (n < CHUNK) {
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Whether the last chunk ended inside a line break and its indentation. */
    private boolean inBreak;

    /**
     * Removes every line break and the blanks after it from {@code c[0..n)} in place and returns the new
     * length; eight bytes at a time over indentation and between line breaks.
     */
    int squeeze(byte[] c, int n) {
        int in = 0;
        int out = 0;
        while (in < n) {
            if (inBreak) {
                while (in + 8 <= n && (long) LONGS.get(c, in) == SPACES) {
                    in += 8;
                }
                while (in < n && (c[in] == ' ' || c[in] == '\n' || c[in] == '\t' || c[in] == '\r')) {
                    in++;
                }
                if (in == n) {
                    break;
                }
                inBreak = false;
            }
            int start = in;
            int lf = -1;
            while (in + 8 <= n) {
                long x = (long) LONGS.get(c, in) ^ NEWLINES;
                long zero = (x - LOW_BITS) & ~x & HIGH_BITS;
                if (zero != 0) {
                    lf = in + (Long.numberOfTrailingZeros(zero) >>> 3);
                    break;
                }
                in += 8;
            }
            if (lf < 0) {
                while (in < n && c[in] != '\n') {
                    in++;
                }
                lf = in;
            }
            System.arraycopy(c, start, c, out, lf - start);
            out += lf - start;
            in = lf;
            if (in < n) {
                in++;
                inBreak = true;
            }
        }
        return out;
    }

    private void offer(Exception e) {
        try {
            chunks.put(e);
        } catch (InterruptedException ignored) {
            // closed
        }
    }

    private boolean fill() throws IOException {
        while (pos == currentLength) {
            if (ended) {
                return false;
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
                return false;
            }
            if (o instanceof IOException e) {
                ended = true;
                throw e;
            }
            if (o instanceof RuntimeException e) {
                ended = true;
                throw e;
            }
            Object[] c = (Object[]) o;
            if (current.length == CHUNK) {
                free.offer(current);
            }
            current = (byte[]) c[0];
            currentLength = (Integer) c[1];
            pos = 0;
        }
        return true;
    }

    /** Whether every byte of the text has been read. */
    boolean atEnd() {
        return ended && pos == currentLength;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, currentLength - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
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
