package org.jdamon.record;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.jdamon.io.InputFileException;
import org.jdamon.io.InputFiles;
import org.jdamon.record.damo.DamoJsonRecord;
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

    /** damo's formats are parsed whole: a larger file (or an endless device) is refused with this limit. */
    public static final long MAX_IN_MEMORY_BYTES = 256L << 20;

    /** jdamon's default record file name. */
    public static final String DEFAULT_NAME = "jdamon.data";

    /**
     * Opens any record format for reading one snapshot at a time: jdamon files stream from disk, damo's
     * formats are parsed into memory first.
     */
    public static RecordStream open(Path path) throws IOException {
        if (isJdamonRecord(path)) {
            return RecordReader.open(path);
        }
        return RecordStream.of(read(path));
    }

    /**
     * A source for repeated passes: jdamon files are reopened and streamed each time, damo's formats
     * parsed once here and replayed from memory.
     */
    public static RecordSource source(Path path) throws IOException {
        if (isJdamonRecord(path)) {
            RecordReader.open(path).close(); // fail now, with the file's name, if it cannot be read
            return () -> RecordReader.open(path);
        }
        return RecordSource.of(read(path));
    }

    private static boolean isJdamonRecord(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return RecordReader.isRecord(in.readNBytes(RecordFormat.MAGIC.length));
        }
    }

    public static Recording read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (Files.isDirectory(path)) {
            throw new RecordFormatException(path + ": is a directory, not a record file");
        }
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            throw new RecordFormatException(path + ": empty file, not a record");
        }
        if (RecordReader.isRecord(head)) {
            return RecordReader.read(path);
        }
        byte[] data;
        try {
            data = InputFiles.readBounded(path, MAX_IN_MEMORY_BYTES, "damo's record formats, which are read into memory");
        } catch (InputFileException e) {
            throw new RecordFormatException(e.getMessage());
        }
        try {
            if (isGzip(data)) {
                return DamoJsonRecord.read(new GZIPInputStream(new ByteArrayInputStream(data)),
                        "damo json_compressed (gzip)");
            }
            if (isZlib(data)) {
                return DamoJsonRecord.read(new InflaterInputStream(new ByteArrayInputStream(data)),
                        "damo json_compressed");
            }
            if (startsLikeJson(data)) {
                return DamoJsonRecord.read(new ByteArrayInputStream(data), "damo json");
            }
            if (DamoPerfScript.looksLike(new String(data, 0, Math.min(data.length, 1 << 16), StandardCharsets.ISO_8859_1))) {
                return DamoPerfScript.read(new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8));
            }
            if (DamoLegacyRecord.looksLegacy(data)) {
                return DamoLegacyRecord.read(data);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new RecordFormatException(path + ": truncated or corrupt compressed record (" + e.getMessage() + ")");
        } catch (RecordFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new RecordFormatException(path + ": " + e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            // a value damo's parsers could not take (a number out of range) anywhere in the file
            throw new RecordFormatException(path + ": " + (e instanceof NumberFormatException ? "bad number: " : "")
                    + e.getMessage());
        }
        throw new RecordFormatException(path
                + ": not a record file (neither jdamon's format nor damo's json, json_compressed, perf_script or damon.data)");
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
