package org.jdamon.core;

import java.util.Locale;

/**
 * damo's units, in one place: sizes with binary suffixes ({@code 4K}, {@code 100M}, {@code 1G},
 * {@code 2T}, also {@code KiB}/{@code KB}/{@code B} forms), durations ({@code 5ms}, {@code 1s},
 * {@code 2m}, {@code 100us}, {@code 10ns}, plain numbers in the caller's default unit) and the keywords
 * {@code min} and {@code max}. Parse errors are {@link IllegalArgumentException}s naming the input.
 */
public final class Units {
    private Units() {}

    /** Bytes from {@code "4K"}, {@code "1.5 GiB"}, {@code "4096"}, {@code "min"} (0), {@code "max"}. */
    public static long parseSize(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace(",", "");
        if (s.equals("min")) {
            return 0;
        }
        if (s.equals("max")) {
            return Long.MAX_VALUE;
        }
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        long mult = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> mult = 1L << 10;
                case 'm' -> mult = 1L << 20;
                case 'g' -> mult = 1L << 30;
                case 't' -> mult = 1L << 40;
                case 'p' -> mult = 1L << 50;
                default -> mult = 1;
            }
            if (mult != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            if (s.contains(".")) {
                double v = Double.parseDouble(s) * mult;
                if (v < 0 || v > Long.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                return (long) v;
            }
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid size '" + text + "' (expected e.g. 4096, 4K, 100M, 1G)");
        }
    }

    /**
     * Microseconds from {@code "5ms"}, {@code "1s"}, {@code "2m"}, or compound {@code "1 m 30 s"} (summed);
     * a bare number is in {@code bareUnitUs}.
     */
    public static long parseDurationUs(String text, long bareUnitUs) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(",", "");
        if (s.equals("min")) {
            return 0;
        }
        if (s.equals("max")) {
            return Long.MAX_VALUE;
        }
        java.util.regex.Matcher m = DURATION_TERM.matcher(s);
        double totalUs = 0;
        int end = 0;
        boolean any = false;
        while (m.find() && m.start() == end) {
            totalUs += Double.parseDouble(m.group(1)) * unitUs(m.group(2), bareUnitUs);
            end = m.end();
            any = true;
        }
        if (!any || end != s.length()) {
            throw new IllegalArgumentException(
                    "invalid duration '" + text + "' (expected e.g. 5ms, 100ms, 1s, 2m, 1 m 30 s)");
        }
        return Math.round(totalUs);
    }

    private static final java.util.regex.Pattern DURATION_TERM =
            java.util.regex.Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h|d|)\\s*");

    private static double unitUs(String unit, long bareUnitUs) {
        return switch (unit) {
            case "ns" -> 0.001;
            case "us" -> 1;
            case "ms" -> 1_000;
            case "s" -> 1_000_000;
            case "m" -> 60_000_000;
            case "h" -> 3_600_000_000.0;
            case "d" -> 86_400_000_000.0;
            default -> bareUnitUs;
        };
    }

    /** Human size like damo's: {@code 4.000 KiB}, {@code 1.500 GiB}, {@code 512 B}. */
    public static String formatSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.3f %s", v, units[u]);
    }

    /** Human duration like damo's: {@code 5 ms}, {@code 1 s 100 ms}, {@code 2 m 3 s}. */
    public static String formatDurationUs(long us) {
        if (us < 1_000) {
            return us + " us";
        }
        if (us < 1_000_000) {
            return trim(us / 1_000.0) + " ms";
        }
        if (us < 60_000_000) {
            return trim(us / 1_000_000.0) + " s";
        }
        long s = us / 1_000_000;
        return (s / 60) + " m " + (s % 60) + " s";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
