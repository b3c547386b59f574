package org.jdamon.ops.trace;

/**
 * Constants of jdamon's binary trace format ({@code docs/trace-format.md}): an 8-byte magic, a version
 * byte, a reserved byte, then blocks of up to {@link #BLOCK_RECORDS} records stored as columns (tags,
 * 4-bit delta lengths, fixed-width deltas, escaped sizes) and an end block with the totals. The length
 * column lets a reader find every record's delta with additions instead of a load-dependent walk.
 */
final class BinaryTrace {
    static final byte[] MAGIC = {'J', 'D', 'A', 'M', 'O', 'N', 'T', 'R'};
    static final int VERSION = 2;
    static final int HEADER_BYTES = MAGIC.length + 2;
    static final int DATA_REGISTERS = 4;
    static final int BLOCK_RECORDS = 1 << 15;
    /** Upper bound of one block's bytes: three varints, then per record a tag, a nibble, 8 + 5 bytes. */
    static final int MAX_BLOCK_BYTES = 30 + BLOCK_RECORDS * 15;
    /** Readable slack after a block, so an 8-byte delta load at its last byte stays inside the buffer. */
    static final int PAD = 16;

    private BinaryTrace() {}

    /** Size code in the tag's low 4 bits: 1..12 literal, 13/14/15 for 16/32/64, 0 for an explicit varint. */
    static int sizeCode(int size) {
        if (size >= 1 && size <= 12) {
            return size;
        }
        return switch (size) {
            case 16 -> 13;
            case 32 -> 14;
            case 64 -> 15;
            default -> 0;
        };
    }

    static final int[] SIZE_OF_CODE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 32, 64};

    /**
     * The access size of each tag byte, or 0 when the tag needs the slow path: a size stored as a varint
     * (size code 0) or an invalid tag (an instruction with a register).
     */
    static final int[] SIZE_OF_TAG = new int[256];

    static {
        for (int tag = 0; tag < 256; tag++) {
            boolean invalid = tag >>> 6 == 0 && ((tag >>> 4) & 3) != 0;
            SIZE_OF_TAG[tag] = invalid ? 0 : SIZE_OF_CODE[tag & 0xf];
        }
    }

    /** Masks keeping the low {@code len} bytes of a little-endian load; lengths 9-15 are invalid. */
    static final long[] DELTA_MASK = new long[16];

    static {
        for (int len = 1; len < 16; len++) {
            DELTA_MASK[len] = len >= 8 ? -1L : (1L << (8 * len)) - 1;
        }
    }

    static boolean hasMagic(byte[] b, int len) {
        if (len < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
