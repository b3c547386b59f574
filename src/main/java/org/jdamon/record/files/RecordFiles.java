package org.jdamon.record.files;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jdamon.io.InputFileException;
import org.jdamon.io.InputFiles;
import org.jdamon.io.ZlibInput;
import org.jdamon.record.RecordFormatException;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordReader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.record.damo.DamoJsonStream;
import org.jdamon.record.damo.DamoLegacyRecord;
import org.jdamon.record.damo.DamoPerfScript;

/**
 * Reads any record file reports accept, recognising the format from its content (not its name): jdamon's
 * own format, damo's {@code json}, {@code json_compressed} (zlib, or gzip), {@code perf_script} text and
 * the old binary {@code damon.data}. Every failure is a {@link RecordFormatException} or other {@link IOException}
 * whose message starts with the file name.
 */
public final class RecordFiles {
    private RecordFiles() {}

    /** damo's old binary format is parsed whole: a larger file (or an endless device) is refused with this limit. */
    public static final long MAX_IN_MEMORY_BYTES = 256L << 20;

    /** jdamon's default record file name. */
    public static final String DEFAULT_NAME = "jdamon.data";

    /**
     * Opens any record format for reading one snapshot at a time: jdamon files, damo's {@code json},
     * {@code json_compressed} and {@code perf_script} stream from disk (damo's one target per snapshot, see
     * {@link DamoJsonStream} and {@link DamoPerfScript}); the old binary {@code damon.data} is parsed into
     * memory first.
     */
    public static RecordStream open(Path path) throws IOException {
        return source(path).open();
    }

    /**
     * A source for repeated passes: every format but the old binary {@code damon.data} (parsed once here and
     * replayed from memory) is reopened and streamed each time. Fails now, with the file's name, if the file
     * cannot be read.
     */
    public static RecordSource source(Path path) throws IOException {
        Kind kind = kind(path);
        return switch (kind) {
            case JDAMON -> {
                RecordReader.open(path).close();
                yield () -> RecordReader.open(path);
            }
            case JSON, JSON_ZLIB, JSON_GZIP -> {
                openJson(path, kind).close();
                yield () -> naming(path, openJson(path, kind));
            }
            case PERF_SCRIPT -> {
                RecordSource s = failingWithName(path, () -> DamoPerfScript.source(path));
                yield () -> naming(path, failingWithName(path, s::open));
            }
            case OTHER -> RecordSource.of(read(path));
        };
    }

    /**
     * Reads a whole record into memory. damo's per-target series are joined: the k-th snapshots of all
     * targets form the k-th snapshot, timed by the first target that has one.
     */
    public static Recording read(Path path) throws IOException {
        Kind kind = kind(path);
        if (kind == Kind.JDAMON) {
            return RecordReader.read(path);
        }
        if (kind != Kind.OTHER) {
            try (RecordStream s = source(path).open()) {
                return failingWithName(path, () -> joinTargets(s));
            }
        }
        byte[] data;
        try {
            data = InputFiles.readBounded(path, MAX_IN_MEMORY_BYTES, "damo's old binary damon.data, which is read into memory");
        } catch (InputFileException e) {
            throw new RecordFormatException(e.getMessage());
        }
        if (DamoLegacyRecord.looksLegacy(data)) {
            return failingWithName(path, () -> DamoLegacyRecord.read(data));
        }
        throw new RecordFormatException(path
                + ": not a record file (neither jdamon's format nor damo's json, json_compressed, perf_script or damon.data)");
    }

