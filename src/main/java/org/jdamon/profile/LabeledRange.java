package org.jdamon.profile;

/**
 * An address range {@code [start, end)} with a name, such as a JVM memory area ("Java heap", "code
 * cache"), for drawing as a guide on heatmaps and for naming regions in reports.
 */
public record LabeledRange(long start, long end, String label) {
    public LabeledRange {
        if (Long.compareUnsigned(start, end) > 0) {
            throw new IllegalArgumentException("range start > end: " + Long.toHexString(start) + "-"
                    + Long.toHexString(end));
        }
    }

    public long size() {
        return end - start;
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
