package org.jdamon.core.damos;

import org.jdamon.core.Attributes;

/**
 * The kernel's built-in region scores for quota prioritisation (design §8.5.1, {@code damon_hot_score}
 * and {@code damon_cold_score}): 0..99, higher meaning "apply first". The size weight is ignored like in
 * the kernel.
 */
public final class Scores {
    public static final int MAX_SCORE = 99;
    static final int MAX_SUBSCORE = 100;
    static final int MAX_AGE_IN_LOG = 32;

    private Scores() {}

    public static int hot(Attributes attrs, int nrAccesses, int age, Quota q) {
        long wf = q.weightNrAccesses();
        long wa = q.weightAge();
        long freq = (long) nrAccesses * MAX_SUBSCORE / Math.max(attrs.maxNrAccesses(), 1);
        // the kernel keeps age_in_sec in an unsigned int: the seconds are truncated to 32 bits
        long ageSec = (Long.divideUnsigned(Integer.toUnsignedLong(age) * attrs.aggrUs(), 1_000_000)) & 0xFFFF_FFFFL;
        long ageLog = 0;
        while (ageLog < MAX_AGE_IN_LOG && ageSec != 0) {
            ageLog++;
            ageSec >>>= 1;
        }
        if (freq == 0) {
            ageLog = -ageLog;
        }
        ageLog += MAX_AGE_IN_LOG;
        long ageSub = ageLog * MAX_SUBSCORE / MAX_AGE_IN_LOG / 2;
        long hot = wf * freq + wa * ageSub;
        if (wf + wa != 0) {
            hot /= wf + wa;
        }
        hot = hot * MAX_SCORE / MAX_SUBSCORE;
        return (int) Math.clamp(hot, 0, MAX_SCORE);
    }

    public static int cold(Attributes attrs, int nrAccesses, int age, Quota q) {
        return MAX_SCORE - hot(attrs, nrAccesses, age, q);
    }

    /** The score the kernel's vaddr/paddr ops give a region for this scheme's action (99 if none). */
    public static int forAction(Attributes attrs, int nrAccesses, int age, Scheme s) {
        return switch (s.action().scoreKind()) {
            case HOT -> hot(attrs, nrAccesses, age, s.quota());
            case COLD -> cold(attrs, nrAccesses, age, s.quota());
            case NONE -> MAX_SCORE;
        };
    }

    /**
     * {@code min_score} from a byte histogram indexed by score (§8.5.2): walking from {@code maxScore}
     * down, the first score where the cumulated bytes reach {@code esz}, or 0.
     */
    public static int minScore(long[] bytesByScore, int maxScore, long esz) {
        long cum = 0;
        int sc;
        for (sc = maxScore; ; sc--) {
            cum += bytesByScore[sc];
            if (Long.compareUnsigned(cum, esz) >= 0 || sc == 0) {
                break;
            }
        }
        return sc;
    }
}
