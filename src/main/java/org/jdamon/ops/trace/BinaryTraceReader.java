package org.jdamon.ops.trace;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes the binary trace format (see {@link BinaryTraceWriter}) one whole block at a time. Inside a
 * block, a record's tag and delta length come from their own columns and its delta offset is a running
 * sum of lengths, so records decode without waiting on each other; each delta is one masked 8-byte load.
 * The block's column sizes are checked when it ends, the totals when the end block arrives, and a stream
 * that stops anywhere else is reported as truncated.
 */
final class BinaryTraceReader implements TraceReader {
    private static final int BUFFER = 1 << 20;
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final String name;
    private final boolean gzip;
    private final byte[] buf = new byte[BUFFER + BinaryTrace.PAD];
    private int pos;
    private int limit;
    private long consumedBefore;
    private boolean eof;
    private boolean ended;

    private int blockN;
    private int blockI;
    private int tagsAt;
    private int lensAt;
    private int deltaAt;
    private int deltaEnd;
    private int sizeAt;
    private int blockEnd;

    /** Data registers 0-3 and, at index 4, the predicted next instruction address. */
    private final long[] regs = new long[BinaryTrace.DATA_REGISTERS + 1];
    private long records;
    private long instructions;
    private int varintEnd;

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
        blockEnd = pos;
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
        final long[] masks = BinaryTrace.DELTA_MASK;
        final int[] sizeOfTag = BinaryTrace.SIZE_OF_TAG;
        while (n < max) {
            if (blockI == blockN && !nextBlock()) {
                break;
            }
            int count = Math.min(max - n, blockN - blockI);
            int tags = tagsAt;
            int lens = lensAt;
            int dp = deltaAt;
            int sp = sizeAt;
            long ni = r[BinaryTrace.DATA_REGISTERS];
            long instr = 0;
            for (int i = blockI, end = blockI + count; i < end; i++) {
                int tag = b[tags + i] & 0xff;
                int len = (b[lens + (i >> 1)] >> ((i & 1) << 2)) & 0xf;
                long z = (long) LONG_LE.get(b, dp) & masks[len];
                dp += len;
                long delta = (z >>> 1) ^ -(z & 1);
                int size = sizeOfTag[tag];
                if (size == 0 || len > 8) {
                    size = checkedRecord(tag, len, i, sp);
                    sp = varintEnd;
                }
                int kind = tag >>> 6;
                boolean isInstr = kind == KIND_INSTR;
                int dreg = (tag >>> 4) & 3;
                long dataBase = r[dreg];
                long addr = (isInstr ? ni : dataBase) + delta;
                r[dreg] = isInstr ? dataBase : addr;
                ni = isInstr ? addr + size : ni;
                instr += isInstr ? 1 : 0;
                addrs[n] = addr;
                infos[n] = size << 2 | kind;
                n++;
            }
            r[BinaryTrace.DATA_REGISTERS] = ni;
            instructions += instr;
            records += count;
            blockI += count;
            deltaAt = dp;
            sizeAt = sp;
            if (blockI == blockN && (dp != deltaEnd || sp != blockEnd)) {
                throw corrupt("block column sizes do not match its records", blockEnd);
            }
        }
        return n;
    }

    /** The slow path of a record: a corrupt tag or length, or a size stored as a varint (returned). */
    private int checkedRecord(int tag, int len, int i, int sp) {
        if (len > 8) {
            throw corrupt("delta length %d of record %d".formatted(len, records + i - blockI), lensAt);
        }
        if (((tag - 0x10) & 0xff) < 0x30) {
            throw corrupt("record tag 0x%02x".formatted(tag), tagsAt + i);
        }
        if ((tag & 0xf) != 0) {
            varintEnd = sp;
            return BinaryTrace.SIZE_OF_CODE[tag & 0xf];
        }
        long size = readVarint(sp, blockEnd);
        if (size > (1 << 29)) {
            throw corrupt("access size " + size, sp);
        }
        return (int) size;
    }

    /** Reads the next block header and makes the whole block available; false at the end block. */
    private boolean nextBlock() {
        if (ended) {
            return false;
        }
        pos = blockEnd;
        if (limit - pos < 40) {
            fillAtLeast(40);
        }
        if (limit == pos) {
            throw truncated();
        }
        int p = pos;
        long nrec = readVarint(p, limit);
        if (nrec == 0) {
            long expectRecords = readVarint(varintEnd, limit);
            long expectInstr = readVarint(varintEnd, limit);
            ended = true;
            if (expectRecords != records || expectInstr != instructions) {
                throw new TraceFormatException("%s: end block says %d records / %d instructions but %d / %d were read"
                        .formatted(name, expectRecords, expectInstr, records, instructions));
            }
            return false;
        }
        long deltaBytes = readVarint(varintEnd, limit);
        long sizeBytes = readVarint(varintEnd, limit);
        if (nrec > BinaryTrace.BLOCK_RECORDS || deltaBytes > nrec * 8 || sizeBytes > nrec * 5) {
            throw corrupt("block header (%d records, %d delta bytes, %d size bytes)"
                    .formatted(nrec, deltaBytes, sizeBytes), p);
        }
        int headerLen = varintEnd - p;
        int n = (int) nrec;
        int blockBytes = headerLen + n + (n + 1) / 2 + (int) deltaBytes + (int) sizeBytes;
        fillAtLeast(blockBytes);
        if (limit - pos < blockBytes) {
            throw truncated();
        }
        tagsAt = pos + headerLen;
        lensAt = tagsAt + n;
        deltaAt = lensAt + (n + 1) / 2;
        deltaEnd = deltaAt + (int) deltaBytes;
        sizeAt = deltaEnd;
        blockEnd = sizeAt + (int) sizeBytes;
        blockN = n;
        blockI = 0;
        return true;
    }

    /** A LEB128 varint at {@code p} that must end before {@code end}; sets {@link #varintEnd}. */
    private long readVarint(int p, int end) {
        long v = 0;
        int shift = 0;
        while (true) {
            if (p >= end) {
                throw eof ? truncated() : corrupt("varint runs past its block", p);
            }
            byte x = buf[p++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                break;
            }
            shift += 7;
            if (shift >= 70) {
                throw corrupt("varint longer than 10 bytes", p);
            }
        }
        varintEnd = p;
        return v;
    }

    /** Moves {@code [pos, limit)} to the front and reads until {@code want} bytes are there or EOF. */
    private void fillAtLeast(int want) {
        if (pos > 0) {
            int rest = limit - pos;
            System.arraycopy(buf, pos, buf, 0, rest);
            consumedBefore += pos;
            blockEnd -= pos;
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

    private TraceFormatException truncated() {
        return new TraceFormatException("%s: truncated binary trace (no end block; %d records read, stopped at byte %d)"
                .formatted(name, records, consumedBefore + limit));
    }

    private TraceFormatException corrupt(String what, int at) {
        return new TraceFormatException("%s: corrupt binary trace: %s at byte %d".formatted(name, what, consumedBefore + at));
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
