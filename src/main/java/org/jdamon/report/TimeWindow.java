package org.jdamon.report;

import java.util.Locale;

/** A time span {@code [startNs, endNs)} in ns since the record's start. */
public record TimeWindow(long startNs, long endNs) {
    public TimeWindow {
        if (endNs < startNs) {
            throw new IllegalArgumentException("window end " + endNs + " < start " + startNs);
        }
    }

    public long lengthNs() {
        return endNs - startNs;
    }

    public boolean contains(long timeNs) {
        return timeNs >= startNs && timeNs < endNs;
    }

    /** damo's {@code report times} line: {@code start-end} in seconds with microsecond precision. */
    public String toSecondsText() {
        return String.format(Locale.ROOT, "%.6f-%.6f", startNs / 1e9, endNs / 1e9);
    }
}
