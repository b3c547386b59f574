package org.jdamon.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * damo's report number formatting, reproduced exactly so that jdamon's text reports read (and diff)
 * like damo's: sizes with strict unit thresholds ({@code 1024 B}, {@code 4.000 KiB}), comma-grouped
 * counts, compound times ({@code 1 m 31.400 s}), frequencies. {@code raw} selects damo's
 * {@code --raw_number} machine-friendly forms. Decimal rounding is half-even on the exact binary value,
 * like Python's {@code %.3f}; conversions to integers truncate, like Python's {@code %d}.
 *
 * <p>{@link org.jdamon.core.Units#formatSize} is the tool-wide human size format; this class is the
 * damo-compatible report variant and differs only at exact powers of 1024.
 */
public final class DamoFormat {
    private DamoFormat() {}

    private static final double ULONG_MAX_D = 18446744073709551615.0;

    /** An unsigned 64-bit value as a double. */
    public static double unsigned(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** {@code format_sz} of an unsigned byte count. */
    public static String size(long bytes, boolean raw) {
        if (raw) {
            return Long.toUnsignedString(bytes);
        }
        return size(unsigned(bytes), false);
    }

    /** {@code format_sz} of a (possibly fractional) byte count. */
    public static String size(double bytes, boolean raw) {
        if (raw) {
            return Long.toString((long) bytes);
        }
        if (bytes == ULONG_MAX_D) {
            return "max";
        }
        String[] units = {"EiB", "PiB", "TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            double unit = Math.scalb(1.0, 60 - 10 * i);
            if (bytes > unit) {
                return fixed3(bytes / unit) + " " + units[i];
            }
        }
        return truncated(bytes) + " B";
    }

    /** {@code format_nr}: digits with thousands separators unless raw. */
    public static String nr(long n, boolean raw) {
        String s = Long.toString(Math.abs(n));
        if (n == Long.MIN_VALUE) {
            s = s.substring(1);
        }
        if (!raw) {
            s = groupThousands(s);
        }
        return n < 0 ? "-" + s : s;
    }

    /** {@code format_nr} of a float: truncated to an integer first, like Python's {@code %d}. */
    public static String nr(double n, boolean raw) {
        if (n < 0) {
            return "-" + nrPositive(-n, raw);
        }
        return nrPositive(n, raw);
    }

    private static String nrPositive(double n, boolean raw) {
        String s = truncated(n);
        return raw ? s : groupThousands(s);
    }

    private static String groupThousands(String digits) {
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3);
        int lead = digits.length() % 3;
        if (lead == 0) {
            lead = 3;
        }
        b.append(digits, 0, Math.min(lead, digits.length()));
        for (int i = lead; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    private static final double US = 1e3;
    private static final double MS = 1e6;
    private static final double SEC = 1e9;
    private static final double MINUTE = 60 * SEC;
    private static final double HOUR = 60 * MINUTE;

    /** {@code format_time_ns}: {@code 5 ms}, {@code 1.500 s}, {@code 2 m 3.250 s}, {@code 1 h 2 m}. */
    public static String timeNs(double ns, boolean raw) {
        if (raw) {
            return truncated(ns);
        }
        String sign = "";
        if (ns < 0) {
            sign = "-";
            ns = -ns;
        }
        if (ns >= ULONG_MAX_D) {
            return sign + "max";
        }
        if (ns >= HOUR) {
            double hours = (long) (ns / HOUR);
            String h = truncated(hours) + " h";
            double less = ns - hours * HOUR;
            return less == 0 ? sign + h : sign + h + " " + timeNs(less, false);
        }
        if (ns >= MINUTE) {
            if (ns % MINUTE == 0) {
                return sign + truncated(ns / MINUTE) + " m";
            }
            if (ns % SEC == 0) {
                return sign + truncated(ns / MINUTE) + " m " + truncated((ns % MINUTE) / SEC) + " s";
            }
            return sign + truncated(ns / MINUTE) + " m " + fixed3((ns % MINUTE) / SEC) + " s";
        }
        if (ns >= SEC) {
            return sign + unitTime(ns, SEC, "s");
        }
        if (ns >= MS) {
            return sign + unitTime(ns, MS, "ms");
        }
        if (ns >= US) {
            return sign + unitTime(ns, US, "us");
        }
        return sign + truncated(ns) + " ns";
    }

    private static String unitTime(double ns, double unit, String name) {
        if (ns % unit == 0) {
            return truncated(ns / unit) + " " + name;
        }
        return fixed3(ns / unit) + " " + name;
    }

    /** {@code format_time_us}. */
    public static String timeUs(double us, boolean raw) {
        if (raw) {
            return truncated(us);
        }
        return timeNs(us * 1000, false);
    }

    /** {@code format_hz}: three decimals below 10 hz, a grouped integer above. */
    public static String hz(double hz, boolean raw, boolean suffix) {
        if (raw) {
            return new BigDecimal(hz).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        }
        String s = hz < 10 && hz != 0 ? fixed3(hz) : nr(hz, false);
        return suffix ? s + " hz" : s;
    }

    /** Python's {@code '%.3f' % v}. */
    public static String fixed3(double v) {
        return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Python's {@code '%d' % v} for a float: truncation toward zero. */
    static String truncated(double v) {
        if (Math.abs(v) < 9.2e18) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).setScale(0, RoundingMode.DOWN).toPlainString();
    }

    /** {@code format_ratio}: a ratio as a percentage, {@code 4 %}, {@code 0.3 %}. */
    public static String ratio(double ratio, boolean raw) {
        if (raw) {
            return new BigDecimal(ratio).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        }
        String over = nr((long) (ratio * 100), false);
        double under = ratio * 100 % 1;
        String u = new BigDecimal(under).setScale(7, RoundingMode.HALF_EVEN).toPlainString();
        u = u.replaceAll("0+$", "");
        u = u.length() > 2 ? u.substring(2) : "";
        return u.isEmpty() ? over + " %" : over + "." + u + " %";
    }

    /** {@code format_bp}: basis points as a percentage. */
    public static String bp(long bp, boolean raw) {
        return raw ? ratio(bp, true) : ratio(bp / 10000.0, false);
    }

    /** {@code s} followed by spaces up to {@code width} columns (damo's {@code '%-Ns'}). */
    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Spaces up to {@code width} columns, then {@code s} (damo's {@code '%Ns'}). */
    static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Lines damo assumes a screen has when its output is not a terminal. */
    static final int DAMO_SCREEN_LINES = 50;

    /**
     * What damo writes for a report whose text ({@code lines}, ending in a newline) goes through its
     * pager helper with stdout not a terminal: up to 50 line breaks it prints the text with its newline,
     * beyond that it hands the text to {@code less}, which copies it without the final newline.
     */
    public static String asDamoPagerPrints(String lines) {
        if (!lines.endsWith("\n")) {
            return lines;
        }
        String text = lines.substring(0, lines.length() - 1);
        long breaks = text.chars().filter(c -> c == '\n').count();
        return breaks <= DAMO_SCREEN_LINES ? lines : text;
    }

    /**
     * {@link #asDamoPagerPrints} for text written piece by piece (a streamed report): the last newline is
     * held back until {@link #finish} knows how many lines there were.
     */
    public static final class PagerOutput implements Appendable {
        private final Appendable out;
        private boolean heldNewline;
        private long breaks;

        public PagerOutput(Appendable out) {
            this.out = out;
        }

        @Override
        public Appendable append(CharSequence cs) throws java.io.IOException {
            int n = cs.length();
            if (n == 0) {
                return this;
            }
            if (heldNewline) {
                out.append('\n');
                heldNewline = false;
            }
            for (int i = 0; i < n; i++) {
                if (cs.charAt(i) == '\n') {
                    breaks++;
                }
            }
            if (cs.charAt(n - 1) == '\n') {
                out.append(cs, 0, n - 1);
                heldNewline = true;
            } else {
                out.append(cs);
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence cs, int start, int end) throws java.io.IOException {
            return append(cs.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) throws java.io.IOException {
            return append(String.valueOf(c));
        }

        /** Writes the held-back newline if damo would. */
        public void finish() throws java.io.IOException {
            if (heldNewline && breaks - 1 <= DAMO_SCREEN_LINES) {
                out.append('\n');
            }
            heldNewline = false;
        }
    }
}
