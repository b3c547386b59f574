package org.jdamon.report;

import org.jdamon.record.TargetSnapshot;

/**
 * Orders a snapshot's regions hottest first, for temperature-sorted heatmaps: by access frequency, then,
 * among accessed regions, older (stably hot) first, and among idle regions, younger (recently cooled)
 * first, like damo's default temperature weights (access rate and age, age negated when idle). Reuses its
 * index buffers across calls.
 */
final class TemperatureOrder {
    private int[] idx = new int[0];
    private long[] keys = new long[0];

    /** Region indices of {@code t} from hottest to coldest; the array is valid until the next call. */
    int[] sort(TargetSnapshot t) {
        int n = t.size();
        if (idx.length < n) {
            idx = new int[n];
            keys = new long[n];
        }
        for (int i = 0; i < n; i++) {
            int nr = t.nrAccesses()[i];
            long age = t.ages()[i];
            long temperature = nr > 0 ? ((long) nr << 32) + age : -age;
            // Sort ascending on the negated temperature, breaking ties by address (index).
            keys[i] = -temperature;
            idx[i] = i;
        }
        sortByKey(0, n - 1);
        return idx;
    }

    private void sortByKey(int lo, int hi) {
        // Insertion sort for short runs, quicksort otherwise; keys are compared with the index as tie-break.
        while (hi - lo > 16) {
            int p = partition(lo, hi);
            if (p - lo < hi - p) {
                sortByKey(lo, p - 1);
                lo = p + 1;
            } else {
                sortByKey(p + 1, hi);
                hi = p - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            int v = idx[i];
            int j = i - 1;
            while (j >= lo && less(v, idx[j])) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = v;
        }
    }

    private int partition(int lo, int hi) {
        int mid = (lo + hi) >>> 1;
        swap(mid, hi);
        int pivot = idx[hi];
        int store = lo;
        for (int i = lo; i < hi; i++) {
            if (less(idx[i], pivot)) {
                swap(i, store++);
            }
        }
        swap(store, hi);
        return store;
    }

    private boolean less(int a, int b) {
        return keys[a] < keys[b] || (keys[a] == keys[b] && a < b);
    }

    private void swap(int a, int b) {
        int t = idx[a];
        idx[a] = idx[b];
        idx[b] = t;
    }
}
