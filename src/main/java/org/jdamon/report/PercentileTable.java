package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.Units;

/**
 * damo's distribution table ({@code _damo_dist.fmt_dists}), shared by the wss and footprint reports:
 * a {@code # <percentile> <metric>} header, {@code # avr:}, then per percentile a right-aligned
 * percentile, the value, and a bar of {@code *} in {@code |...|} scaled so the largest printed value
 * fills {@code barColumns} columns (no bar when 0).
 */
public final class PercentileTable {
    private PercentileTable() {}

    /** damo's default bar width ({@code --nr_cols_bar}). */
    public static final int DEFAULT_BAR_COLUMNS = 59;

    /** Formats a value (or the average, which may be fractional). */
    @FunctionalInterface
    public interface ValueFormat {
        String format(double value, boolean raw);
    }

    public static final ValueFormat SIZE = Units::damoSize;

    /** Percentiles {@code start, start+step, ...} below {@code stop}, like Python's {@code range}. */
    public static int[] range(int start, int stop, int step) {
        if (step == 0) {
            throw new IllegalArgumentException("--range step must not be 0");
        }
        List<Integer> v = new ArrayList<>();
        for (int p = start; step > 0 ? p < stop : p > stop; p += step) {
            v.add(p);
        }
        return v.stream().mapToInt(Integer::intValue).toArray();
    }

    public static List<String> lines(String metric, Distribution d, int[] percentiles, boolean all,
            ValueFormat fmt, boolean raw, int barColumns) {
        List<String> lines = new ArrayList<>();
        lines.add("# <percentile> <" + metric + ">");
        if (d.isEmpty()) {
            lines.add("# no snapshot");
            return lines;
        }
        lines.add("# avr:\t" + fmt.format(d.average(), raw));
        if (all) {
            for (int i = 0; i < d.size(); i++) {
                lines.add(i + " " + fmt.format(d.get(i), raw));
            }
            return lines;
        }
        double perColumn = 1;
        if (barColumns > 0) {
            long max = 0;
            for (int p : percentiles) {
                max = Math.max(max, d.percentile(p));
            }
            if (max > 0) {
                perColumn = (double) max / barColumns;
            }
        }
        for (int p : percentiles) {
            long v = d.percentile(p);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d %15s", p, fmt.format(v, raw)));
            if (barColumns > 0) {
                int cols = (int) (v / perColumn);
                line.append(" |").append("*".repeat(cols)).append(" ".repeat(Math.max(0, barColumns - cols)))
                        .append('|');
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
