package org.jdamon.ops.common;

import java.util.Arrays;

/**
 * An open-addressing map from page numbers to dense slot indexes {@code 0..size-1}, assigned in order of
 * first insertion. Callers keep their per-page counters in parallel primitive arrays indexed by slot, so
 * the memory of a replay or an evaluation grows with the distinct pages touched and a lookup allocates
 * nothing.
 */
public final class PageTable {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private long[] pageOfSlot;
    private int mask;
    private int size;
    private long[] sorted = new long[0];
    private int sortedCount;

    public PageTable() {
        this(1 << 12);
    }

    public PageTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(expected * 2, 16) - 1) << 1;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        values = new int[cap];
        pageOfSlot = new long[Math.max(expected, 16)];
        mask = cap - 1;
    }

    /** Number of distinct pages, which is also the next slot to be assigned. */
    public int size() {
        return size;
    }

    /** The page held in {@code slot}. */
    public long page(int slot) {
        return pageOfSlot[slot];
    }

    /** The slot of {@code page}, or -1. */
    public int get(long page) {
        int i = mix(page) & mask;
        while (true) {
            long k = keys[i];
            if (k == page) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** The slot of {@code page}, adding it with the next free slot when absent. */
    public int getOrAdd(long page) {
        int i = mix(page) & mask;
        while (true) {
            long k = keys[i];
            if (k == page) {
                return values[i];
            }
            if (k == EMPTY) {
                break;
            }
            i = (i + 1) & mask;
        }
        int slot = size++;
        if (slot == pageOfSlot.length) {
            pageOfSlot = Arrays.copyOf(pageOfSlot, slot * 2);
        }
        pageOfSlot[slot] = page;
        keys[i] = page;
        values[i] = slot;
        if (size * 2 > keys.length) {
            rehash();
        }
        return slot;
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[keys.length];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != EMPTY) {
                int i = mix(k) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
    }

    private static int mix(long page) {
        long h = page * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /**
     * All pages in ascending order (valid up to {@link #size()}), kept up to date incrementally: only the
     * pages added since the previous call are sorted, then merged in. The array is owned by the table.
     */
    public long[] sortedPages() {
        int added = size - sortedCount;
        if (added == 0) {
            return sorted;
        }
        long[] fresh = Arrays.copyOfRange(pageOfSlot, sortedCount, size);
        Arrays.sort(fresh);
        if (sorted.length < size) {
            sorted = Arrays.copyOf(sorted, Math.max(size, sorted.length + sorted.length / 2));
        }
        // Merge from the back, in place: the old pages move right into the room the new ones make.
        int a = sortedCount - 1;
        int b = added - 1;
        for (int k = size - 1; b >= 0; k--) {
            sorted[k] = a >= 0 && sorted[a] > fresh[b] ? sorted[a--] : fresh[b--];
        }
        sortedCount = size;
        return sorted;
    }
}
