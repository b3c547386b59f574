package org.jdamon.config;

import java.math.BigInteger;
import java.util.Locale;

/**
 * damo's number formatting for its kdamonds JSON ({@code _damo_fmt_str}), so that jdamon writes what
 * damo writes: thousands separators, sizes to three decimals of the binary unit, exact and rounded
 * durations, ratios as percentages, {@code max} for ULONG_MAX; in raw (machine-friendly) form plain
 * integers and {@code %f} ratios. jdamon's "no bound" ({@link Values#MAX}) is damo's ULONG_MAX.
 * Fractions use floating point like damo does.
 */
final class DamoText {
    static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final double ULONG_MAX_DOUBLE = ULONG_MAX.doubleValue();
    private static final long US = 1_000;
    private static final long MS = 1_000_000;
    private static final long SEC = 1_000_000_000;
    private static final long MINUTE = 60 * SEC;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long[] UNIT_NS = {DAY, HOUR, MINUTE, SEC, MS, US, 1};
    private static final String[] UNIT = {"d", "h", "m", "s", "ms", "us", "ns"};

    private DamoText() {}

    /** A jdamon value as damo's unsigned number: {@link Values#MAX} is ULONG_MAX. */
    static BigInteger ulong(long v) {
        return v == Values.MAX ? ULONG_MAX : BigInteger.valueOf(v);
    }

    static String nr(long v, boolean raw) {
        return nr(ulong(v), raw);
    }

    static String nr(BigInteger v, boolean raw) {
        if (v.signum() < 0) {
            return "-" + nr(v.negate(), raw);
        }
        String digits = v.toString();
        if (raw) {
            return digits;
        }
        StringBuilder sb = new StringBuilder();
        int lead = digits.length() % 3;
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    /** {@code format_sz}: {@code "%.3f MiB"} above each binary unit, {@code "%d B"} below 1 KiB. */
    static String sz(long bytes, boolean raw) {
        return size(bytes, raw, "%.3f");
    }

    /** {@code format_sz_accurate}: like {@link #sz} with {@code %f}. */
    static String szAccurate(long bytes, boolean raw) {
        return size(bytes, raw, "%f");
    }

    private static String size(long bytes, boolean raw, String fmt) {
        BigInteger v = ulong(bytes);
        if (raw) {
            return v.toString();
        }
        double d = v.doubleValue();
        if (d == ULONG_MAX_DOUBLE) {
            return "max";
        }
        String[] units = {"EiB", "PiB", "TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {60, 50, 40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            double unit = Math.scalb(1.0, shifts[i]);
            if (d > unit) {
                return String.format(Locale.ROOT, fmt + " %s", d / unit, units[i]);
            }
        }
        return (long) d + " B";
    }

    /** {@code format_time_us_exact}: exact, compound ({@code "1 m 30 s"}); raw is nanoseconds. */
    static String timeUsExact(long us, boolean raw) {
        return timeNsExact(ulong(us).multiply(BigInteger.valueOf(US)), raw);
    }

    /** {@code format_time_ms_exact}: exact; raw is nanoseconds, as damo prints it. */
    static String timeMsExact(long ms, boolean raw) {
        return timeNsExact(ulong(ms).multiply(BigInteger.valueOf(MS)), raw);
    }

    private static String timeNsExact(BigInteger ns, boolean raw) {
        if (raw) {
            return ns.toString();
        }
        if (ns.compareTo(ULONG_MAX) >= 0) {
            return "max";
        }
        return exact(ns.longValue());
    }

    private static String exact(long ns) {
        for (int i = 0; i < UNIT_NS.length; i++) {
            long unit = UNIT_NS[i];
            if (ns < unit) {
                continue;
            }
            if (unit == 1) {
                return ns + " ns";
            }
            long n = ns / unit;
            String head = nr(n, false) + " " + UNIT[i];
            long rest = ns - n * unit;
            return rest == 0 ? head : head + " " + exact(rest);
        }
        return "0 ns";
    }

    /** {@code format_time_us}: rounded to three decimals of the largest unit; raw is microseconds. */
    static String timeUs(long us, boolean raw) {
        BigInteger v = ulong(us);
        if (raw) {
            return v.toString();
        }
        return timeNs(v.multiply(BigInteger.valueOf(US)).doubleValue());
    }

    private static String timeNs(double ns) {
        if (ns >= ULONG_MAX_DOUBLE) {
            return "max";
        }
        if (ns >= HOUR) {
            long hour = (long) (ns / HOUR);
            double rest = ns - hour * (double) HOUR;
            return rest == 0 ? hour + " h" : hour + " h " + timeNs(rest);
        }
        if (ns >= MINUTE) {
            long min = (long) (ns / MINUTE);
            if (ns % MINUTE == 0) {
                return min + " m";
            }
            if (ns % SEC == 0) {
                return min + " m " + (long) ((ns % MINUTE) / SEC) + " s";
            }
            return String.format(Locale.ROOT, "%d m %.3f s", min, (ns % MINUTE) / SEC);
        }
        if (ns >= SEC) {
            return whole(ns, SEC, "s");
        }
        if (ns >= MS) {
            return whole(ns, MS, "ms");
        }
        if (ns >= US) {
            return whole(ns, US, "us");
        }
        return (long) ns + " ns";
    }

    private static String whole(double ns, long unit, String name) {
        return ns % unit == 0 ? (long) (ns / unit) + " " + name
                : String.format(Locale.ROOT, "%.3f %s", ns / unit, name);
    }

    /** {@code format_permil}; raw is {@code %f} of the permil value. */
    static String permil(long v, boolean raw) {
        return ratio(v, 1_000, raw);
    }

    /** {@code format_bp}; raw is {@code %f} of the basis points. */
    static String bp(long v, boolean raw) {
        return ratio(v, 10_000, raw);
    }

    private static String ratio(long v, long per, boolean raw) {
        double value = ulong(v).doubleValue();
        if (raw) {
            return String.format(Locale.ROOT, "%f", value);
        }
        double pct = value / per * 100;
        String over = nr(BigInteger.valueOf((long) pct), false);
        String under = String.format(Locale.ROOT, "%.7f", pct % 1).replaceAll("0+$", "");
        under = under.length() > 2 ? under.substring(2) : "";
        return under.isEmpty() ? over + " %" : over + "." + under + " %";
    }
}
