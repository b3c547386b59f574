package org.jdamon.ops.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a trace by content, not by name: gzip is recognised by its magic bytes and unwrapped, then the
 * binary format by its own magic, and anything else is read as Lackey text. {@code -} is standard input,
 * which may be a pipe from a Valgrind that is still running.
 */
public final class TraceInput {
    public static final String STDIN = "-";

    private TraceInput() {}

    /** Opens {@code pathOrDash}; a missing file or an empty input is a one-line {@link TraceFormatException}. */
    public static TraceReader open(String pathOrDash) {
        if (STDIN.equals(pathOrDash)) {
            return open(System.in, "<stdin>");
        }
        Path path = Path.of(pathOrDash);
        try {
            return open(Files.newInputStream(path), pathOrDash);
        } catch (NoSuchFileException e) {
            throw new TraceFormatException("no such trace file: " + pathOrDash, e);
        } catch (IOException e) {
            throw new TraceFormatException("cannot open trace %s: %s".formatted(pathOrDash, e.getMessage()), e);
        }
    }

    /** Reads a trace from an already open stream (for example a child process's pipe). */
    public static TraceReader open(InputStream raw, String name) {
        byte[] head = new byte[64];
        InputStream in = raw;
        boolean gzip = false;
        try {
            int n = readFully(in, head);
            if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                gzip = true;
                in = new GZIPInputStream(new BufferedInputStream(new PrefixedStream(head, n, raw), 1 << 16), 1 << 16);
                n = readFully(in, head);
            }
            if (n == 0) {
                in.close();
                throw new TraceFormatException(name + ": empty trace");
            }
            if (BinaryTrace.hasMagic(head, n)) {
                return new BinaryTraceReader(in, name, gzip, head, n);
            }
            return new LackeyReader(in, name, gzip, head, n);
        } catch (IOException e) {
            throw LackeyReader.readError(name, gzip, e, "start");
        }
    }

    private static int readFully(InputStream in, byte[] b) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** The sniffed bytes followed by the rest of the stream. */
    private static final class PrefixedStream extends InputStream {
        private final byte[] prefix;
        private final int prefixLength;
        private int consumed;
        private final InputStream rest;

        PrefixedStream(byte[] prefix, int prefixLength, InputStream rest) {
            this.prefix = prefix.clone();
            this.prefixLength = prefixLength;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            if (consumed < prefixLength) {
                return prefix[consumed++] & 0xff;
            }
            return rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (consumed < prefixLength) {
                int k = Math.min(len, prefixLength - consumed);
                System.arraycopy(prefix, consumed, b, off, k);
                consumed += k;
                return k;
            }
            return rest.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }
}
