package org.jdamon.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Call-stack samples taken while a record was made, in time order; {@code source} says who took them
 * ({@code jfr}, {@code perf}, {@code trace}).
 */
public record Profile(String source, List<StackSample> samples) {
    public Profile {
        List<StackSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(StackSample::timeNs));
        samples = List.copyOf(sorted);
    }

    public static Profile empty(String source) {
        return new Profile(source, List.of());
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** This profile followed by {@code other}'s samples (sources joined with '+' when they differ). */
    public Profile plus(Profile other) {
        List<StackSample> all = new ArrayList<>(samples);
        all.addAll(other.samples);
        String s = source.equals(other.source) || other.isEmpty() ? source
                : isEmpty() ? other.source : source + "+" + other.source;
        return new Profile(s, all);
    }

    /** The samples with {@code startNs <= timeNs < endNs}. */
    public List<StackSample> between(long startNs, long endNs) {
        int lo = firstAtOrAfter(startNs);
        int hi = firstAtOrAfter(endNs);
        return samples.subList(lo, Math.max(lo, hi));
    }

    private int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = samples.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (samples.get(mid).timeNs() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
