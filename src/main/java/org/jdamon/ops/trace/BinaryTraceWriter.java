package org.jdamon.ops.trace;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the binary trace format. Instruction addresses are predicted as "previous instruction + its
 * size" (so straight-line code costs one byte of address); data addresses are coded as the delta to
 * the nearest of four address registers, and a far jump reuses the least recently used register, so
 * interleaved stack and heap streams each keep a close reference.
 */
public final class BinaryTraceWriter implements AutoCloseable {
    private static final long FAR = 1 << 16;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    private long nextInstr;
    private final long[] regs = new long[BinaryTrace.DATA_REGISTERS];
    private final long[] regUse = new long[BinaryTrace.DATA_REGISTERS];
    private long records;
    private long instructions;
    private boolean closed;

    public BinaryTraceWriter(OutputStream out) throws IOException {
        this.out = out;
        out.write(BinaryTrace.MAGIC);
        out.write(BinaryTrace.VERSION);
        out.write(0);
    }

    public void write(int kind, long addr, int size) throws IOException {
        if (n > buf.length - BinaryTrace.MAX_RECORD_BYTES) {
            flushBuffer();
        }
        int code = BinaryTrace.sizeCode(size);
        long delta;
        int reg = 0;
        if (kind == TraceReader.KIND_INSTR) {
            delta = addr - nextInstr;
            nextInstr = addr + size;
            instructions++;
        } else {
            reg = pickRegister(addr);
            delta = addr - regs[reg];
            regs[reg] = addr;
            regUse[reg] = records;
        }
        buf[n++] = (byte) (kind << 6 | reg << 4 | code);
        putVarint((delta << 1) ^ (delta >> 63));
        if (code == 0) {
            putVarint(size & 0xffffffffL);
        }
        records++;
    }

    private int pickRegister(long addr) {
        int best = 0;
        long bestDist = Long.MAX_VALUE;
        int lru = 0;
        for (int r = 0; r < regs.length; r++) {
            long d = Math.abs(addr - regs[r]);
            if (Long.compareUnsigned(d, bestDist) < 0) {
                bestDist = d;
                best = r;
            }
            if (regUse[r] < regUse[lru]) {
                lru = r;
            }
        }
        return Long.compareUnsigned(bestDist, FAR) <= 0 ? best : lru;
    }

    private void putVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            buf[n++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        buf[n++] = (byte) v;
    }

    /** Copies everything {@code reader} yields; returns the number of records. */
    public long copyFrom(TraceReader reader) throws IOException {
        long[] addrs = new long[8192];
        int[] infos = new int[8192];
        long total = 0;
        int got;
        while ((got = reader.read(addrs, infos)) > 0) {
            for (int i = 0; i < got; i++) {
                write(TraceReader.kind(infos[i]), addrs[i], TraceReader.size(infos[i]));
            }
            total += got;
        }
        return total;
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    public long records() {
        return records;
    }

    /** Writes the end record (totals the reader verifies) and closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (n > buf.length - 3 * BinaryTrace.MAX_RECORD_BYTES) {
            flushBuffer();
        }
        buf[n++] = (byte) BinaryTrace.END_TAG;
        putVarint(records);
        putVarint(instructions);
        flushBuffer();
        out.close();
    }
}
