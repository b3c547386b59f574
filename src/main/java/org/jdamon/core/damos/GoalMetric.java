package org.jdamon.core.damos;

import java.util.Locale;

/**
 * What a quota goal measures (design §8.6.1). Values are read from the operations set once per charge
 * window; {@code some_mem_psi_us} is cumulative there and turned into a per-window delta by the engine,
 * and {@code node_eligible_mem_bp} is computed by the engine from {@link DamosOperations#presentBytes}.
 */
public enum GoalMetric {
    USER_INPUT(false, false),
    SOME_MEM_PSI_US(false, false),
    NODE_MEM_USED_BP(true, false),
    NODE_MEM_FREE_BP(true, false),
    NODE_MEMCG_USED_BP(true, true),
    NODE_MEMCG_FREE_BP(true, true),
    ACTIVE_MEM_BP(false, false),
    INACTIVE_MEM_BP(false, false),
    /** mm.git: the scheme's pattern-matching bytes on node {@code nid} over all of them (computed by the engine). */
    NODE_ELIGIBLE_MEM_BP(true, false),
    /** mm.git: the huge-page-backed share of resident memory. */
    HUGEPAGE_MEM_BP(false, false);

    private final boolean needsNid;
    private final boolean needsMemcg;

    GoalMetric(boolean needsNid, boolean needsMemcg) {
        this.needsNid = needsNid;
        this.needsMemcg = needsMemcg;
    }

    public boolean needsNid() {
        return needsNid;
    }

    public boolean needsMemcg() {
        return needsMemcg;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GoalMetric fromKeyword(String keyword) {
        for (GoalMetric m : values()) {
            if (m.keyword().equals(keyword)) {
                return m;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (GoalMetric m : values()) {
            valid.append(valid.isEmpty() ? "" : ", ").append(m.keyword());
        }
        throw new IllegalArgumentException(
                "unknown quota goal metric '" + keyword + "' (expected one of " + valid + ")");
    }
}
