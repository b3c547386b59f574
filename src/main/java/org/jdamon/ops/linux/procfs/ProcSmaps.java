package org.jdamon.ops.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses {@code /proc/PID/smaps}: each mapping followed by its per-mapping counters (Rss, Referenced, ...). */
public final class ProcSmaps {
    /** One mapping and its counters, sizes in bytes ({@code Rss}, {@code Referenced}, {@code AnonHugePages}, ...). */
    public record Entry(Mapping mapping, Map<String, Long> fields) {
        public long field(String key) {
            return fields.getOrDefault(key, 0L);
        }
    }

    private ProcSmaps() {}

    public static List<Entry> read(long pid) throws IOException {
        Path p = Path.of("/proc", Long.toString(pid), "smaps");
        return parse(Files.readString(p), p.toString());
    }

    public static List<Entry> readSelf() throws IOException {
        Path p = Path.of("/proc/self/smaps");
        return parse(Files.readString(p), p.toString());
    }

    public static List<Entry> parse(String text, String source) {
        List<Entry> out = new ArrayList<>();
        Mapping current = null;
        Map<String, Long> fields = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (isMappingLine(line)) {
                if (current != null) {
                    out.add(new Entry(current, fields));
                }
                current = ProcMaps.parseLine(line, source, lineNo);
                fields = new java.util.LinkedHashMap<>();
            } else if (current == null) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": field before any mapping: '" + line + "'");
            } else {
                KeyValues.putLine(fields, line, source, lineNo);
            }
        }
        if (current != null) {
            out.add(new Entry(current, fields));
        }
        return out;
    }

    /** Mapping header lines start with {@code hex-hex }; field lines with a capitalised key and a colon. */
    private static boolean isMappingLine(String line) {
        int dash = line.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        for (int i = 0; i < dash; i++) {
            if (Character.digit(line.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The entry whose mapping starts at {@code start}, or null. */
    public static Entry find(List<Entry> entries, long start) {
        for (Entry e : entries) {
            if (e.mapping().start() == start) {
                return e;
            }
        }
        return null;
    }
}
