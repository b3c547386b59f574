package org.jdamon.report.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.profile.Profile;
import org.jdamon.profile.StackSample;

/**
 * The layout of the timeline's call-stack band, a flame chart over time: the time span is cut into equal
 * buckets, each bucket shows its most frequent stack (outermost frame in row 0, at most {@code maxRows}
 * frames kept from the innermost side), and a frame that continues over neighbouring buckets with the same
 * frames below it becomes one wide cell, so phases read as long bars named by their function.
 */
public record FlameBand(long startNs, long endNs, int buckets, int rows, List<Cell> cells, int[] samplesPerBucket) {

    /** Buckets {@code [fromBucket, toBucket)} at {@code row} (0 = outermost shown frame) run {@code frame}. */
    public record Cell(int fromBucket, int toBucket, int row, String frame) {}

    public static FlameBand of(Profile profile, long startNs, long endNs, int buckets, int maxRows) {
        if (buckets < 1 || endNs <= startNs) {
            throw new IllegalArgumentException("need at least one bucket over a non-empty time span");
        }
        List<List<String>> dominant = new ArrayList<>(buckets);
        int[] counts = new int[buckets];
        int rows = 0;
        for (int b = 0; b < buckets; b++) {
            long lo = startNs + (endNs - startNs) * b / buckets;
            long hi = startNs + (endNs - startNs) * (b + 1) / buckets;
            List<StackSample> in = profile.between(lo, hi);
            counts[b] = in.size();
            List<String> rootFirst = rootFirst(mostFrequent(in), maxRows);
            dominant.add(rootFirst);
            rows = Math.max(rows, rootFirst.size());
        }
        List<Cell> cells = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            int b = 0;
            while (b < buckets) {
                List<String> st = dominant.get(b);
                if (st.size() <= row) {
                    b++;
                    continue;
                }
                int end = b + 1;
                while (end < buckets && samePrefix(st, dominant.get(end), row)) {
                    end++;
                }
                cells.add(new Cell(b, end, row, st.get(row)));
                b = end;
            }
        }
        return new FlameBand(startNs, endNs, buckets, rows, List.copyOf(cells), counts);
    }

    private static boolean samePrefix(List<String> a, List<String> b, int row) {
        return b.size() > row && a.subList(0, row + 1).equals(b.subList(0, row + 1));
    }

    private static List<String> mostFrequent(List<StackSample> samples) {
        Map<List<String>, Integer> counts = new HashMap<>();
        List<String> best = List.of();
        int bestCount = 0;
        for (StackSample s : samples) {
            int c = counts.merge(s.frames(), 1, Integer::sum);
            if (c > bestCount) {
                best = s.frames();
                bestCount = c;
            }
        }
        return best;
    }

    /** Outermost frame first, keeping the innermost {@code maxRows} frames. */
    private static List<String> rootFirst(List<String> innermostFirst, int maxRows) {
        List<String> kept = innermostFirst.subList(0, Math.min(maxRows, innermostFirst.size()));
        return kept.reversed();
    }
}
