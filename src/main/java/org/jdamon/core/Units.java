package org.jdamon.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes, durations and ratios as text, both ways, in one place: the one grammar every input goes through
 * (damo's: {@code 4K}, {@code 1.5 GiB}, {@code 5ms}, {@code 1 m 30 s}, {@code 50%}, {@code 400 bp},
 * {@code min}, {@code max}, thousands separators) and the output styles the tool prints:
 * <ul>
 *   <li>human ({@link #formatSize}, {@link #formatDurationUs}): jdamon's own messages and reports;
 *   <li>exact ({@link #formatSizeExact}, {@link #formatDurationUsExact}, {@link #formatRatioExact}): what a
 *       configuration prints so that it reads back to the same values;
 *   <li>compact ({@link #formatSizeCompact}, {@link #formatDurationNsCompact}): axis labels;
 *   <li>damo's ({@code damo*}): byte for byte what damo prints in its reports and JSON, its
 *       {@code --raw_number} form with {@code raw}; damo's values are unsigned 64-bit, 2^64-1 being
 *       {@code max}; decimals round half-even on the exact binary value and integers truncate, as
 *       Python's {@code %.3f} and {@code %d} do.
 * </ul>
 * Parse errors are {@link IllegalArgumentException}s with a one-line message naming the input.
 */
public final class Units {
    private Units() {}

    private static final long US_NS = 1_000;
    private static final long MS_NS = 1_000_000;
    private static final long S_NS = 1_000_000_000;
    private static final long M_NS = 60 * S_NS;
    private static final long H_NS = 60 * M_NS;
    private static final long D_NS = 24 * H_NS;
    /** 2^64 - 1 as a double (2^64): damo's {@code max}. */
    private static final double ULONG_MAX_D = 18446744073709551615.0;
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    /** The duration units, largest first, in ns; the styles use runs of them. */
    private static final long[] DURATION_UNIT_NS = {D_NS, H_NS, M_NS, S_NS, MS_NS, US_NS, 1};
    private static final String[] DURATION_UNIT = {"d", "h", "m", "s", "ms", "us", "ns"};
    private static final int HOURS = 1;
    private static final int SECONDS = 3;
    private static final int MICROSECONDS = 5;

    // ---- parsing ----

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
        int shift = s.isEmpty() ? 0 : switch (s.charAt(s.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            case 'p' -> 50;
            default -> 0;
        };
        if (shift != 0) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            if (s.contains(".")) {
                double v = Double.parseDouble(s) * (1L << shift);
                if (!(v >= 0) || v >= 0x1p63) {
                    throw new NumberFormatException();
                }
                return (long) v;
            }
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid size '" + text + "' (expected e.g. 4096, 4K, 100M, 1G)");
        }
    }

    /**
     * Microseconds from {@code "5ms"}, {@code "1s"}, {@code "2m"}, or compound {@code "1 m 30 s"} (summed),
     * rounded half up to a whole microsecond; a bare number is in units of {@code bareUnitUs} microseconds.
     */
    public static long parseDurationUs(String text, long bareUnitUs) {
        return duration(text, bareUnitUs * (double) US_NS, US_NS);
    }

    /** Nanoseconds, in {@link #parseDurationUs}'s grammar; a bare number is in units of {@code bareUnitNs}. */
    public static long parseDurationNs(String text, long bareUnitNs) {
        return duration(text, bareUnitNs, 1);
    }

    private static final Pattern DURATION_TERM =
            Pattern.compile("\\s*(\\d+(?:\\.\\d*)?(?:e[-+]?\\d+)?)\\s*(ns|us|ms|s|m|h|d|)\\s*");

    private static long duration(String text, double bareUnitNs, long resultUnitNs) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(",", "");
        if (s.equals("min")) {
            return 0;
        }
        if (s.equals("max")) {
            return Long.MAX_VALUE;
        }
        Matcher m = DURATION_TERM.matcher(s);
        double totalNs = 0;
        int end = 0;
        while (m.find(end) && m.start() == end) {
            totalNs += Double.parseDouble(m.group(1)) * unitNs(m.group(2), bareUnitNs);
            end = m.end();
        }
        double result = Math.floor(totalNs / resultUnitNs + 0.5);
        if (end == 0 || end != s.length() || !(result < 0x1p63)) {
            throw new IllegalArgumentException(
                    "invalid duration '" + text + "' (expected e.g. 5ms, 100ms, 1s, 2m, 1 m 30 s)");
        }
        return (long) result;
    }

    private static double unitNs(String unit, double bareUnitNs) {
        return switch (unit) {
            case "ns" -> 1;
            case "us" -> US_NS;
            case "ms" -> MS_NS;
            case "s" -> S_NS;
            case "m" -> M_NS;
            case "h" -> H_NS;
            case "d" -> D_NS;
            default -> bareUnitNs;
        };
    }

    /**
     * A ratio in a field's own unit, which has {@code unitsPerPercent} units per percent (100 for basis
     * points, 10 for permil, 1 for percent): {@code "50%"} and {@code "50 %"} are converted, so is
     * {@code "400 bp"}; a bare number is already in the field's unit. Rounded half up to a whole unit;
     * {@code min} is 0, {@code max} is {@link Long#MAX_VALUE}.
     */
    public static long parseRatio(String text, long unitsPerPercent) {
        BigDecimal units = ratio(text, BigDecimal.valueOf(unitsPerPercent), "ratio");
        if (units == null) {
            return Long.MAX_VALUE;
        }
        units = units.setScale(0, RoundingMode.HALF_UP);
        if (units.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid("ratio", text);
        }
        return units.longValue();
    }

    /** A percentage from {@code "50%"}, {@code "12.5 %"}, {@code "400 bp"} or bare {@code "50"}; max is infinite. */
    public static double parsePercent(String text) {
        BigDecimal percent = ratio(text, BigDecimal.ONE, "percentage");
        return percent == null ? Double.POSITIVE_INFINITY : percent.doubleValue();
    }

    /** {@code text} in units of which {@code unitsPerPercent} make a percent (a bare number is one); null for max. */
    private static BigDecimal ratio(String text, BigDecimal unitsPerPercent, String what) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(",", "");
        if (s.equals("min")) {
            return BigDecimal.ZERO;
        }
        if (s.equals("max")) {
            return null;
        }
        BigDecimal perNumber = BigDecimal.ONE;
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1);
            perNumber = unitsPerPercent;
        } else if (s.endsWith("bp")) {
            s = s.substring(0, s.length() - 2);
            perNumber = unitsPerPercent.movePointLeft(2);
        }
        s = s.trim();
        if (!s.matches("\\d+(\\.\\d*)?|\\.\\d+")) {
            throw invalid(what, text);
        }
        return new BigDecimal(s).multiply(perNumber);
    }

    private static IllegalArgumentException invalid(String what, String text) {
        return new IllegalArgumentException("invalid " + what + " '" + text + "' (expected e.g. 50%, 12.5 %, 400 bp, "
                + (what.equals("ratio") ? "500)" : "80)"));
    }

    // ---- human style ----

    /** Human size: {@code 512 B}, {@code 1.000 KiB} from 1024 B on, {@code 1.500 GiB}. */
    public static String formatSize(long bytes) {
        return scaledSize(bytes, false, 3, false);
    }

    /** Human duration: {@code 5 ms}, {@code 1.1 s}, {@code 2 m 3 s}; whole microseconds below 1 ms. */
    public static String formatDurationUs(long us) {
        if (us < 1_000) {
            return us + " us";
        }
        if (us < 1_000_000) {
            return trimZeros(fixed(us / 1_000.0, 3)) + " ms";
        }
        if (us < 60_000_000) {
            return trimZeros(fixed(us / 1_000_000.0, 3)) + " s";
        }
        long s = us / 1_000_000;
        return (s / 60) + " m " + (s % 60) + " s";
    }

    // ---- exact style: reads back to the same value ----

    /** The largest binary unit that divides {@code bytes}: {@code 128 MiB}, {@code 1536 B}; {@code max}. */
    public static String formatSizeExact(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "max";
        }
        int u = 0;
        long v = bytes;
        while (u < BINARY_UNITS.length - 2 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + " " + BINARY_UNITS[u];
    }

    /** The largest unit up to hours that divides {@code us}: {@code 90 s}, {@code 1500 ms}; {@code max}. */
    public static String formatDurationUsExact(long us) {
        if (us == Long.MAX_VALUE) {
            return "max";
        }
        if (us == 0) {
            return "0 us";
        }
        int i = HOURS;
        while (us % (DURATION_UNIT_NS[i] / US_NS) != 0) {
            i++;
        }
        return us / (DURATION_UNIT_NS[i] / US_NS) + " " + DURATION_UNIT[i];
    }

    /** {@code value} of a unit with {@code unitsPerPercent} per percent, as an exact percentage: {@code 50.1 %}. */
    public static String formatRatioExact(long value, long unitsPerPercent) {
        if (value == Long.MAX_VALUE) {
            return "max";
        }
        BigDecimal pct = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unitsPerPercent));
        return pct.stripTrailingZeros().toPlainString() + " %";
    }

    // ---- compact style: axis labels ----

    /** Two decimals at most, from 1024 on in the next unit: {@code 1.5 KiB}, {@code 64 MiB}. */
    public static String formatSizeCompact(long bytes) {
        return scaledSize(bytes, false, 2, true);
    }

    /** Two decimals at most, in the largest unit it reaches: {@code 250 ms}, {@code 1.5 s}, {@code 2 h}; {@code 0}. */
    public static String formatDurationNsCompact(double ns) {
        double a = Math.abs(ns);
        if (a == 0) {
            return "0";
        }
        for (int i = HOURS; i <= MICROSECONDS; i++) {
            if (a >= DURATION_UNIT_NS[i]) {
                return trimZeros(fixed(ns / DURATION_UNIT_NS[i], 2)) + " " + DURATION_UNIT[i];
            }
        }
        return fixed(ns, 0) + " ns";
    }

    // ---- damo's style ----

    /** damo's {@code format_nr}: digits with thousands separators unless raw. */
    public static String damoCount(long n, boolean raw) {
        String digits = n == Long.MIN_VALUE ? Long.toString(n).substring(1) : Long.toString(Math.abs(n));
        return (n < 0 ? "-" : "") + (raw ? digits : groupThousands(digits));
    }

    /** {@link #damoCount} of an unsigned 64-bit value ({@code -1} is 18,446,744,073,709,551,615). */
    public static String damoCountUnsigned(long n, boolean raw) {
        String digits = Long.toUnsignedString(n);
        return raw ? digits : groupThousands(digits);
    }

    /** {@code format_nr} of a float: truncated to an integer first, like Python's {@code %d}. */
    public static String damoCount(double n, boolean raw) {
        String digits = truncated(Math.abs(n));
        return (n < 0 ? "-" : "") + (raw ? digits : groupThousands(digits));
    }

    private static String groupThousands(String digits) {
        StringBuilder b = new StringBuilder();
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        b.append(digits, 0, Math.min(lead, digits.length()));
        for (int i = lead; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    /** damo's {@code format_sz} of an unsigned byte count: {@code 1024 B}, above that {@code 1.000 KiB}... */
    public static String damoSize(long bytes, boolean raw) {
        return raw ? Long.toUnsignedString(bytes) : damoSize(UnsignedMath.toDouble(bytes), false);
    }

    /** {@code format_sz} of a (possibly fractional) byte count. */
    public static String damoSize(double bytes, boolean raw) {
        if (raw) {
            return truncated(bytes);
        }
        return bytes == ULONG_MAX_D ? "max" : scaledSize(bytes, true, 3, false);
    }

    /** damo's {@code format_sz_accurate}: {@link #damoSize} with six decimals. */
    public static String damoSizeAccurate(long bytes, boolean raw) {
        if (raw) {
            return Long.toUnsignedString(bytes);
        }
        double d = UnsignedMath.toDouble(bytes);
        return d == ULONG_MAX_D ? "max" : scaledSize(d, true, 6, false);
    }

    /**
     * {@code bytes} in the largest binary unit it reaches (is above, when {@code strictlyAbove}), with
     * {@code decimals} decimals (trailing zeros dropped when {@code trim}); whole bytes below 1 KiB.
     */
    private static String scaledSize(double bytes, boolean strictlyAbove, int decimals, boolean trim) {
        for (int u = BINARY_UNITS.length - 1; u > 0; u--) {
            double unit = Math.scalb(1.0, 10 * u);
            if (strictlyAbove ? bytes > unit : bytes >= unit) {
                String v = fixed(bytes / unit, decimals);
                return (trim ? trimZeros(v) : v) + " " + BINARY_UNITS[u];
            }
        }
        return truncated(bytes) + " B";
    }

    /** damo's {@code format_time_ns}: {@code 5 ms}, {@code 1.500 s}, {@code 2 m 3.250 s}, {@code 1 h 2 m}. */
    public static String damoDurationNs(double ns, boolean raw) {
        if (raw) {
            return truncated(ns);
        }
        if (ns < 0) {
            return "-" + damoDurationNs(-ns, false);
        }
        if (ns >= ULONG_MAX_D) {
            return "max";
        }
        if (ns >= H_NS) {
            double hours = (long) (ns / H_NS);
            double less = ns - hours * H_NS;
            return truncated(hours) + " h" + (less == 0 ? "" : " " + damoDurationNs(less, false));
        }
        if (ns >= M_NS) {
            String m = truncated(ns / M_NS) + " m";
            if (ns % M_NS == 0) {
                return m;
            }
            double s = (ns % M_NS) / S_NS;
            return m + " " + (ns % S_NS == 0 ? truncated(s) : fixed(s, 3)) + " s";
        }
        for (int i = SECONDS; i <= MICROSECONDS; i++) {
            long unit = DURATION_UNIT_NS[i];
            if (ns >= unit) {
                double v = ns / unit;
                return (ns % unit == 0 ? truncated(v) : fixed(v, 3)) + " " + DURATION_UNIT[i];
            }
        }
        return truncated(ns) + " ns";
    }

    /** damo's {@code format_time_us} of a (possibly fractional) duration; raw is microseconds. */
    public static String damoDurationUs(double us, boolean raw) {
        return raw ? truncated(us) : damoDurationNs(us * 1000, false);
    }

    /** {@link #damoDurationUs} of an unsigned microsecond count (2^64-1 is {@code max}). */
    public static String damoDurationUs(long us, boolean raw) {
        return raw ? Long.toUnsignedString(us) : damoDurationNs(UnsignedMath.toDouble(us) * 1000, false);
    }

    /** damo's {@code format_time_us_exact} of unsigned microseconds: {@code 1 m 30 s 500 ms}; raw is ns. */
    public static String damoDurationUsExact(long us, boolean raw) {
        return damoDurationNsExact(new BigInteger(Long.toUnsignedString(us)).multiply(BigInteger.valueOf(US_NS)), raw);
    }

    /** damo's {@code format_time_ms_exact} of unsigned milliseconds; raw is nanoseconds, as damo prints it. */
    public static String damoDurationMsExact(long ms, boolean raw) {
        return damoDurationNsExact(new BigInteger(Long.toUnsignedString(ms)).multiply(BigInteger.valueOf(MS_NS)), raw);
    }

    private static String damoDurationNsExact(BigInteger ns, boolean raw) {
        if (raw) {
            return ns.toString();
        }
        if (ns.compareTo(ULONG_MAX) >= 0) {
            return "max";
        }
        StringBuilder b = new StringBuilder();
        BigInteger rest = ns;
        for (int i = 0; i < DURATION_UNIT_NS.length; i++) {
            BigInteger[] qr = rest.divideAndRemainder(BigInteger.valueOf(DURATION_UNIT_NS[i]));
            if (qr[0].signum() > 0) {
                b.append(b.isEmpty() ? "" : " ").append(groupThousands(qr[0].toString()))
                        .append(' ').append(DURATION_UNIT[i]);
                rest = qr[1];
            }
        }
        return b.isEmpty() ? "0 ns" : b.toString();
    }

    /** damo's {@code format_hz}: three decimals below 10 hz, a grouped integer above. */
    public static String damoHz(double hz, boolean raw, boolean suffix) {
        if (raw) {
            return fixed(hz, 6);
        }
        String s = hz < 10 && hz != 0 ? fixed(hz, 3) : damoCount(hz, false);
        return suffix ? s + " hz" : s;
    }

    /** damo's {@code format_ratio}: a ratio as a percentage, {@code 4 %}, {@code 0.3 %}; raw is the ratio. */
    public static String damoRatio(double ratio, boolean raw) {
        if (raw) {
            return fixed(ratio, 6);
        }
        String over = damoCount((long) (ratio * 100), false);
        String under = trimZeros(fixed(ratio * 100 % 1, 7));
        return under.contains(".") ? over + under.substring(under.indexOf('.')) + " %" : over + " %";
    }

    /** damo's {@code format_bp} of unsigned basis points; raw is the basis points with six decimals. */
    public static String damoBp(long bp, boolean raw) {
        return raw ? fixed(UnsignedMath.toDouble(bp), 6) : damoRatio(UnsignedMath.toDouble(bp) / 10_000, false);
    }

    /** damo's {@code format_permil} of unsigned permil; raw is the permil with six decimals. */
    public static String damoPermil(long permil, boolean raw) {
        return raw ? fixed(UnsignedMath.toDouble(permil), 6) : damoRatio(UnsignedMath.toDouble(permil) / 1_000, false);
    }

    /** Python's {@code '%.Nf' % v}: half-even rounding of the exact binary value. */
    public static String fixed(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Python's {@code '%d' % v} for a float: truncation toward zero. */
    public static String truncated(double v) {
        if (Math.abs(v) < 9.2e18) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).setScale(0, RoundingMode.DOWN).toPlainString();
    }

    /** A decimal with a point and its trailing zeros dropped: {@code "1.500"} as {@code "1.5"}, {@code "2.000"} as {@code "2"}. */
    private static String trimZeros(String decimal) {
        int end = decimal.length();
        while (decimal.charAt(end - 1) == '0') {
            end--;
        }
        return decimal.substring(0, decimal.charAt(end - 1) == '.' ? end - 1 : end);
    }
}
