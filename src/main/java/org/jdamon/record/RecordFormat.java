package org.jdamon.record;

import java.nio.charset.StandardCharsets;

/**
 * Constants of jdamon's binary record format (layout in {@code docs/record-format.md}): the file
 * signature, the format version this build writes and reads, and the chunk kinds.
 *
 * <p>A file is the 8-byte {@link #MAGIC}, a big-endian u16 format version, then chunks. Every chunk is
 * {@code kind u8 | payload length u32 | payload | crc32c u32}; the CRC covers kind, length and payload,
 * so a reader can tell an intact chunk from a torn or corrupt one and stop or resynchronise there.
 */
public final class RecordFormat {
    private RecordFormat() {}

    /** PNG-style signature: a high byte, the name, CR LF, ^Z, LF (catches text-mode transfers). */
    public static final byte[] MAGIC = {(byte) 0x89, 'J', 'D', 'R', '\r', '\n', 0x1a, '\n'};

    public static final int VERSION = 1;

    /** Magic + u16 version. */
    public static final int PREAMBLE_BYTES = MAGIC.length + 2;

    /** kind u8 + length u32 before the payload, crc32c u32 after it. */
    public static final int CHUNK_OVERHEAD = 1 + 4 + 4;

    /** Largest payload a reader accepts; bigger lengths are treated as corruption. */
    public static final int MAX_PAYLOAD = 256 << 20;

    public static final int KIND_HEADER = 1;
    public static final int KIND_SNAPSHOT = 2;
    public static final int KIND_SIDE_DATA = 3;
    public static final int KIND_END = 4;

    /** Side-data kind for attributes committed while recording (tuned or changed intervals). */
    public static final String SIDE_ATTRIBUTES = "damon.attrs";

    /** Header property naming the access-check primitive (e.g. {@code page_table}, {@code sim}). */
    public static final String PROP_ACCESS_PRIMITIVE = "access_primitive";

    /**
     * Header property set to {@link #AGES_UNRECORDED} when the source stored no region ages (damo's old
     * traces and records without {@code age}); the ages then read as 0, and damo's raw form prints -1.
     */
    public static final String PROP_AGES = "ages";

    public static final String AGES_UNRECORDED = "unrecorded";

    /**
     * Header property present when the source stored no monitoring intervals ({@code inferred} from the
     * snapshot times, or {@code unrecorded}): damo's record {@code intervals} is None, its heatmaps count
     * samples instead of Hz.
     */
    public static final String PROP_INTERVALS = "intervals";

    /** Whether the record's monitoring intervals were recorded (not inferred or defaulted). */
    public static boolean intervalsRecorded(RecordHeader h) {
        return !h.properties().containsKey(PROP_INTERVALS);
    }

    /** Header property naming the source format when a record was converted from another tool's file. */
    public static final String PROP_SOURCE_FORMAT = "source_format";

    /** This build's version as written into headers (the jar's implementation version when packaged). */
    public static String toolVersion() {
        String v = RecordFormat.class.getPackage().getImplementationVersion();
        return "jdamon " + (v != null ? v : "0.1.0-dev");
    }

    static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static String kindName(int kind) {
        return switch (kind) {
            case KIND_HEADER -> "header";
            case KIND_SNAPSHOT -> "snapshot";
            case KIND_SIDE_DATA -> "side data";
            case KIND_END -> "end";
            default -> "kind " + kind;
        };
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
