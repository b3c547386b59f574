package org.jdamon.record.damo;

import java.math.BigDecimal;
import org.jdamon.core.UnsignedMath;
import org.jdamon.core.Units;

/**
 * Reads the number strings of damo's JSON records, which hold plain digits ({@code "4096"}),
 * comma-grouped digits ({@code "4,096"}), human units ({@code "4.000 KiB"}, {@code "5 ms"},
 * {@code "1 m 30 s"}) or the keywords {@code min}/{@code max}: counts and addresses as unsigned 64-bit
 * values ({@code max} is 2^64-1), everything with a unit through {@link Units}'s grammar.
 */
final class DamoNumbers {
    private DamoNumbers() {}

    /** A count or an address: the 64 bits of an unsigned value; {@code max} is 2^64-1. */
    static long nr(String text) {
        String s = text.trim().replace(",", "");
        if (s.equals("max")) {
            return UnsignedMath.ULONG_MAX;
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

    /** Nanoseconds in {@link Units}'s duration grammar; a bare number is ns. */
    static long ns(String text) {
        return Units.parseDurationNs(text, 1);
    }

    /** Microseconds in {@link Units}'s duration grammar; a bare number is us. */
    static long us(String text) {
        return Units.parseDurationUs(text, 1);
    }

    /** Basis points from {@code "4 %"}, {@code "400 bp"} or a bare bp number. */
    static long bp(String text) {
        return Units.parseRatio(text, 100);
    }

    /** A percentage from {@code "50 %"} or {@code "50"}. */
    static double percent(String text) {
        return Units.parsePercent(text);
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
