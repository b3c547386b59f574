package org.jdamon.ops.linux.procfs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the kernel's "key value" text files: {@code /proc/meminfo}, {@code /proc/PID/status}, the
 * per-mapping fields of {@code smaps} ({@code Key:   123 kB}) and cgroup v2 {@code memory.stat}
 * ({@code key 123}). Values with a {@code kB} unit become bytes; lines whose value is not one integer
 * (e.g. {@code Name: bash}, {@code VmFlags: rd wr}) are skipped.
 */
public final class KeyValues {
    private KeyValues() {}

    public static Map<String, Long> parse(String text, String source) {
        Map<String, Long> out = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (!line.isBlank()) {
                putLine(out, line, source, lineNo);
            }
        }
        return out;
    }

    static void putLine(Map<String, Long> out, String line, String source, int lineNo) {
        int colon = line.indexOf(':');
        int sep = colon >= 0 ? colon : line.indexOf(' ');
        if (sep <= 0) {
            throw new IllegalArgumentException(source + ":" + lineNo + ": expected 'key value', got '" + line + "'");
        }
        String key = line.substring(0, sep).trim();
        String value = line.substring(sep + 1).trim();
        long mult = 1;
        if (value.endsWith(" kB")) {
            mult = 1024;
            value = value.substring(0, value.length() - 3).trim();
        }
        if (value.isEmpty() || !isInteger(value)) {
            return;
        }
        out.put(key, Long.parseLong(value) * mult);
    }

    private static boolean isInteger(String s) {
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length() || s.length() - i > 18) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code key}, or a clear error naming the file when it is missing. */
    public static long require(Map<String, Long> values, String key, String source) {
        Long v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": no '" + key + "' field");
        }
        return v;
    }
}
