package org.jdamon.report.image;

import java.util.Locale;
import org.jdamon.core.Units;

/**
 * How an axis labels its values, and where it puts its ticks: plain numbers and percentages on 1-2-5
 * steps, byte sizes on powers of two, durations (nanoseconds) on 1-2-5 steps of their unit.
 */
public enum AxisFormat {
    NUMBER,
    PERCENT,
    BYTES,
    DURATION_NS;

    /** Tick steps of at least a second that read well on a clock, in seconds. */
    private static final double[] CLOCK_STEPS_S = {
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400
    };

    public String format(double v) {
        return switch (this) {
            case NUMBER -> Math.abs(v) >= 1e6 || (v != 0 && Math.abs(v) < 1e-2)
                    ? String.format(Locale.ROOT, "%.3g", v)
                    : trim(String.format(Locale.ROOT, "%.2f", v));
            case PERCENT -> trim(String.format(Locale.ROOT, "%.1f", v)) + "%";
            case BYTES -> v < 0 ? "-" + Units.formatSizeCompact((long) -v) : Units.formatSizeCompact((long) v);
            case DURATION_NS -> Units.formatDurationNsCompact(v);
        };
    }

    /** Tick values in [lo, hi], about {@code target} of them. */
    public double[] ticks(double lo, double hi, int target) {
        if (!(hi > lo)) {
            return new double[] {lo};
        }
        double raw = (hi - lo) / Math.max(1, target);
        double step;
        if (this == BYTES && raw >= 1) {
            step = Math.pow(2, Math.round(Math.log(raw) / Math.log(2)));
        } else if (this == DURATION_NS && raw >= 1e9) {
            step = CLOCK_STEPS_S[CLOCK_STEPS_S.length - 1] * 1e9;
            for (double st : CLOCK_STEPS_S) {
                if (st * 1e9 >= raw) {
                    step = st * 1e9;
                    break;
                }
            }
        } else {
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double n = raw / mag;
            step = (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * mag;
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        int count = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        count = Math.max(1, Math.min(count, 64));
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
