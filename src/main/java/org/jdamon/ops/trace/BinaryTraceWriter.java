package org.jdamon.ops.trace;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the binary trace format in column blocks. Instruction addresses are predicted as "previous
 * instruction + its size" (straight-line code costs a tag byte and an empty delta); data addresses are
 * coded as the delta to the nearest of four address registers, and a far jump reuses the least recently
 * used register, so interleaved stack and heap streams each keep a close reference.
 */
public final class BinaryTraceWriter implements AutoCloseable {
    private static final long FAR = 1 << 16;
    private static final int K = BinaryTrace.BLOCK_RECORDS;

    private final OutputStream out;
    private final byte[] tags = new byte[K];
    private final byte[] lens = new byte[K / 2];
    private final byte[] deltas = new byte[K * 8];
    private final byte[] sizes = new byte[K * 5];
    private final byte[] head = new byte[32];
    private int n;
    private int deltaBytes;
    private int sizeBytes;
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
        tags[n] = (byte) (kind << 6 | reg << 4 | code);
        long z = (delta << 1) ^ (delta >> 63);
        int len = (64 - Long.numberOfLeadingZeros(z) + 7) >>> 3;
        for (int i = 0; i < len; i++) {
            deltas[deltaBytes++] = (byte) (z >>> (8 * i));
        }
        if ((n & 1) == 0) {
            lens[n >> 1] = (byte) len;
        } else {
            lens[n >> 1] |= (byte) (len << 4);
        }
        if (code == 0) {
            sizeBytes = putVarint(sizes, sizeBytes, size & 0xffffffffL);
        }
        n++;
        records++;
        if (n == K) {
            flushBlock();
        }
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

    private static int putVarint(byte[] b, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    private void flushBlock() throws IOException {
        if (n == 0) {
            return;
        }
        int h = putVarint(head, 0, n);
        h = putVarint(head, h, deltaBytes);
        h = putVarint(head, h, sizeBytes);
        out.write(head, 0, h);
        out.write(tags, 0, n);
        out.write(lens, 0, (n + 1) / 2);
        out.write(deltas, 0, deltaBytes);
        out.write(sizes, 0, sizeBytes);
        n = 0;
        deltaBytes = 0;
        sizeBytes = 0;
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

    public long records() {
        return records;
    }

    /** Writes the last block and the end block (totals the reader verifies), then closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushBlock();
        int h = putVarint(head, 0, 0);
        h = putVarint(head, h, records);
        h = putVarint(head, h, instructions);
        out.write(head, 0, h);
        out.close();
    }
}
