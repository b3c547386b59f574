package org.jdamon.record;

import java.util.Arrays;

/**
 * A growable byte buffer with the record format's primitive encodings: unsigned LEB128 varints (the 64
 * bits of a {@code long} taken as unsigned), zig-zag varints for signed values, length-prefixed UTF-8
 * strings. Public so side-data payloads of other packages (profiles, memory areas) share the
 * encodings. Reused across chunks so writing a snapshot allocates nothing once warmed up.
 */
public final class ChunkEncoder {
    private byte[] buf = new byte[4096];
    private int len;

    public void reset() {
        len = 0;
    }

    public int length() {
        return len;
    }

    public byte[] array() {
        return buf;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public void putByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    public void putU32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    public void putU32At(int pos, int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
    }

    /** The 64 bits of {@code v} as an unsigned varint: 1 byte below 128, at most 10 bytes. */
    public void putVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    /** Signed value, zig-zag mapped so that small magnitudes of either sign stay short. */
    public void putZigZag(long v) {
        putVarLong((v << 1) ^ (v >> 63));
    }

    public void putString(String s) {
        putBytes(RecordFormat.utf8(s));
    }

    public void putBytes(byte[] b) {
        putVarLong(b.length);
        putRaw(b, 0, b.length);
    }

    public void putRaw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }
}
