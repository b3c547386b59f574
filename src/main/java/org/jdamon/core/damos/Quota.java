package org.jdamon.core.damos;

import java.util.List;
import java.util.Locale;

/**
 * A scheme's budget (design §8.4): at most {@code timeMs} of action time and {@code szBytes} of tried
 * memory per {@code resetIntervalMs} window, further limited by feedback {@code goals}; weights rank
 * regions when the budget cannot cover all of them (§8.5). All zero with no goals means unlimited.
 * {@code failChargeNum/Denom} (mm.git) charge failed bytes at that ratio when the denominator is set.
 */
public record Quota(
        long timeMs,
        long szBytes,
        long resetIntervalMs,
        int weightSz,
        int weightNrAccesses,
        int weightAge,
        List<QuotaGoal> goals,
        GoalTuner goalTuner,
        long failChargeNum,
        long failChargeDenom) {

    /** The feedback algorithm for goals (§8.6.4). */
    public enum GoalTuner {
        CONSIST,
        TEMPORAL;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static GoalTuner fromKeyword(String k) {
            for (GoalTuner t : values()) {
                if (t.keyword().equals(k)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown goal tuner '" + k + "' (expected consist or temporal)");
        }
    }

    public static final Quota UNLIMITED = new Quota(0, 0, 0, 0, 0, 0, List.of(), GoalTuner.CONSIST, 0, 0);

    public Quota {
        goals = goals == null ? List.of() : List.copyOf(goals);
        goalTuner = goalTuner == null ? GoalTuner.CONSIST : goalTuner;
        if (timeMs < 0 || szBytes < 0 || resetIntervalMs < 0) {
            throw new IllegalArgumentException("quota values must not be negative");
        }
        if (weightSz < 0 || weightNrAccesses < 0 || weightAge < 0) {
            throw new IllegalArgumentException("quota weights must not be negative");
        }
    }

    public Quota(long timeMs, long szBytes, long resetIntervalMs, int weightSz, int weightNrAccesses, int weightAge) {
        this(timeMs, szBytes, resetIntervalMs, weightSz, weightNrAccesses, weightAge, List.of(),
                GoalTuner.CONSIST, 0, 0);
    }

    /** The newest kernel's "quota set" test: any budget or goal. */
    public boolean isSet() {
        return timeMs != 0 || szBytes != 0 || !goals.isEmpty();
    }

    public Quota withGoals(List<QuotaGoal> newGoals) {
        return new Quota(timeMs, szBytes, resetIntervalMs, weightSz, weightNrAccesses, weightAge, newGoals,
                goalTuner, failChargeNum, failChargeDenom);
    }
}
