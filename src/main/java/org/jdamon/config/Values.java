package org.jdamon.config;

import java.math.BigDecimal;
import java.util.Locale;
import org.jdamon.core.Units;

/**
 * damo's value syntax for configurations: sizes and durations with units (parsed by {@link Units}),
 * ratios with a {@code %} suffix or bare in the field's own unit, {@code min}/{@code max}, and
 * thousands separators. Formatting is exact, so a printed configuration reads back to the same values:
 * {@code "128 MiB"}, {@code "100 ms"}, {@code "50.1 %"}, {@code "max"}.
 */
public final class Values {
    /** "No upper bound" for every field. */
    public static final long MAX = Long.MAX_VALUE;

    private Values() {}

    public static long size(String text) {
        return isHugeInteger(strip(text).trim()) ? MAX : Units.parseSize(text);
    }

    /** damo writes ULONG_MAX and its multiples as plain digits: at or past 2^63 - 1 they mean "no bound". */
    private static boolean isHugeInteger(String s) {
        return s.length() >= 19 && s.chars().allMatch(Character::isDigit)
                && new java.math.BigInteger(s).compareTo(java.math.BigInteger.valueOf(MAX)) >= 0;
    }

    /** Microseconds, compound forms like {@code "1 m 30 s"} allowed; a bare number is in {@code bareUnitUs}. */
    public static long durationUs(String text, long bareUnitUs) {
        return Units.parseDurationUs(text, bareUnitUs);
    }

    /** Milliseconds (a bare number is in ms); {@code max} stays {@link #MAX}. */
    public static long durationMs(String text) {
        long us = durationUs(text, 1_000);
        return us == MAX ? MAX : us / 1_000;
    }

    public static String formatDurationMs(long ms) {
        return ms == MAX ? "max" : ms == 0 ? "0 ms" : formatDurationUs(ms * 1_000);
    }

    /**
     * A ratio in the field's unit: {@code "50%"} is converted with {@code unitsPerPercent} (10 for permil,
     * 100 for basis points, 1 for percent); a bare number is taken as is.
     */
    public static long ratio(String text, long unitsPerPercent) {
        String s = strip(text).trim().toLowerCase(Locale.ROOT);
        if (s.equals("min")) {
            return 0;
        }
        if (s.equals("max")) {
            return MAX;
        }
        try {
            if (s.endsWith("%")) {
                BigDecimal v = new BigDecimal(s.substring(0, s.length() - 1).trim());
                return nonNegative(v.multiply(BigDecimal.valueOf(unitsPerPercent)).longValue(), text);
            }
            return nonNegative(new BigDecimal(s).longValue(), text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid ratio '" + text + "' (expected e.g. 50%, 12.5 %, 500)");
        }
    }

    /** A plain count or id; {@code min}/{@code max} allowed. */
    public static long integer(String text) {
        String s = strip(text).trim().toLowerCase(Locale.ROOT);
        if (s.equals("min")) {
            return 0;
        }
        if (s.equals("max") || isHugeInteger(s)) {
            return MAX;
        }
        try {
            return nonNegative(Long.decode(s), text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number '" + text + "'");
        }
    }

    private static long nonNegative(long v, String text) {
        if (v < 0) {
            throw new IllegalArgumentException("negative value '" + text + "'");
        }
        return v;
    }

    private static String strip(String text) {
        return text.replace(",", "");
    }

    public static String formatSize(long bytes) {
        if (bytes == MAX) {
            return "max";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }

    public static String formatDurationUs(long us) {
        if (us == MAX) {
            return "max";
        }
        if (us == 0) {
            return "0 us";
        }
        long[] div = {60_000_000L * 60, 60_000_000L, 1_000_000L, 1_000L, 1L};
        String[] unit = {"h", "m", "s", "ms", "us"};
        for (int i = 0; i < div.length; i++) {
            if (us % div[i] == 0) {
                return us / div[i] + " " + unit[i];
            }
        }
        throw new AssertionError();
    }

    /** A value in a unit with {@code unitsPerPercent} per percent as an exact percentage string. */
    public static String formatRatio(long value, long unitsPerPercent) {
        if (value == MAX) {
            return "max";
        }
        BigDecimal pct = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unitsPerPercent));
        return pct.stripTrailingZeros().toPlainString() + " %";
    }

    public static String formatInteger(long v) {
        return v == MAX ? "max" : Long.toString(v);
    }
}