    private static Recording joinTargets(RecordStream s) throws IOException {
        Map<Integer, List<Snapshot>> series = new LinkedHashMap<>();
        int longest = 0;
        for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
            for (TargetSnapshot t : snap.targets()) {
                List<Snapshot> l = series.computeIfAbsent(t.targetId(), k -> new ArrayList<>());
                l.add(snap);
                longest = Math.max(longest, l.size());
            }
        }
        List<Snapshot> joined = new ArrayList<>(longest);
        for (int k = 0; k < longest; k++) {
            List<TargetSnapshot> ts = new ArrayList<>();
            Snapshot timing = null;
            for (Map.Entry<Integer, List<Snapshot>> e : series.entrySet()) {
                if (k < e.getValue().size()) {
                    Snapshot snap = e.getValue().get(k);
                    timing = timing == null ? snap : timing;
                    ts.add(snap.target(e.getKey()));
                }
            }
            joined.add(new Snapshot(timing.startNs(), timing.endNs(), ts));
        }
        return new Recording(s.header(), joined, s.sideData(), s.warnings());
    }

    private enum Kind { JDAMON, JSON, JSON_ZLIB, JSON_GZIP, PERF_SCRIPT, OTHER }

    /** The format of {@code path} from its first bytes; the file must exist and be a non-empty file. */
    private static Kind kind(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (Files.isDirectory(path)) {
            throw new RecordFormatException(path + ": is a directory, not a record file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(1 << 16);
        }
        if (head.length == 0) {
            throw new RecordFormatException(path + ": empty file, not a record");
        }
        if (RecordReader.isRecord(head)) {
            return Kind.JDAMON;
        }
        if (isGzip(head)) {
            return Kind.JSON_GZIP;
        }
        if (isZlib(head)) {
            return Kind.JSON_ZLIB;
        }
        if (startsLikeJson(head)) {
            return Kind.JSON;
        }
        return DamoPerfScript.looksLike(new String(head, StandardCharsets.ISO_8859_1)) ? Kind.PERF_SCRIPT : Kind.OTHER;
    }

    private static RecordStream openJson(Path path, Kind kind) throws IOException {
        return failingWithName(path, () -> {
            InputStream file = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            return switch (kind) {
                case JSON_GZIP -> DamoJsonStream.open(new GZIPInputStream(file, 1 << 16), "damo json_compressed (gzip)");
                case JSON_ZLIB -> DamoJsonStream.open(ZlibInput.open(file, Files.size(path)), "damo json_compressed");
                default -> DamoJsonStream.open(file, "damo json");
            };
        });
    }

    /** {@code stream}, whose failures while reading snapshots also name the file (damo's readers say where in it). */
    private static RecordStream naming(Path path, RecordStream stream) {
        return new RecordStream() {
            @Override
            public RecordHeader header() {
                return stream.header();
            }

            @Override
            public boolean headerGrows() {
                return stream.headerGrows();
            }

            @Override
            public Snapshot nextSnapshot() throws IOException {
                return failingWithName(path, stream::nextSnapshot);
            }

            @Override
            public List<SideData> sideData() {
                return stream.sideData();
            }

            @Override
            public List<String> warnings() {
                return stream.warnings();
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    /** Runs {@code read}, turning its failures into {@link RecordFormatException}s that name the file. */
    private static <T> T failingWithName(Path path, Read<T> read) throws IOException {
        try {
            return read.get();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (RecordFormatException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(path.toString()) ? e
                    : new RecordFormatException(path + ": " + e.getMessage());
        } catch (ZipException | EOFException e) {
            throw new RecordFormatException(path + ": truncated or corrupt compressed record (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new RecordFormatException(path + ": " + e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            // a value damo's parsers could not take (a number out of range) anywhere in the file
            throw new RecordFormatException(path + ": " + (e instanceof NumberFormatException ? "bad number: " : "")
                    + e.getMessage());
        }
    }

    static boolean isGzip(byte[] d) {
        return d.length >= 2 && (d[0] & 0xFF) == 0x1f && (d[1] & 0xFF) == 0x8b;
    }

    /** RFC 1950 header: deflate method, 32K window or less, and a valid header checksum. */
    static boolean isZlib(byte[] d) {
        if (d.length < 2) {
            return false;
        }
        int cmf = d[0] & 0xFF;
        int flg = d[1] & 0xFF;
        return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    static boolean startsLikeJson(byte[] d) {
        for (byte b : d) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '[' || b == '{';
        }
        return false;
    }
}
