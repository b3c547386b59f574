package org.jdamon.core.damos;

/**
 * One quota goal (design §8.6): the metric should reach {@code targetValue}. {@code currentValue} is
 * the user-fed value of {@code user_input} goals (ignored for measured metrics); {@code nid} and
 * {@code memcgPath} qualify node and memcg metrics (-1 and null when unused).
 */
public record QuotaGoal(GoalMetric metric, long targetValue, long currentValue, int nid, String memcgPath) {
    public QuotaGoal {
        if (metric == null) {
            throw new IllegalArgumentException("quota goal needs a metric");
        }
        if (targetValue <= 0) {
            throw new IllegalArgumentException("quota goal " + metric.keyword() + ": target value must be positive");
        }
        if (metric.needsNid() && nid < 0) {
            throw new IllegalArgumentException("quota goal " + metric.keyword() + " needs a NUMA node id");
        }
        if (metric.needsMemcg() && (memcgPath == null || memcgPath.isEmpty())) {
            throw new IllegalArgumentException("quota goal " + metric.keyword() + " needs a memcg path");
        }
    }

    public static QuotaGoal of(GoalMetric metric, long targetValue) {
        return new QuotaGoal(metric, targetValue, 0, -1, null);
    }
}
