package org.jdamon.ops.trace;

/**
 * Constants of jdamon's binary trace format ({@code docs/trace-format.md}): an 8-byte magic, a version
 * byte, a reserved byte, then one record per access (tag byte, zigzag varint address delta, optional
 * varint size) and an end record with the totals.
 */
final class BinaryTrace {
    static final byte[] MAGIC = {'J', 'D', 'A', 'M', 'O', 'N', 'T', 'R'};
    static final int VERSION = 1;
    static final int HEADER_BYTES = MAGIC.length + 2;
    /** Tag of the end record: kind I with register 3 and size code 0, never used by an access. */
    static final int END_TAG = 0x30;
    static final int DATA_REGISTERS = 4;
    /** Largest encoded record: tag, 10-byte varint address, 5-byte varint size. */
    static final int MAX_RECORD_BYTES = 16;

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
