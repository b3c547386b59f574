package org.jdamon.report;

import java.util.Locale;
import org.jdamon.core.Attributes;
import org.jdamon.record.TargetSnapshot;

/**
 * The region box of damo's {@code simple-boxes}, {@code hot} and {@code cold} styles: a right-aligned
 * {@code |ddd|} whose length (1 to 40 columns, log scale) shows the region's age and whose digit (0 to 9,
 * linear, the "emotion" colours when coloured) shows its access rate, both scaled between the smallest
 * and largest values among all regions of the report.
 */
final class RegionBox {
    static final int MAX_LENGTH = 40;
    private static final int MAX_LEVEL = 9;
    private static final int[] EMOTION_BG = {232, 234, 20, 21, 26, 2, 3, 1, 1, 1};
    private static final int[] EMOTION_FG = {239, 235, 237, 239, 243, 245, 247, 249, 251, 255};

    private long minAgeUs = Long.MAX_VALUE;
    private long maxAgeUs = Long.MIN_VALUE;
    private long minRate = Long.MAX_VALUE;
    private long maxRate = Long.MIN_VALUE;

    /** Widens the scales to cover the regions of {@code t}. */
    void cover(TargetSnapshot t, Attributes a) {
        for (int i = 0; i < t.size(); i++) {
            long ageUs = (long) t.ages()[i] * a.aggrUs();
            long rate = SnapshotFilter.accessRatePercent(t.nrAccesses()[i], a);
            minAgeUs = Math.min(minAgeUs, ageUs);
            maxAgeUs = Math.max(maxAgeUs, ageUs);
            minRate = Math.min(minRate, rate);
            maxRate = Math.max(maxRate, rate);
        }
    }

    String draw(long ageUs, long ratePercent, boolean color) {
        int length = (int) rescale(ageUs, minAgeUs, maxAgeUs, 1, MAX_LENGTH, true);
        int level = (int) rescale(ratePercent, minRate, maxRate, 0, MAX_LEVEL, false);
        String digits = Integer.toString(level).repeat(Math.max(0, length));
        if (color) {
            int l = Math.max(0, Math.min(MAX_LEVEL, level));
            digits = String.format(Locale.ROOT, "\u001b[48;5;%dm\u001b[38;5;%dm%s\u001b[0m", EMOTION_BG[l],
                    EMOTION_FG[l], digits);
        }
        return " ".repeat(Math.max(0, MAX_LENGTH - length)) + "|" + digits + "|";
    }

    /** damo's {@code rescale}: a value mapped from {@code [min, max]} to {@code [newMin, newMax]}. */
    static double rescale(double v, double min, double max, double newMin, double newMax, boolean log) {
        if (log) {
            v = log2OrZero(v);
            min = log2OrZero(min);
            max = log2OrZero(max);
        }
        double length = max - min;
        double ratio = length > 0 ? (newMax - newMin) / length : 1;
        return (v - min) * ratio + newMin;
    }

    private static double log2OrZero(double v) {
        return v > 0 ? StrictMath.log(v) / StrictMath.log(2) : 0;
    }
}
