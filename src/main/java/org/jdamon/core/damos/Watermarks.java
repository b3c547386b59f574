package org.jdamon.core.damos;

import java.util.Locale;

/**
 * When a scheme is active (design §8.7): with metric {@code free_mem_rate} (free memory in permil), the
 * scheme runs while the metric is in {@code [low, high]}, and once off it waits until the metric falls
 * to {@code mid} or below; {@code intervalUs} is how long to wait before re-checking while inactive.
 */
public record Watermarks(Metric metric, long intervalUs, long high, long mid, long low) {

    public enum Metric {
        NONE,
        FREE_MEM_RATE;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Metric fromKeyword(String k) {
            for (Metric m : values()) {
                if (m.keyword().equals(k)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(
                    "unknown watermarks metric '" + k + "' (expected none or free_mem_rate)");
        }
    }

    public static final Watermarks NONE = new Watermarks(Metric.NONE, 0, 0, 0, 0);

    public Watermarks {
        metric = metric == null ? Metric.NONE : metric;
        if (intervalUs < 0) {
            throw new IllegalArgumentException("watermarks interval must not be negative");
        }
        if (metric != Metric.NONE && !(low <= mid && mid <= high)) {
            throw new IllegalArgumentException(
                    "watermarks must satisfy low <= mid <= high (got high " + high + ", mid " + mid + ", low "
                            + low + ")");
        }
    }
}
