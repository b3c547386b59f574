package org.jdamon.ops.trace;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.InputStream;

/**
 * Decodes the binary trace format (see {@link BinaryTraceWriter}). The hot loop runs while at least one
 * maximal record is buffered, so it needs no bounds checks of its own; the tail of the stream goes
 * through the same loop after the buffer is padded, and a record that would run past the real end is
 * reported as a truncation.
 */
final class BinaryTraceReader implements TraceReader {
    private static final int BUFFER = 1 << 20;
    private static final int PAD = BinaryTrace.MAX_RECORD_BYTES;
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final String name;
    private final boolean gzip;
    private final byte[] buf = new byte[BUFFER + PAD];
    private int pos;
    private int limit;
    private long consumedBefore;
    private boolean eof;
    private boolean ended;
    /** Data registers 0-3 and, at index 4, the predicted next instruction address. */
    private final long[] regs = new long[BinaryTrace.DATA_REGISTERS + 1];
    private long records;
    private long instructions;

    /** {@code prefix} holds the first bytes of the stream, starting with the header. */
    BinaryTraceReader(InputStream in, String name, boolean gzip, byte[] prefix, int prefixLength) {
        this.in = in;
        this.name = name;
        this.gzip = gzip;
        System.arraycopy(prefix, 0, buf, 0, prefixLength);
        limit = prefixLength;
        fillAtLeast(BinaryTrace.HEADER_BYTES);
        if (limit < BinaryTrace.HEADER_BYTES || !BinaryTrace.hasMagic(buf, limit)) {
            throw new TraceFormatException(name + ": not a jdamon binary trace (bad header)");
        }
        if (buf[BinaryTrace.MAGIC.length] != BinaryTrace.VERSION) {
            throw new TraceFormatException("%s: unsupported binary trace version %d"
                    .formatted(name, buf[BinaryTrace.MAGIC.length]));
        }
        pos = BinaryTrace.HEADER_BYTES;
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
        final long[] r = regs;
        while (n < max && !ended) {
            if (limit - pos < PAD && !eof) {
                fillAtLeast(PAD);
            }
            int p = pos;
            // With eof the padding zeros decode harmlessly; overruns are checked after the loop.
            int safeEnd = eof ? limit : limit - PAD + 1;
            if (eof) {
                java.util.Arrays.fill(b, limit, limit + PAD, (byte) 0);
            }
            if (p >= safeEnd) {
                if (eof) {
                    throw truncated(p);
                }
                continue;
            }
            long ni = r[BinaryTrace.DATA_REGISTERS];
            long instr = 0;
            int endAt = -1;
            int got = n;
            while (p < safeEnd && got < max) {
                int at = p;
                int tag = b[p] & 0xff;
                // The varint, up to 8 bytes, in one load: its length is where the first clear top bit is,
                // and compress() (PEXT) gathers its 7-bit groups without a loop or a branch per byte.
                long w = (long) LONG_LE.get(b, p + 1);
                long stops = ~w & 0x8080808080808080L;
                long v;
                if (stops != 0) {
                    long upToStop = stops ^ (stops - 1);
                    v = Long.compress(w & upToStop, 0x7f7f7f7f7f7f7f7fL);
                    p += 2 + (Long.numberOfTrailingZeros(stops) >>> 3);
                } else {
                    v = readVarintAt(b, p + 1);
                    p = varintEnd;
                }
                long delta = (v >>> 1) ^ -(v & 1);
                int code = tag & 0xf;
                int size = BinaryTrace.SIZE_OF_CODE[code];
                int kind = tag >>> 6;
                if (((tag - 0x10) & 0xff) < 0x30) {
                    // kind I with a register: only the end record is legal
                    if (tag == BinaryTrace.END_TAG) {
                        endAt = at;
                        p = at;
                        break;
                    }
                    throw new TraceFormatException("%s: corrupt record tag 0x%02x at byte %d"
                            .formatted(name, tag, consumedBefore + at));
                }
                if (code == 0) {
                    size = (int) readVarintAt(b, p);
                    p = varintEnd;
                }
                // The instruction prediction lives in a local, so straight-line code does not wait on memory;
                // selects instead of branches, as instruction and data records interleave unpredictably.
                boolean isInstr = kind == KIND_INSTR;
                int dreg = (tag >>> 4) & 3;
                long dataBase = r[dreg];
                long addr = (isInstr ? ni : dataBase) + delta;
                r[dreg] = isInstr ? dataBase : addr;
                ni = isInstr ? addr + size : ni;
                instr += isInstr ? 1 : 0;
                addrs[got] = addr;
                infos[got] = size << 2 | kind;
                got++;
            }
            if (p > limit) {
                throw truncated(pos);
            }
            r[BinaryTrace.DATA_REGISTERS] = ni;
            instructions += instr;
            records += got - n;
            n = got;
            pos = p;
            if (endAt >= 0) {
                finish(endAt);
            }
        }
        return n;
    }

    private int varintEnd;

    private long readVarintAt(byte[] b, int p) {
        long v = 0;
        int shift = 0;
        long x;
        do {
            x = b[p++];
            v |= (x & 0x7f) << shift;
            shift += 7;
        } while (x < 0 && shift < 70);
        varintEnd = p;
        return v;
    }

    /** Reads the end record at {@code at} and checks its totals. */
    private void finish(int at) {
        fillAtLeastFrom(at, 1 + 20);
        int p = pos;
        int q = p + 1;
        long expectRecords = readVarintAt(buf, q);
        q = varintEnd;
        long expectInstr = readVarintAt(buf, q);
        q = varintEnd;
        if (q > limit) {
            throw truncated(p);
        }
        ended = true;
        pos = q;
        if (expectRecords != records || expectInstr != instructions) {
            throw new TraceFormatException("%s: end record says %d records / %d instructions but %d / %d were read"
                    .formatted(name, expectRecords, expectInstr, records, instructions));
        }
    }

    /** Moves {@code [from, limit)} to the front and reads until {@code want} bytes are there or EOF. */
    private void fillAtLeastFrom(int from, int want) {
        pos = from;
        fillAtLeast(want);
    }

    private void fillAtLeast(int want) {
        if (pos > 0) {
            int rest = limit - pos;
            System.arraycopy(buf, pos, buf, 0, rest);
            consumedBefore += pos;
            pos = 0;
            limit = rest;
        }
        while (limit - pos < want && !eof) {
            int got;
            try {
                got = in.read(buf, limit, BUFFER - limit);
            } catch (IOException e) {
                throw LackeyReader.readError(name, gzip, e, "byte " + (consumedBefore + limit));
            }
            if (got < 0) {
                eof = true;
            } else {
                limit += got;
            }
        }
    }

    private TraceFormatException truncated(int p) {
        return new TraceFormatException("%s: truncated binary trace (no end record; %d records read, stopped at byte %d)"
                .formatted(name, records, consumedBefore + p));
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the replay is over
        }
    }
}
