package org.jdamon.core;

/** A half-open address interval {@code [start, end)}; addresses compare unsigned. */
public record AddressRange(long start, long end) {
    public AddressRange {
        if (Long.compareUnsigned(start, end) > 0) {
            throw new IllegalArgumentException(
                    "range start 0x%x is above its end 0x%x".formatted(start, end));
        }
    }

    public long size() {
        return end - start;
    }

    public boolean intersects(long s, long e) {
        return !(Long.compareUnsigned(e, start) <= 0 || Long.compareUnsigned(end, s) <= 0);
    }

    public boolean contains(long addr) {
        return Long.compareUnsigned(addr, start) >= 0 && Long.compareUnsigned(addr, end) < 0;
    }

    @Override
    public String toString() {
        return "0x%x-0x%x".formatted(start, end);
    }
}
