package org.jdamon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.FilterType;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.MigrationDest;
import org.jdamon.core.damos.Quota;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.core.damos.Scheme;
import org.jdamon.core.damos.Watermarks;
import org.junit.jupiter.api.Test;

class DamosArgsTest {
    private static List<String> w(String words) {
        return List.of(words.split(" "));
    }

    private static DamosArgs args(List<List<String>> actions, List<List<String>> rates, List<List<String>> sizes,
            List<List<String>> ages) {
        return new DamosArgs(actions, rates, sizes, ages, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void patternInDamoUnitsBecomesSamplesAndAggregations() {
        List<SchemeConfig> s = args(List.of(w("pageout")), List.of(w("5% 50")), List.of(w("4K 2M")), List.of(w("2s max")))
                .toSchemes();
        assertThat(s).hasSize(1);
        // 5 ms / 100 ms: 20 samples per aggregation; 5 % -> 1 sample, 50 % -> 10; 2 s / 100 ms = 20 aggregations.
        AccessPattern p = CoreConversion.pattern(s.getFirst().pattern(), Attributes.DAMO_DEFAULTS);
        assertThat(p).isEqualTo(new AccessPattern(4096, 2 << 20, 1, 10, 20, Integer.MAX_VALUE));
        // at 10 ms / 1 s the same percentages are 5 and 50 samples and 2 s is 2 aggregations
        AccessPattern p2 = CoreConversion.pattern(s.getFirst().pattern(),
                Attributes.DAMO_DEFAULTS.withIntervals(10_000, 1_000_000, 1_000_000));
        assertThat(p2).isEqualTo(new AccessPattern(4096, 2 << 20, 5, 50, 2, Integer.MAX_VALUE));
    }

    @Test
    void optionsAreMatchedToSchemesInOrder() {
        DamosArgs a = new DamosArgs(List.of(w("stat"), w("migrate_cold 1 3 2 1")), List.of(w("0 0"), w("10 max")), null,
                null, List.of("1s", "200ms"), List.of(w("0 100M 1s"), w("10ms 0 500ms 1 2 3")), null,
                List.of(w("user_input 10000 4000"), w("node_mem_free_bp 50.1% 1"), w("some_mem_psi_us 1ms")),
                List.of(1, 2), null, List.of(w("free_mem_rate 1s 500 40% 200")), List.of(w("allow anon reject young")),
                List.of(0, 1), null);
        List<SchemeConfig> s = a.toSchemes();
        assertThat(s).extracting(SchemeConfig::action).containsExactly(DamosAction.STAT, DamosAction.MIGRATE_COLD);
        assertThat(s.get(1).dests()).containsExactly(new MigrationDest(1, 3), new MigrationDest(2, 1));
        assertThat(s.get(0).applyIntervalUs()).isEqualTo(1_000_000);
        assertThat(s.get(1).applyIntervalUs()).isEqualTo(200_000);
        assertThat(s.get(0).quota().szBytes()).isEqualTo(100L << 20);
        assertThat(s.get(0).quota().resetIntervalMs()).isEqualTo(1_000);
        // weights are permil: bare 1 2 3
        Quota q1 = s.get(1).quota();
        assertThat(List.of(q1.timeMs(), q1.resetIntervalMs(), (long) q1.weightSz(), (long) q1.weightNrAccesses(),
                (long) q1.weightAge())).containsExactly(10L, 500L, 1L, 2L, 3L);
        assertThat(s.get(0).quota().goals()).containsExactly(new QuotaGoal(GoalMetric.USER_INPUT, 10_000, 4_000, -1, null));
        // 50.1 % is 5010 bp; PSI targets are durations in us
        assertThat(q1.goals()).containsExactly(new QuotaGoal(GoalMetric.NODE_MEM_FREE_BP, 5010, 0, 1, null),
                new QuotaGoal(GoalMetric.SOME_MEM_PSI_US, 1_000, 0, -1, null));
        assertThat(s.get(0).watermarks()).isEqualTo(new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 1_000_000, 500, 400, 200));
        assertThat(s.get(1).watermarks()).isEqualTo(Watermarks.NONE);
        assertThat(s.get(0).filters()).isEmpty();
        assertThat(s.get(1).filters()).containsExactly(DamosFilter.of(FilterType.ANON, true, true),
                DamosFilter.of(FilterType.YOUNG, true, false));
        // no quota given: damo's default reset interval is "max"
        assertThat(new DamosArgs(List.of(w("stat")), null, null, null, null, null, null, null, null, null, null, null,
                null, null).toSchemes().getFirst().quota().isSet()).isFalse();
    }

    @Test
    void separateQuotaOptionsAndTheirRules() {
        DamosArgs a = new DamosArgs(List.of(w("pageout"), w("stat")), null, null, null, null, null, List.of("1s", "500"),
                List.of("10ms"), List.of("200MB", "1G"), null, List.of(w("some_mem_psi_us 1ms")), List.of(0, 1), null,
                null, null, null, null);
        List<SchemeConfig> s = a.toSchemes();
        // --damos_quota_interval with time/space: bare interval in ms; weights default to 1/1/1 (damo)
        assertThat(s.get(0).quota()).isEqualTo(new Quota(10, 200L << 20, 1000, 1, 1, 1));
        assertThat(s.get(1).quota().resetIntervalMs()).isEqualTo(500);
        assertThat(s.get(1).quota().szBytes()).isEqualTo(1L << 30);
        assertThat(s.get(1).quota().goals()).hasSize(1);
        assertThatThrownBy(() -> new DamosArgs(List.of(w("stat")), null, null, null, null, List.of(w("10ms")),
                List.of("1s"), null, null, null, null, null, null, null, null, null, null).toSchemes())
                .hasMessage("--damos_quota_interval: cannot be combined with --damos_quotas");
        assertThatThrownBy(() -> new DamosArgs(List.of(w("stat")), null, null, null, null, List.of(w("10ms 1G")), null,
                List.of(w("user_input 100")), null, null, null, null, null, null).toSchemes())
                .hasMessageStartingWith("--damos_quota_goal: needs a reset interval");
        assertThatThrownBy(() -> new DamosArgs(List.of(w("stat")), null, null, null, null, null, null, List.of("1s"),
                null, null, null, null, null, null, null, null, null).toSchemes())
                .hasMessage("--damos_quota_time: needs --damos_quota_interval");
    }

    @Test
    void filterGrammars() {
        assertThat(DamosArgs.filters(w("reject none addr 4K 1M allow target 1 reject hugepage_size 2M 2M allow memcg /a/b")))
                .containsExactly(DamosFilter.addr(4096, 1 << 20, false, false), DamosFilter.target(1, true, true),
                        DamosFilter.hugepageSize(2 << 20, 2 << 20, true, false), DamosFilter.memcg("/a/b", true, true));
        // old grammar: <type> <matching|nomatching> [args] [allow|reject]; the verdict defaults to reject
        assertThat(DamosArgs.filters(w("anon nomatching"))).containsExactly(DamosFilter.of(FilterType.ANON, false, false));
        assertThat(DamosArgs.filters(w("addr matching 0 8K allow"))).containsExactly(DamosFilter.addr(0, 8192, true, true));
    }

    @Test
    void presetsFollowTheModulesDefaults() {
        Attributes attrs = Attributes.DAMO_DEFAULTS;
        Scheme reclaim = CoreConversion.scheme(Presets.RECLAIM.schemes().getFirst(), attrs, "preset");
        // DAMON_RECLAIM: sz >= PAGE_SIZE, nr_accesses 0, age >= 120 s / 100 ms = 1200, pageout,
        // 10 ms and 128 MiB per 1 s, weights 0/0/1, free_mem_rate watermarks 500/400/200 every 5 s.
        assertThat(reclaim.pattern()).isEqualTo(new AccessPattern(4096, Long.MAX_VALUE, 0, 0, 1200, Integer.MAX_VALUE));
        assertThat(reclaim.action()).isEqualTo(DamosAction.PAGEOUT);
        assertThat(reclaim.quota()).isEqualTo(new Quota(10, 128L << 20, 1000, 0, 0, 1));
        assertThat(reclaim.watermarks()).isEqualTo(new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 5_000_000, 500, 400, 200));
        List<SchemeConfig> lru = Presets.LRU_SORT.schemes();
        Scheme hot = CoreConversion.scheme(lru.get(0), attrs, "preset");
        Scheme cold = CoreConversion.scheme(lru.get(1), attrs, "preset");
        // hot_thres = max_nr_accesses (20) * 500 / 1000 = 10 samples; each scheme half of the 10 ms quota
        assertThat(hot.pattern().minNrAccesses()).isEqualTo(10);
        assertThat(hot.action()).isEqualTo(DamosAction.LRU_PRIO);
        assertThat(cold.action()).isEqualTo(DamosAction.LRU_DEPRIO);
        assertThat(cold.pattern().minAge()).isEqualTo(1200);
        assertThat(hot.quota().timeMs() + cold.quota().timeMs()).isEqualTo(10);
        assertThat(hot.watermarks()).isEqualTo(new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 5_000_000, 200, 150, 50));
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> args(List.of(w("page_out")), null, null, null).toSchemes())
                .hasMessageStartingWith("--damos_action: unknown DAMOS action 'page_out'");
        assertThatThrownBy(() -> args(List.of(w("pageout")), List.of(w("50 10")), null, null).toSchemes())
                .hasMessage("--damos_access_rate: min (50) > max (10)");
        assertThatThrownBy(() -> args(List.of(w("pageout")), null, List.of(w("1M 4K")), null).toSchemes())
                .hasMessage("--damos_sz_region: min (1M) > max (4K)");
        assertThatThrownBy(() -> args(List.of(w("pageout")), null, null, List.of(w("5s 1s"))).toSchemes())
                .hasMessage("--damos_age: min (5s) > max (1s)");
        assertThatThrownBy(() -> args(List.of(w("pageout")), null, null, List.of(w("soon max"))).toSchemes())
                .hasMessageStartingWith("--damos_age: invalid duration 'soon'");
        assertThatThrownBy(() -> args(List.of(), List.of(w("0 0")), null, null).toSchemes())
                .hasMessage("--damos_access_rate: given without --damos_action");
        assertThatThrownBy(() -> args(List.of(w("pageout 1")), null, null, null).toSchemes())
                .hasMessageContaining("pageout takes no arguments");
        assertThatThrownBy(() -> DamosArgs.filters(w("allow")))
                .hasMessage("--damos_filter: missing filter type after 'allow'");
        assertThatThrownBy(() -> DamosArgs.filters(w("reject addr 4K")))
                .hasMessage("--damos_filter: addr needs 2 argument(s)");
        assertThatThrownBy(() -> DamosArgs.filters(w("reject addr 8K 4K")))
                .hasMessageStartingWith("--damos_filter: addr filter: end");
        assertThatThrownBy(() -> DamosArgs.filters(w("allow anonymous")))
                .hasMessageStartingWith("--damos_filter: unknown filter type 'anonymous'");
        assertThatThrownBy(() -> DamosArgs.goal(w("node_mem_free_bp 30%")))
                .hasMessage("--damos_quota_goal: node_mem_free_bp takes <target> <nid>");
        assertThatThrownBy(() -> DamosArgs.goal(w("free_mem 30%")))
                .hasMessageStartingWith("--damos_quota_goal: unknown quota goal metric 'free_mem'");
        assertThatThrownBy(() -> DamosArgs.goal(w("user_input 0")))
                .hasMessageContaining("target value must be positive");
        DamosArgs twoSchemesOneGoal = new DamosArgs(List.of(w("stat"), w("stat")), null, null, null, null,
                List.of(w("0 0 1s")), null, List.of(w("user_input 100")), null, null, null, null, null, null);
        assertThatThrownBy(twoSchemesOneGoal::toSchemes).hasMessageContaining("--damos_nr_quota_goals");
        DamosArgs badWmarks = new DamosArgs(List.of(w("stat")), null, null, null, null, null, null, null, null, null,
                List.of(w("free_mem_rate 1s 100 400 200")), null, null, null);
        assertThatThrownBy(badWmarks::toSchemes).hasMessageStartingWith("--damos_wmarks: watermarks must satisfy");
    }

    private static DamosArgs failCharge(List<String> actions, List<List<String>> ratios) {
        return new DamosArgs(actions.stream().map(DamosArgsTest::w).toList(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, ratios);
    }

    @Test
    void failChargeRatiosGoToTheirSchemes() {
        List<SchemeConfig> s = failCharge(List.of("pageout", "stat"), List.of(w("1 4096"), w("0 1"))).toSchemes();
        assertThat(s.get(0).quota().failChargeNum()).isEqualTo(1);
        assertThat(s.get(0).quota().failChargeDenom()).isEqualTo(4096);
        assertThat(s.get(1).quota().failChargeNum()).isZero();
        assertThat(s.get(1).quota().failChargeDenom()).isEqualTo(1);
        assertThat(failCharge(List.of("stat"), null).toSchemes().getFirst().quota().failChargeDenom())
                .as("not given: the kernel's 0/0, full charge").isZero();
        assertThatThrownBy(() -> failCharge(List.of("stat"), List.of(w("1 0"))).toSchemes())
                .hasMessage("--damos_quota_fail_charge_ratio: needs a non-negative numerator and a positive"
                        + " denominator (got 1 0)");
        assertThatThrownBy(() -> failCharge(List.of("stat"), List.of(w("1 2"), w("1 2"))).toSchemes())
                .hasMessageStartingWith("--damos_quota_fail_charge_ratio: given 2 times for 1 scheme(s)");
    }
}
