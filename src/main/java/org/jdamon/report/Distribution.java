package org.jdamon.report;

import java.util.Arrays;

/**
 * A list of per-snapshot values (working set sizes, region counts, footprints) and damo's way of reading
 * percentiles from it: the value at index {@code (int) (p / 100.0 * n)}, clamped to the last element.
 * No interpolation, so {@code p100} is the maximum and, on a sorted list, {@code p0} the minimum.
 * Whether the values are sorted by size or kept in time order (damo's {@code --sortby time}, where a
 * "percentile" means a point in the run) is the caller's choice.
 */
public final class Distribution {
    private final long[] values;

    private Distribution(long[] values) {
        this.values = values;
    }

    /** The values in the given (time) order. */
    public static Distribution inOrder(long[] values) {
        return new Distribution(values.clone());
    }

    /** The values sorted ascending. */
    public static Distribution sorted(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return new Distribution(v);
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public long get(int i) {
        return values[i];
    }

    public long[] values() {
        return values.clone();
    }

    /** damo's percentile element; {@code percentile} may be any number in [0, 100]. */
    public long percentile(double percentile) {
        return values[percentileIndex(percentile, values.length)];
    }

    /** {@code int(p / 100.0 * n)}, clamped to {@code n - 1} (damo's {@code _damo_dist} rule). */
    public static int percentileIndex(double percentile, int n) {
        if (n == 0) {
            throw new IllegalStateException("no values");
        }
        int idx = (int) (percentile / 100.0 * n);
        return Math.max(0, Math.min(idx, n - 1));
    }

    /** The arithmetic mean (a double, like damo's {@code sum / len}); 0 when empty. */
    public double average() {
        if (values.length == 0) {
            return 0;
        }
        double sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Index-wise sums of several distributions (damo's {@code --collapse_targets}), as long as the longest. */
    public static Distribution collapse(Iterable<Distribution> dists) {
        int n = 0;
        for (Distribution d : dists) {
            n = Math.max(n, d.size());
        }
        long[] sum = new long[n];
        for (Distribution d : dists) {
            for (int i = 0; i < d.size(); i++) {
                sum[i] += d.values[i];
            }
        }
        return new Distribution(sum);
    }
}
