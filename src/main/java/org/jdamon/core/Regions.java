package org.jdamon.core;

import java.util.Arrays;

/**
 * The address-sorted, non-overlapping regions of one target, held in parallel primitive arrays so the
 * sampling loop touches no objects and allocates nothing. Index {@code i} is the i-th region by address.
 * Fields follow {@code damon_region} (design §1.2).
 */
public final class Regions implements RegionsView {
    private long[] start;
    private long[] end;
    private long[] samplingAddr;
    private int[] nrAccesses;
    private int[] nrAccessesBp;
    private int[] lastNrAccesses;
    private int[] age;
    private int size;

    public Regions() {
        this(16);
    }

    public Regions(int capacity) {
        capacity = Math.max(capacity, 4);
        start = new long[capacity];
        end = new long[capacity];
        samplingAddr = new long[capacity];
        nrAccesses = new int[capacity];
        nrAccessesBp = new int[capacity];
        lastNrAccesses = new int[capacity];
        age = new int[capacity];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long start(int i) {
        return start[i];
    }

    @Override
    public long end(int i) {
        return end[i];
    }

    public long samplingAddr(int i) {
        return samplingAddr[i];
    }

    @Override
    public int nrAccesses(int i) {
        return nrAccesses[i];
    }

    @Override
    public int nrAccessesBp(int i) {
        return nrAccessesBp[i];
    }

    @Override
    public int lastNrAccesses(int i) {
        return lastNrAccesses[i];
    }

    @Override
    public int age(int i) {
        return age[i];
    }

    public void setStart(int i, long v) {
        start[i] = v;
    }

    public void setEnd(int i, long v) {
        end[i] = v;
    }

    public void setSamplingAddr(int i, long v) {
        samplingAddr[i] = v;
    }

    public void setNrAccesses(int i, int v) {
        nrAccesses[i] = v;
    }

    public void setNrAccessesBp(int i, int v) {
        nrAccessesBp[i] = v;
    }

    public void setLastNrAccesses(int i, int v) {
        lastNrAccesses[i] = v;
    }

    public void setAge(int i, int v) {
        age[i] = v;
    }

    /** Appends a region with zeroed counters; the caller keeps the list sorted. */
    public void add(long s, long e) {
        insert(size, s, e);
    }

    /** Inserts a region with zeroed counters before index {@code i}. */
    public void insert(int i, long s, long e) {
        ensureCapacity(size + 1);
        int tail = size - i;
        if (tail > 0) {
            System.arraycopy(start, i, start, i + 1, tail);
            System.arraycopy(end, i, end, i + 1, tail);
            System.arraycopy(samplingAddr, i, samplingAddr, i + 1, tail);
            System.arraycopy(nrAccesses, i, nrAccesses, i + 1, tail);
            System.arraycopy(nrAccessesBp, i, nrAccessesBp, i + 1, tail);
            System.arraycopy(lastNrAccesses, i, lastNrAccesses, i + 1, tail);
            System.arraycopy(age, i, age, i + 1, tail);
        }
        start[i] = s;
        end[i] = e;
        samplingAddr[i] = s;
        nrAccesses[i] = 0;
        nrAccessesBp[i] = 0;
        lastNrAccesses[i] = 0;
        age[i] = 0;
        size++;
    }

    /** Removes region {@code i}. */
    public void remove(int i) {
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(start, i + 1, start, i, tail);
            System.arraycopy(end, i + 1, end, i, tail);
            System.arraycopy(samplingAddr, i + 1, samplingAddr, i, tail);
            System.arraycopy(nrAccesses, i + 1, nrAccesses, i, tail);
            System.arraycopy(nrAccessesBp, i + 1, nrAccessesBp, i, tail);
            System.arraycopy(lastNrAccesses, i + 1, lastNrAccesses, i, tail);
            System.arraycopy(age, i + 1, age, i, tail);
        }
        size--;
    }

    /**
     * Splits region {@code i} at {@code start + sz}: the new right piece is inserted at {@code i + 1} and
     * copies age, last_nr_accesses, nr_accesses_bp and nr_accesses (design §5.2).
     */
    public void splitAt(int i, long sz) {
        long oldEnd = end[i];
        end[i] = start[i] + sz;
        insert(i + 1, start[i] + sz, oldEnd);
        nrAccesses[i + 1] = nrAccesses[i];
        nrAccessesBp[i + 1] = nrAccessesBp[i];
        lastNrAccesses[i + 1] = lastNrAccesses[i];
        age[i + 1] = age[i];
    }

    /**
     * Copies region {@code from}'s counters into the compacted slot {@code to} (to <= from). Used by
     * in-place passes such as merge that keep a write cursor behind a read cursor.
     */
    void moveTo(int from, int to) {
        if (from == to) {
            return;
        }
        start[to] = start[from];
        end[to] = end[from];
        samplingAddr[to] = samplingAddr[from];
        nrAccesses[to] = nrAccesses[from];
        nrAccessesBp[to] = nrAccessesBp[from];
        lastNrAccesses[to] = lastNrAccesses[from];
        age[to] = age[from];
    }

    /** Appends a copy of {@code src}'s region {@code i} (all counters) with new bounds. */
    void appendCopy(Regions src, int i, long s, long e) {
        ensureCapacity(size + 1);
        start[size] = s;
        end[size] = e;
        samplingAddr[size] = src.samplingAddr[i];
        nrAccesses[size] = src.nrAccesses[i];
        nrAccessesBp[size] = src.nrAccessesBp[i];
        lastNrAccesses[size] = src.lastNrAccesses[i];
        age[size] = src.age[i];
        size++;
    }

    /** Exchanges the whole contents with {@code other}: double-buffered rebuilds without allocation. */
    void swapContents(Regions other) {
        long[] l;
        int[] n;
        l = start; start = other.start; other.start = l;
        l = end; end = other.end; other.end = l;
        l = samplingAddr; samplingAddr = other.samplingAddr; other.samplingAddr = l;
        n = nrAccesses; nrAccesses = other.nrAccesses; other.nrAccesses = n;
        n = nrAccessesBp; nrAccessesBp = other.nrAccessesBp; other.nrAccessesBp = n;
        n = lastNrAccesses; lastNrAccesses = other.lastNrAccesses; other.lastNrAccesses = n;
        n = age; age = other.age; other.age = n;
        int sz = size;
        size = other.size;
        other.size = sz;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    public void clear() {
        size = 0;
    }

    @Override
    public long totalBytes() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += end[i] - start[i];
        }
        return sum;
    }

    /** Index of the region containing {@code addr}, or {@code -(insertion point) - 1}. */
    @Override
    public int indexOf(long addr) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(end[mid], addr) <= 0) {
                lo = mid + 1;
            } else if (Long.compareUnsigned(start[mid], addr) > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void ensureCapacity(int n) {
        if (n <= start.length) {
            return;
        }
        int cap = Math.max(n, start.length * 2);
        start = Arrays.copyOf(start, cap);
        end = Arrays.copyOf(end, cap);
        samplingAddr = Arrays.copyOf(samplingAddr, cap);
        nrAccesses = Arrays.copyOf(nrAccesses, cap);
        nrAccessesBp = Arrays.copyOf(nrAccessesBp, cap);
        lastNrAccesses = Arrays.copyOf(lastNrAccesses, cap);
        age = Arrays.copyOf(age, cap);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Regions[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append("%x-%x:%d/%d".formatted(start[i], end[i], nrAccesses[i], age[i]));
        }
        return sb.append(']').toString();
    }
}
