package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scheme's value types: sysfs keywords both ways (with errors that list the valid ones), the
 * closed-range checks exactly on their edges, and what an operations set offers by default.
 */
class SchemeValuesTest {
    @Test
    void actionKeywordsAreTheSysfsNames() {
        assertThat(DamosAction.fromKeyword("lru_prio")).isEqualTo(DamosAction.LRU_PRIO);
        assertThat(DamosAction.MIGRATE_COLD.keyword()).isEqualTo("migrate_cold");
        for (DamosAction a : DamosAction.values()) {
            assertThat(DamosAction.fromKeyword(a.keyword())).isEqualTo(a);
        }
        assertThatThrownBy(() -> DamosAction.fromKeyword("reclaim")).hasMessage(
                "unknown DAMOS action 'reclaim' (expected one of willneed, cold, pageout, hugepage, nohugepage, "
                        + "collapse, lru_prio, lru_deprio, migrate_hot, migrate_cold, stat)");
    }

    @Test
    void onlyTheTwoMigrateActionsMigrate() {
        assertThat(List.of(DamosAction.values())).filteredOn(DamosAction::isMigration)
                .containsExactly(DamosAction.MIGRATE_HOT, DamosAction.MIGRATE_COLD);
    }

    @Test
    void filterTypeAndGoalMetricKeywords() {
        assertThat(FilterType.fromKeyword("hugepage_size")).isEqualTo(FilterType.HUGEPAGE_SIZE);
        assertThatThrownBy(() -> FilterType.fromKeyword("file")).hasMessage("unknown filter type 'file' "
                + "(expected one of anon, active, memcg, young, hugepage_size, unmapped, addr, target)");
        assertThat(GoalMetric.fromKeyword("node_mem_used_bp")).isEqualTo(GoalMetric.NODE_MEM_USED_BP);
        assertThatThrownBy(() -> GoalMetric.fromKeyword("rss")).hasMessage("unknown quota goal metric 'rss' "
                + "(expected one of user_input, some_mem_psi_us, node_mem_used_bp, node_mem_free_bp, "
                + "node_memcg_used_bp, node_memcg_free_bp, active_mem_bp, inactive_mem_bp, node_eligible_mem_bp, "
                + "hugepage_mem_bp)");
    }

    @Test
    void goalTunerAndWatermarkMetricKeywords() {
        assertThat(Quota.GoalTuner.fromKeyword("temporal")).isEqualTo(Quota.GoalTuner.TEMPORAL);
        assertThat(Quota.GoalTuner.CONSIST.keyword()).isEqualTo("consist");
        assertThatThrownBy(() -> Quota.GoalTuner.fromKeyword("pid")).hasMessageContaining("consist or temporal");
        assertThat(Watermarks.Metric.fromKeyword("free_mem_rate")).isEqualTo(Watermarks.Metric.FREE_MEM_RATE);
        assertThat(Watermarks.Metric.NONE.keyword()).isEqualTo("none");
        assertThatThrownBy(() -> Watermarks.Metric.fromKeyword("free")).hasMessageContaining("none or free_mem_rate");
    }

    @Test
    void closedRangesAcceptTheirEdges() {
        assertThat(DamosFilter.hugepageSize(2 << 20, 2 << 20, true, true).minBytes()).isEqualTo(2 << 20);
        assertThatThrownBy(() -> DamosFilter.hugepageSize(2, 1, true, true)).hasMessageContaining("min (2) > max (1)");
        Watermarks equal = new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 0, 300, 300, 300);
        assertThat(equal.intervalUs()).isZero();
        assertThatThrownBy(() -> new Watermarks(Watermarks.Metric.FREE_MEM_RATE, -1, 3, 2, 1))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 0, 300, 301, 300))
                .hasMessageContaining("low <= mid <= high");
        assertThatThrownBy(() -> new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 0, 300, 300, 301))
                .hasMessageContaining("low <= mid <= high");
        assertThat(QuotaGoal.of(GoalMetric.USER_INPUT, 1).targetValue()).isEqualTo(1);
        assertThatThrownBy(() -> QuotaGoal.of(GoalMetric.USER_INPUT, 0)).hasMessageContaining("must be positive");
    }

    @Test
    void coreAndOpsFiltersAreSplitInOrder() {
        DamosFilter anon = DamosFilter.of(FilterType.ANON, true, false);
        DamosFilter addr = DamosFilter.addr(0, 4096, true, true);
        DamosFilter young = DamosFilter.of(FilterType.YOUNG, false, false);
        DamosFilter target = DamosFilter.target(1, true, false);
        Scheme s = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withFilters(List.of(anon, addr, young, target));
        assertThat(s.coreFilters()).containsExactly(addr, target);
        assertThat(s.opsFilters()).containsExactly(anon, young);
        assertThat(s.withTargetNid(3).targetNid()).isEqualTo(3);
    }

    @Test
    void theApplyRequestKnowsItsOpsFiltersAndWhetherOneIsYoung() {
        Scheme young = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT)
                .withFilters(List.of(DamosFilter.of(FilterType.ANON, true, true), DamosFilter.of(FilterType.YOUNG, true, false)));
        Scheme anonOnly = young.withFilters(List.of(DamosFilter.of(FilterType.ANON, true, false)));
        Scheme addrOnly = young.withFilters(List.of(DamosFilter.addr(0, 4096, true, false)));
        ApplyRequest y = new ApplyRequest(young, 2);
        assertThat(y.hasOpsFilters()).isTrue();
        assertThat(y.hasYoungFilter()).isTrue();
        assertThat(y.scheme()).isSameAs(young);
        assertThat(y.schemeIdx()).isEqualTo(2);
        assertThat(new ApplyRequest(anonOnly, 0).hasYoungFilter()).isFalse();
        assertThat(new ApplyRequest(addrOnly, 0).hasOpsFilters()).isFalse();
    }

    @Test
    void anOperationsSetOffersOnlyActionsAndTheBuiltInScoresByDefault() {
        DamosOperations bare = (ctx, t, start, end, req) -> 0;
        assertThat(bare.supportsAction(DamosAction.PAGEOUT)).isTrue();
        assertThat(bare.supportsFilter(FilterType.ANON)).isFalse();
        assertThat(bare.supportsMetric(GoalMetric.NODE_MEM_USED_BP)).isFalse();
        assertThat(bare.supportsFreeMemRate()).isFalse();
        assertThat(bare.hasScorer()).isTrue();
        assertThat(bare.memoryState(null)).isSameAs(MemoryState.UNKNOWN);
    }
}
