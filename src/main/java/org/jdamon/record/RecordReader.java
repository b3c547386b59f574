package org.jdamon.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jdamon.core.Attributes;

/**
 * Reads a jdamon record file, whole ({@link #read}) or one snapshot at a time ({@link #open}, {@link
 * #nextSnapshot}) for files too big to hold in memory.
 *
 * <p>Damage never hides intact data: a torn last chunk, a chunk whose CRC does not match, or one that does
 * not decode is skipped, and the reader resumes at the next chunk whose CRC is right (it scans forward
 * byte by byte when the damaged chunk's length cannot be trusted). Each skip becomes one warning line
 * naming the offset, the reason and the bytes skipped. Chunk kinds this version does not know are
 * skipped with one warning per kind. Only a file without an intact header, or of a newer format version,
 * cannot be read at all ({@link RecordFormatException}).
 */
public final class RecordReader implements RecordStream {
    /** {@link #tryChunk} results for a damaged chunk. */
    private static final int TORN = -1;
    private static final int BAD_LENGTH = -2;
    private static final int BAD_CRC = -3;

    private final Path path;
    private final FileChannel ch;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer frame = ByteBuffer.allocate(5);
    private byte[] buf = new byte[1 << 12];
    private final RecordHeader header;
    private final List<SideData> sideData = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<Integer, long[]> unknownKinds = new LinkedHashMap<>();
    private long pos;
    private long size;
    private boolean ended;
    private boolean eof;
    private long nrSnapshots;
    private boolean finished;
    /** Payload length of the chunk last validated by {@link #tryChunk}; the payload is in {@link #buf}. */
    private int payloadLen;

