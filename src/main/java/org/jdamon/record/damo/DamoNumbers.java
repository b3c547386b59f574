package org.jdamon.record.damo;

import java.math.BigDecimal;
import java.util.Locale;
import org.jdamon.core.Units;

/**
 * Parses the number strings of damo's JSON records, which hold plain digits ({@code "4096"}),
 * comma-grouped digits ({@code "4,096"}), human units ({@code "4.000 KiB"}, {@code "5 ms"},
 * {@code "1 m 30 s"}) or the keywords {@code min}/{@code max}, the way damo's own parsers read them.
 */
final class DamoNumbers {
    private DamoNumbers() {}

    private static final long ULONG_MAX = -1L;

    /** A count or an address: the 64 bits of an unsigned value; {@code max} is 2^64-1. */
    static long nr(String text) {
        String s = text.trim().replace(",", "");
        if (s.equals("max")) {
            return ULONG_MAX;
        }
        if (s.equals("min")) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            // fall through: unsigned above 2^63 or a fraction
        }
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            // fall through
        }
        try {
            return new BigDecimal(s).longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'");
        }
    }

    /** Bytes: a number, or a number with a binary unit ({@code 4 KiB}, {@code 1.5 G}). */
    static long bytes(String text) {
        String s = text.trim().replace(",", "");
        if (isPlainNumber(s) || s.equals("max") || s.equals("min")) {
            return nr(s);
        }
        return Units.parseSize(s);
    }

    /** Nanoseconds: a bare number is ns; units ns/us/ms/s/m/h/d, possibly several summed. */
    static long ns(String text) {
        return time(text, 1);
    }

    /** Microseconds: a bare number is us. */
    static long us(String text) {
        return time(text, 1_000) / 1_000;
    }

    private static long time(String text, long bareUnitNs) {
        String s = text.trim().replace(",", "").toLowerCase(Locale.ROOT);
        if (s.equals("max")) {
            return Long.MAX_VALUE;
        }
        if (s.equals("min")) {
            return 0;
        }
        if (isPlainNumber(s)) {
            return Math.round(Double.parseDouble(s) * bareUnitNs);
        }
        // tokens like "1", "m", "30", "s" or "1m", "30s"
        String[] tokens = s.replaceAll("([0-9.])([a-z])", "$1 $2").trim().split("\\s+");
        double total = 0;
        for (int i = 0; i < tokens.length; i += 2) {
            if (i + 1 >= tokens.length || !isPlainNumber(tokens[i])) {
                throw new IllegalArgumentException("not a time: '" + text + "'");
            }
            total += Double.parseDouble(tokens[i]) * unitNs(tokens[i + 1], text);
        }
        return Math.round(total);
    }

    private static long unitNs(String unit, String text) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalArgumentException("not a time: '" + text + "'");
        };
    }

    /** Basis points from {@code "4 %"}, {@code "400 bp"} or a bare bp number. */
    static long bp(String text) {
        String s = text.trim().replace(",", "");
        if (s.endsWith("%")) {
            return Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 100);
        }
        if (s.endsWith("bp")) {
            s = s.substring(0, s.length() - 2).trim();
        }
        return Math.round(Double.parseDouble(s));
    }

    /** A percentage from {@code "50 %"} or {@code "50"}. */
    static double percent(String text) {
        String s = text.trim().replace(",", "");
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        return Double.parseDouble(s);
    }

    private static boolean isPlainNumber(String s) {
        return s.matches("-?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?");
    }

    /** Target ids below this are damo's target indexes; larger ones are pids or kernel pointers. */
    static final int MAX_TARGET_INDEX = 1 << 20;

    /** A recorded target id as damo's target index (a small non-negative number), or -1. */
    static int targetIndex(String raw) {
        try {
            long v = Long.parseLong(raw.trim());
            return v >= 0 && v < MAX_TARGET_INDEX ? (int) v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
