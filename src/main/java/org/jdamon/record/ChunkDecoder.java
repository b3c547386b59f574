package org.jdamon.record;

import java.nio.charset.StandardCharsets;

/**
 * Reads the encodings of {@link ChunkEncoder} from one chunk's payload, with bounds checks: a payload
 * that ends early or holds an impossible value throws {@link MalformedChunkException}.
 */
public final class ChunkDecoder {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public ChunkDecoder(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public int getByte() {
        if (pos >= limit) {
            throw new MalformedChunkException("payload ends early");
        }
        return buf[pos++] & 0xFF;
    }

    public long getVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = getByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new MalformedChunkException("varint longer than 10 bytes");
    }

    public long getZigZag() {
        long v = getVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public int getZigZagInt() {
        long v = getZigZag();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MalformedChunkException("value " + v + " out of int range");
        }
        return (int) v;
    }

    /** An unsigned count that must fit the rest of the payload at {@code minBytesEach} bytes per item. */
    public int getCount(int minBytesEach) {
        long v = getVarLong();
        if (v < 0 || v > (long) remaining() / Math.max(minBytesEach, 1)) {
            throw new MalformedChunkException("count " + Long.toUnsignedString(v) + " exceeds the payload");
        }
        return (int) v;
    }

    public byte[] getBytes() {
        int n = getCount(1);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    public String getString() {
        int n = getCount(1);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public byte[] rest() {
        byte[] b = new byte[limit - pos];
        System.arraycopy(buf, pos, b, 0, b.length);
        pos = limit;
        return b;
    }
}
