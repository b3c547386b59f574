package org.jdamon.config;

import java.util.Locale;
import org.jdamon.core.Units;

/**
 * What configurations add to {@link Units}'s grammar: {@link #MAX} as "no bound" (and damo's ULONG_MAX,
 * written as plain digits, read as it), millisecond fields, and plain counts; sizes, durations and
 * ratios are parsed and printed (in its exact style) by {@link Units}.
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

    /** Milliseconds (a bare number is in ms); {@code max} stays {@link #MAX}. */
    public static long durationMs(String text) {
        long us = Units.parseDurationUs(text, 1_000);
        return us == MAX ? MAX : us / 1_000;
    }

    public static String formatDurationMs(long ms) {
        return ms == MAX ? "max" : ms == 0 ? "0 ms" : Units.formatDurationUsExact(ms * 1_000);
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

    public static String formatInteger(long v) {
        return v == MAX ? "max" : Long.toString(v);
    }
}