    private RecordReader(Path path) throws IOException {
        this.path = path;
        this.ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            this.size = ch.size();
            this.header = readPreambleAndHeader();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Opens {@code path} and reads its header; then call {@link #nextSnapshot()} until it returns null. */
    public static RecordReader open(Path path) throws IOException {
        return new RecordReader(path);
    }

    /** Reads the whole file into memory. */
    public static Recording read(Path path) throws IOException {
        try (RecordReader r = open(path)) {
            List<Snapshot> snapshots = new ArrayList<>();
            for (Snapshot s; (s = r.nextSnapshot()) != null; ) {
                snapshots.add(s);
            }
            return new Recording(r.header(), snapshots, r.sideData(), r.warnings());
        }
    }

    /** True when {@code head} (the first bytes of a file) starts with the jdamon record signature. */
    public static boolean isRecord(byte[] head) {
        return RecordFormat.hasMagic(head);
    }

    /** The attributes carried by a {@value RecordFormat#SIDE_ATTRIBUTES} side-data item. */
    public static Attributes attributesOf(SideData sd) {
        if (!RecordFormat.SIDE_ATTRIBUTES.equals(sd.kind())) {
            throw new IllegalArgumentException("not an attributes side data: " + sd.kind());
        }
        byte[] p = sd.payload();
        return ChunkCodec.decodeAttributes(new ChunkDecoder(p, 0, p.length));
    }

    @Override
    public RecordHeader header() {
        return header;
    }

    /** Side data read so far (all of it once {@link #nextSnapshot()} has returned null). */
    @Override
    public List<SideData> sideData() {
        return List.copyOf(sideData);
    }

    /** What was skipped so far, one line each; complete once {@link #nextSnapshot()} returned null. */
    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The next intact snapshot, or null at the end of the file. */
    @Override
    public Snapshot nextSnapshot() throws IOException {
        while (!eof) {
            long at = pos;
            int kind = nextChunk();
            if (kind < 0) {
                break;
            }
            try {
                switch (kind) {
                    case RecordFormat.KIND_SNAPSHOT -> {
                        Snapshot s = ChunkCodec.decodeSnapshot(payload());
                        nrSnapshots++;
                        return s;
                    }
                    case RecordFormat.KIND_SIDE_DATA -> sideData.add(ChunkCodec.decodeSideData(payload()));
                    case RecordFormat.KIND_END -> ended = true;
                    case RecordFormat.KIND_HEADER -> warnings.add(
                            "offset %d: a second header chunk; ignored".formatted(at));
                    default -> {
                        long[] seen = unknownKinds.computeIfAbsent(kind, k -> new long[3]);
                        if (seen[0]++ == 0) {
                            seen[1] = at;
                        }
                        seen[2] += payloadLen + RecordFormat.CHUNK_OVERHEAD;
                    }
                }
            } catch (MalformedChunkException e) {
                warnings.add("offset %d: malformed %s chunk (%s); skipped %d bytes"
                        .formatted(at, RecordFormat.kindName(kind), e.getMessage(), pos - at));
            }
        }
        finish();
        return null;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (Map.Entry<Integer, long[]> e : unknownKinds.entrySet()) {
            long[] s = e.getValue();
            warnings.add("offset %d: %d chunk(s) of unknown kind %d (written by a newer jdamon?); skipped %d bytes"
                    .formatted(s[1], s[0], e.getKey(), s[2]));
        }
        if (!ended) {
            warnings.add("no end marker: the record was not closed (interrupted?); read %d intact snapshot(s)"
                    .formatted(nrSnapshots));
        }
    }

    // ---- chunk framing --------------------------------------------------------------------------

    private ChunkDecoder payload() {
        return new ChunkDecoder(buf, 0, payloadLen);
    }

    private RecordHeader readPreambleAndHeader() throws IOException {
        byte[] pre = new byte[RecordFormat.PREAMBLE_BYTES];
        int n = readAt(0, pre, pre.length);
        if (n < RecordFormat.MAGIC.length || !RecordFormat.hasMagic(pre)) {
            throw new RecordFormatException(
                    size == 0 ? path + ": empty file, not a record" : path + ": not a jdamon record file");
        }
        if (n < pre.length) {
            throw new RecordFormatException(path + ": truncated record (" + size + " bytes, no header)");
        }
        int version = ((pre[8] & 0xFF) << 8) | (pre[9] & 0xFF);
        if (version > RecordFormat.VERSION) {
            throw new RecordFormatException("%s: record format version %d is newer than this jdamon reads (%d); use a newer jdamon"
                    .formatted(path, version, RecordFormat.VERSION));
        }
        if (version < 1) {
            throw new RecordFormatException(path + ": invalid record format version " + version);
        }
        pos = pre.length;
        int before = warnings.size();
        int kind = nextChunk();
        if (kind != RecordFormat.KIND_HEADER || pos != RecordFormat.PREAMBLE_BYTES + RecordFormat.CHUNK_OVERHEAD + payloadLen) {
            String why = kind < 0 && warnings.size() > before ? warnings.get(warnings.size() - 1)
                    : "first chunk is not a header";
            throw new RecordFormatException(path + ": no intact header (" + why + ")");
        }
        try {
            return ChunkCodec.decodeHeader(payload(), version);
        } catch (MalformedChunkException e) {
            throw new RecordFormatException(path + ": malformed header (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads the chunk at {@link #pos} into {@link #buf}, skipping damaged bytes; returns its kind, or -1 at
     * the end of the file. Leaves {@link #pos} after the chunk.
     */
    private int nextChunk() throws IOException {
        while (true) {
            if (pos >= size) {
                size = ch.size();
                if (pos >= size) {
                    eof = true;
                    return -1;
                }
            }
            long at = pos;
            long left = size - at;
            int kind = tryChunk(at);
            if (kind >= 0) {
                pos = at + RecordFormat.CHUNK_OVERHEAD + payloadLen;
                return kind;
            }
            String reason = switch (kind) {
                case TORN -> "truncated chunk";
                case BAD_LENGTH -> "corrupt chunk length";
                default -> "corrupt chunk (CRC mismatch)";
            };
            long next = resync(at + 1);
            if (next < 0) {
                warnings.add("offset %d: %s; skipped the last %d bytes".formatted(at, reason, left));
                pos = size;
                eof = true;
                return -1;
            }
            warnings.add("offset %d: %s; skipped %d bytes up to the next intact chunk at offset %d"
                    .formatted(at, reason, next - at, next));
            pos = next;
        }
    }

    /** Validates the chunk at {@code at}; its payload lands in {@link #buf}. Negative codes on failure. */
    private int tryChunk(long at) throws IOException {
        if (readAt(at, frame.array(), 5) < 5) {
            return TORN;
        }
        int kind = frame.get(0) & 0xFF;
        int len = frame.getInt(1);
        if (len < 0 || len > RecordFormat.MAX_PAYLOAD) {
            return BAD_LENGTH;
        }
        if (at + RecordFormat.CHUNK_OVERHEAD + len > size) {
            return TORN;
        }
        if (buf.length < len + 4) {
            buf = new byte[Math.max(len + 4, buf.length * 2)];
        }
        if (readAt(at + 5, buf, len + 4) < len + 4) {
            return TORN;
        }
        crc.reset();
        crc.update(frame.array(), 0, 5);
        crc.update(buf, 0, len);
        int stored = ((buf[len] & 0xFF) << 24) | ((buf[len + 1] & 0xFF) << 16)
                | ((buf[len + 2] & 0xFF) << 8) | (buf[len + 3] & 0xFF);
        if ((int) crc.getValue() != stored) {
            return BAD_CRC;
        }
        payloadLen = len;
        return kind;
    }

    /** The offset of the first intact chunk of a known kind at or after {@code from}, or -1. */
    private long resync(long from) throws IOException {
        byte[] kinds = new byte[1 << 16];
        for (long base = from; base < size; base += kinds.length) {
            int n = readAt(base, kinds, (int) Math.min(kinds.length, size - base));
            for (int i = 0; i < n; i++) {
                int k = kinds[i];
                if (k >= RecordFormat.KIND_HEADER && k <= RecordFormat.KIND_END && tryChunk(base + i) >= 0) {
                    return base + i;
                }
            }
        }
        return -1;
    }

    private int readAt(long at, byte[] dst, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(dst, 0, len);
        while (bb.hasRemaining()) {
            int r = ch.read(bb, at + bb.position());
            if (r <= 0) {
                break;
            }
        }
        return bb.position();
    }
}
