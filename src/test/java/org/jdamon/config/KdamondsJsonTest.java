package org.jdamon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.QuotaGoal;
import org.junit.jupiter.api.Test;

class KdamondsJsonTest {
    private static KdamondsConfig sample() {
        DamosArgs a = new DamosArgs(List.of(List.of("pageout"), List.of("migrate_hot", "1")),
                List.of(List.of("0", "0"), List.of("5%", "max")), List.of(List.of("4K", "max")),
                List.of(List.of("2s", "max")), null, List.of(List.of("10ms", "128M", "1s", "0", "0", "1")), null,
                List.of(List.of("node_mem_used_bp", "99.7%", "0")), List.of(0, 1), null,
                List.of(List.of("free_mem_rate", "5s", "50%", "40%", "20%")),
                List.of(List.of("reject", "anon", "allow", "none", "addr", "4096", "8192")), List.of(1, 0), null);
        List<SchemeConfig> schemes = new java.util.ArrayList<>(a.toSchemes());
        schemes.addAll(Presets.LRU_SORT.schemes());
        return KdamondsConfig.single(KdamondsConfig.defaultContext().withSchemes(schemes));
    }

    @Test
    void writtenConfigReadsBackEqual() {
        KdamondsConfig cfg = sample();
        String json = KdamondsJson.write(cfg);
        KdamondsConfig back = KdamondsJson.parse(json);
        assertThat(back).isEqualTo(cfg);
        assertThat(KdamondsJson.write(back)).isEqualTo(json);
    }

    @Test
    void readsPlainNumbersAndDefaultsMissingKeys() {
        String json = """
                {"kdamonds": [{"contexts": [{"ops": "paddr",
                  "intervals": {"sample_us": 10000, "aggr_us": "200 ms"},
                  "schemes": [{"action": "lru_prio",
                    "access_pattern": {"nr_accesses": {"min": "3 samples", "max": "max"},
                                       "age": {"min": "5 aggr_intervals", "max": "max"}},
                    "quotas": {"time_ms": 5, "goals": [{"metric": "active_mem_bp", "target_value": 5010}]},
                    "filters": [{"filter_type": "young", "allow": true}],
                    "stats": {"nr_tried": 3}}]}]}]}
                """;
        KdamondsConfig.Context c = KdamondsJson.parse(json).kdamonds().getFirst().contexts().getFirst();
        assertThat(c.ops()).isEqualTo("paddr");
        assertThat(c.intervals().sampleUs()).isEqualTo(10_000);
        assertThat(c.intervals().aggrUs()).isEqualTo(200_000);
        assertThat(c.intervals().opsUpdateUs()).isEqualTo(1_000_000);
        SchemeConfig s = c.schemes().getFirst();
        assertThat(s.action()).isEqualTo(DamosAction.LRU_PRIO);
        assertThat(s.pattern().rateUnit()).isEqualTo(SchemeConfig.RateUnit.SAMPLES);
        assertThat(s.pattern().minNrAccesses()).isEqualTo(3);
        assertThat(s.pattern().ageUnit()).isEqualTo(SchemeConfig.AgeUnit.AGGR_INTERVALS);
        assertThat(s.pattern().minAge()).isEqualTo(5);
        assertThat(s.quota().timeMs()).isEqualTo(5);
        assertThat(s.quota().resetIntervalMs()).isEqualTo(Values.MAX);
        assertThat(s.quota().goals()).containsExactly(QuotaGoal.of(GoalMetric.ACTIVE_MEM_BP, 5010));
        assertThat(s.filters()).containsExactly(DamosFilter.of(org.jdamon.core.damos.FilterType.YOUNG, true, true));
        // sample 10 ms / aggr 200 ms: 3 samples stay 3, 5 aggregations stay 5
        assertThat(CoreConversion.schemes(c).getFirst().pattern().minAge()).isEqualTo(5);
    }

    @Test
    void wrongShapesNameTheJsonPath() {
        assertThatThrownBy(() -> KdamondsJson.parse("{\"kdamonds\": {}}"))
                .hasMessage("$.kdamonds: expected a list, found an object");
        assertThatThrownBy(() -> KdamondsJson.parse("{\"kdamonds\": [{\"contexts\": [{\"schemes\": 3}]}]}"))
                .hasMessage("$.kdamonds[0].contexts[0].schemes: expected a list, found a number");
        assertThatThrownBy(() -> KdamondsJson.parse("{\"kdamonds\": [{\"contexts\": [{\"schemes\": [{\"action\": \"evict\"}]}]}]}"))
                .hasMessageStartingWith("$.kdamonds[0].contexts[0].schemes[0].action: unknown DAMOS action 'evict'");
        assertThatThrownBy(() -> KdamondsJson.parse("{\"kdamonds\": [{\"contexts\": [{\"schemes\": [{\"acess_pattern\": {}}]}]}]}"))
                .hasMessageStartingWith("$.kdamonds[0].contexts[0].schemes[0].acess_pattern: unknown key");
        assertThatThrownBy(() -> KdamondsJson.parse("""
                {"kdamonds": [{"contexts": [{"schemes": [{"access_pattern": {"age": {"min": "5 s", "max": "1 s"}}}]}]}]}"""))
                .hasMessage("$.kdamonds[0].contexts[0].schemes[0].access_pattern.age: min (5000000) > max (1000000)");
        assertThatThrownBy(() -> KdamondsJson.parse("""
                {"kdamonds": [{"contexts": [{"schemes": [{"quotas": {"goals": [{"metric": "node_mem_free_bp", "target_value": "10%"}]}}]}]}]}"""))
                .hasMessage("$.kdamonds[0].contexts[0].schemes[0].quotas.goals[0]: quota goal node_mem_free_bp needs a NUMA node id");
        assertThatThrownBy(() -> KdamondsJson.parse("""
                {"kdamonds": [{"contexts": [{"schemes": [{"filters": [{"filter_type": "addr", "address_range": {"start": 8192, "end": 4096}}]}]}]}]}"""))
                .hasMessageStartingWith("$.kdamonds[0].contexts[0].schemes[0].filters[0]: addr filter: end");
        assertThatThrownBy(() -> KdamondsJson.parse("""
                {"kdamonds": [{"contexts": [{"intervals": {"sample_us": "1 s", "aggr_us": "100 ms"}}]}]}"""))
                .hasMessageStartingWith("$.kdamonds[0].contexts[0]: sample interval");
        assertThatThrownBy(() -> KdamondsJson.parse("{\"kdamonds\": [}"))
                .hasMessageStartingWith("line 1: not valid JSON");
    }
}
