package org.jdamon.truth;

import java.util.Arrays;

/**
 * The ground truth of one aggregation window for one target: disjoint, address-sorted byte ranges with
 * the number of accesses that fell in each and the fraction of the range's bytes that were touched at
 * least once (1.0 for page-exact truth such as a trace, where each range is one page or a run of pages
 * with identical counts; an expectation for simulated random patterns).
 */
public final class TruthWindow {
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private double[] accesses = new double[64];
    private double[] touchedFraction = new double[64];
    private double[] samplesAccessed = new double[64];
    private int size;

    public void clear() {
        size = 0;
    }

    public void add(long start, long end, double nrAccesses, double touched) {
        add(start, end, nrAccesses, touched, Double.NaN);
    }

    /**
     * Adds a range whose pages were each accessed in {@code samples} sampling intervals of the window:
     * what a page-granular monitor would report as {@code nr_accesses}. Sources that cannot tell use the
     * four-argument form, and the evaluator then estimates it from the access count.
     */
    public void add(long start, long end, double nrAccesses, double touched, double samples) {
        if (size == starts.length) {
            int cap = size * 2;
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            accesses = Arrays.copyOf(accesses, cap);
            touchedFraction = Arrays.copyOf(touchedFraction, cap);
            samplesAccessed = Arrays.copyOf(samplesAccessed, cap);
        }
        starts[size] = start;
        ends[size] = end;
        accesses[size] = nrAccesses;
        touchedFraction[size] = touched;
        samplesAccessed[size] = samples;
        size++;
    }

    public int size() {
        return size;
    }

    public long start(int i) {
        return starts[i];
    }

    public long end(int i) {
        return ends[i];
    }

    public double accesses(int i) {
        return accesses[i];
    }

    public double touchedFraction(int i) {
        return touchedFraction[i];
    }

    /** Sampling intervals of the window in which each page of range {@code i} was accessed; NaN if unknown. */
    public double samplesAccessed(int i) {
        return samplesAccessed[i];
    }

    /** Bytes touched at least once in the window: the true working-set size. */
    public double wssBytes() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += (ends[i] - starts[i]) * touchedFraction[i];
        }
        return sum;
    }
}
