package org.jdamon.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.core.Units;

/**
 * Reads the files users hand us (configurations, damo's records) with an explicit size bound, so that
 * {@code /dev/zero}, a FIFO that never ends or a mistaken multi-gigabyte file is a one-line error naming
 * the file and the limit instead of an {@link OutOfMemoryError}; text must be UTF-8, and a byte that is
 * not is reported with its line and offset.
 */
public final class InputFiles {
    /** Configuration files (kdamonds JSON, masim): far beyond any real one. */
    public static final long MAX_CONFIG_BYTES = 16L << 20;

    private InputFiles() {}

    /** At most {@code maxBytes} of {@code file}; longer content (even from a device or pipe) is an error. */
    public static byte[] readBounded(Path file, long maxBytes, String kind) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (data.length > maxBytes) {
                throw new InputFileException(file.toString(), 0,
                        "larger than " + Units.formatSizeExact(maxBytes) + ", the limit for " + kind);
            }
            return data;
        }
    }

    /** A bounded file decoded as strict UTF-8. */
    public static String readUtf8(Path file, long maxBytes, String kind) throws IOException {
        return decodeUtf8(readBounded(file, maxBytes, kind), file.toString());
    }

    /** Strict UTF-8; a malformed byte sequence is an error naming {@code name}, its line and byte offset. */
    public static String decodeUtf8(byte[] data, String name) throws InputFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (data[i] == '\n') {
                    line++;
                }
            }
            throw new InputFileException(name, line, "not UTF-8 text (byte 0x%02X at offset %d)"
                    .formatted(data[offset] & 0xFF, offset));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
