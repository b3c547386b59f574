package org.jdamon.record;

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

    public org.jdamon.core.AddressRange range() {
        return new org.jdamon.core.AddressRange(start, end);
    }

    /** The label up to its first ':' ("thread stack: main" is a "thread stack"), to group guides. */
    public String kind() {
        int colon = label.indexOf(':');
        return colon < 0 ? label : label.substring(0, colon);
    }

    public long size() {
        return end - start;
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
