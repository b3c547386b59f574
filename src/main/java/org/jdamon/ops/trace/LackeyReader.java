package org.jdamon.ops.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * Parses Valgrind Lackey's {@code --trace-mem=yes} output straight from bytes: {@code I  addr,size}
 * for an instruction fetch and {@code ' L'}, {@code ' S'}, {@code ' M'} for loads, stores and modifies,
 * addresses in hex. Valgrind's own lines ({@code ==pid== ...}, {@code --pid-- ...}), {@code #} comments
 * and blank lines are skipped; anything else is an error naming the line. Only complete lines sitting in
 * the buffer are parsed, so no per-line string or bounds check is needed.
 */
final class LackeyReader implements TraceReader {
    private static final int BUFFER = 1 << 20;
    private static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
            HEX['A' + i] = (byte) (10 + i);
        }
    }

    private final InputStream in;
    private final String name;
    private final boolean gzip;
    private final byte[] buf = new byte[BUFFER + 1];
    private int pos;
    private int linesEnd;
    private int limit;
    private boolean eof;
    private long line;

    LackeyReader(InputStream in, String name, boolean gzip) {
        this.in = in;
        this.name = name;
        this.gzip = gzip;
    }

    /** Starts with bytes already read from the stream (the format sniffing prefix). */
    LackeyReader(InputStream in, String name, boolean gzip, byte[] prefix, int prefixLength) {
        this(in, name, gzip);
        System.arraycopy(prefix, 0, buf, 0, prefixLength);
        limit = prefixLength;
        linesEnd = lastLineEnd(0, limit);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(long[] addrs, int[] infos) {
        int n = 0;
        int max = addrs.length;
        final byte[] b = buf;
        while (n < max) {
            if (pos >= linesEnd && !refill()) {
                break;
            }
            int p = pos;
            int end = linesEnd;
            long ln = line;
            while (p < end && n < max) {
                ln++;
                int start = p;
                int c = b[p];
                int kind;
                if (c == 'I') {
                    kind = KIND_INSTR;
                    p++;
                } else if (c == ' ') {
                    c = b[p + 1];
                    kind = c == 'L' ? KIND_LOAD : c == 'S' ? KIND_STORE : c == 'M' ? KIND_MODIFY : -1;
                    if (kind < 0) {
                        throw malformed(ln, start);
                    }
                    p += 2;
                } else if (c == '=' || c == '-' || c == '#' || c == '\n' || c == '\r') {
                    while (b[p] != '\n') {
                        p++;
                    }
                    p++;
                    continue;
                } else {
                    throw malformed(ln, start);
                }
                if (b[p] != ' ') {
                    throw malformed(ln, start);
                }
                do {
                    p++;
                } while (b[p] == ' ');
                long addr = 0;
                int digitsStart = p;
                int v;
                while ((v = HEX[b[p] & 0xff]) >= 0) {
                    addr = addr << 4 | v;
                    p++;
                }
                int digits = p - digitsStart;
                if (digits == 0 || digits > 16 || b[p] != ',') {
                    throw malformed(ln, start);
                }
                p++;
                int size = 0;
                int sizeStart = p;
                while ((c = b[p] - '0') >= 0 && c <= 9) {
                    size = size * 10 + c;
                    p++;
                }
                if (p == sizeStart || p - sizeStart > 8 || size == 0) {
                    throw malformed(ln, start);
                }
                if (b[p] == '\r') {
                    p++;
                }
                if (b[p] != '\n') {
                    throw malformed(ln, start);
                }
                p++;
                addrs[n] = addr;
                infos[n] = size << 2 | kind;
                n++;
            }
            pos = p;
            line = ln;
        }
        return n;
    }

    /** Moves the unparsed tail to the front and reads until at least one complete line is buffered. */
    private boolean refill() {
        int rest = limit - pos;
        System.arraycopy(buf, pos, buf, 0, rest);
        pos = 0;
        limit = rest;
        linesEnd = 0;
        while (linesEnd == 0) {
            if (eof) {
                if (limit == 0) {
                    return false;
                }
                buf[limit++] = '\n';
                linesEnd = limit;
                return true;
            }
            if (limit == BUFFER) {
                throw new TraceFormatException("%s:%d: line longer than %d bytes".formatted(name, line + 1, BUFFER));
            }
            int r;
            try {
                r = in.read(buf, limit, BUFFER - limit);
            } catch (IOException e) {
                throw readError(name, gzip, e, "line " + (line + 1));
            }
            if (r < 0) {
                eof = true;
                continue;
            }
            int scanFrom = limit;
            limit += r;
            linesEnd = lastLineEnd(scanFrom, limit);
        }
        return true;
    }

    private int lastLineEnd(int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private TraceFormatException malformed(long ln, int start) {
        int e = start;
        while (e < limit && buf[e] != '\n' && e - start < 60) {
            e++;
        }
        String text = new String(buf, start, e - start, StandardCharsets.ISO_8859_1);
        return new TraceFormatException(
                "%s:%d: malformed Lackey record '%s' (expected 'I  ADDR,SIZE' or ' L|S|M ADDR,SIZE')"
                        .formatted(name, ln, text));
    }

    static TraceFormatException readError(String name, boolean gzip, IOException e, String where) {
        if (gzip && e instanceof EOFException) {
            return new TraceFormatException("%s: truncated gzip stream (at %s)".formatted(name, where), e);
        }
        if (gzip && e instanceof ZipException) {
            return new TraceFormatException("%s: corrupt gzip stream (at %s): %s".formatted(name, where, e.getMessage()), e);
        }
        return new TraceFormatException("%s: read error (at %s): %s".formatted(name, where, e.getMessage()), e);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do: the replay is over
        }
    }
}
