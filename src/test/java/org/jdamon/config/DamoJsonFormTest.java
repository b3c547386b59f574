package org.jdamon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.jdamon.core.AddressRange;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.FilterType;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.QuotaGoal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * damo's kdamonds JSON forms without damo at hand: its number formatting (worked from
 * {@code _damo_fmt_str}), its nulls on reading, what jdamon writes where damo writes null, and damo's
 * target defaults.
 */
class DamoJsonFormTest {
    @Test
    void numbersAreFormattedLikeDamo() {
        assertThat(DamoText.nr(1_234_567, false)).isEqualTo("1,234,567");
        assertThat(DamoText.nr(Values.MAX, false)).isEqualTo("18,446,744,073,709,551,615");
        assertThat(DamoText.nr(Values.MAX, true)).isEqualTo("18446744073709551615");
        // format_sz: above 1 MiB -> "%.3f MiB"; exactly 1024 is not above 1 KiB -> "%d B"
        assertThat(DamoText.sz(100L << 20, false)).isEqualTo("100.000 MiB");
        assertThat(DamoText.sz(1024, false)).isEqualTo("1024 B");
        assertThat(DamoText.sz(1536, false)).isEqualTo("1.500 KiB");
        assertThat(DamoText.sz(Values.MAX, false)).isEqualTo("max");
        assertThat(DamoText.szAccurate(1, false)).isEqualTo("1 B");
        // format_time_us: 5000 us = "5 ms", 1500 us = "1.500 ms", 90 s = "1 m 30 s"
        assertThat(DamoText.timeUs(5_000, false)).isEqualTo("5 ms");
        assertThat(DamoText.timeUs(1_500, false)).isEqualTo("1.500 ms");
        assertThat(DamoText.timeUs(90_000_000, false)).isEqualTo("1 m 30 s");
        assertThat(DamoText.timeUs(0, false)).isEqualTo("0 ns");
        // format_time_ms_exact: compound, and its raw form is in nanoseconds
        assertThat(DamoText.timeMsExact(90_500, false)).isEqualTo("1 m 30 s 500 ms");
        assertThat(DamoText.timeMsExact(1_000, true)).isEqualTo("1000000000");
        assertThat(DamoText.timeMsExact(Values.MAX, false)).isEqualTo("max");
        assertThat(DamoText.timeUsExact(Values.MAX, true)).isEqualTo("18446744073709551615000");
        // format_permil(1) = format_ratio(0.001): 0.1 %; raw "%f"
        assertThat(DamoText.permil(1, false)).isEqualTo("0.1 %");
        assertThat(DamoText.permil(500, false)).isEqualTo("50 %");
        assertThat(DamoText.permil(1, true)).isEqualTo("1.000000");
        assertThat(DamoText.bp(400, false)).isEqualTo("4 %");
        assertThat(DamoText.bp(1234, false)).isEqualTo("12.34 %");
    }

    /** A scheme as damo 3.3.0 writes it: nulls for unused fields, strings with separators, a list pair. */
    private static final String DAMO_SCHEME = """
            {"kdamonds": [{"refresh_ms": 0, "contexts": [{"ops": "paddr", "addr_unit": "1 B",
              "targets": [{"pid": null, "obsolete": false, "regions": [{"start": "4,096", "end": "1,048,576"}]}],
              "intervals": {"sample_us": "5 ms", "aggr_us": "100 ms", "ops_update_us": "1 s",
                "intervals_goal": {"access_bp": "0 %", "aggrs": "0", "min_sample_us": "0 ns", "max_sample_us": "0 ns"}},
              "nr_regions": {"min": "10", "max": "1,000"},
              "probes": [], "sample_control": {"primitives_enabled": {"page_table": true, "page_fault": false},
                "sample_filters": []},
              "pause": false,
              "schemes": [{"action": "migrate_hot", "dests": [], "target_nid": 1,
                "access_pattern": {"sz_bytes": {"min": "0 B", "max": "max"},
                  "nr_accesses": {"min": "0 %", "max": "18,446,744,073,709,551,615 %"},
                  "age": {"min": "0 ns", "max": "max"}},
                "apply_interval_us": "0 ns",
                "quotas": {"time_ms": "0 ns", "sz_bytes": "100.000 MiB", "reset_interval_ms": "1 s",
                  "fail_charge_num": "0", "fail_charge_denom": "0",
                  "goals": [{"metric": "some_mem_psi_us", "nid": null, "memcg_path": null,
                             "target_value": "1,000", "current_value": "0"},
                            {"metric": "node_mem_used_bp", "nid": "0", "memcg_path": null,
                             "target_value": "5,000", "current_value": "0"}],
                  "goal_tuner": "consist", "effective_sz_bytes": "0 B",
                  "weights": {"sz_permil": "0.1 %", "nr_accesses_permil": "0.1 %", "age_permil": "0.1 %"}},
                "watermarks": {"metric": "none", "interval_us": "0 ns", "high_permil": "0 %",
                  "mid_permil": "0 %", "low_permil": "0 %"},
                "filters": [
                  {"filter_type": "anon", "matching": true, "allow": false, "memcg_path": null,
                   "address_range": null, "damon_target_idx": null, "hugepage_size": null},
                  {"filter_type": "addr", "matching": true, "allow": true, "memcg_path": null,
                   "address_range": {"start": "4,096", "end": "8,192"}, "damon_target_idx": null, "hugepage_size": null},
                  {"filter_type": "hugepage_size", "matching": true, "allow": true, "memcg_path": null,
                   "address_range": null, "damon_target_idx": null, "hugepage_size": ["2.000 MiB", "2.000 MiB"]},
                  {"filter_type": "target", "matching": true, "allow": false, "memcg_path": null,
                   "address_range": null, "damon_target_idx": "0", "hugepage_size": null}],
                "stats": {"nr_tried": "0", "sz_tried": "0 B", "nr_applied": "0", "sz_applied": "0 B",
                  "sz_ops_filter_passed": "0 B", "qt_exceeds": "0", "nr_snapshots": "0", "max_nr_snapshots": "7"}}]}]}]}
            """;

    @Test
    void readsDamosJsonWithNullsSeparatorsAndListPairs() {
        KdamondsConfig.Context c = KdamondsJson.parse(DAMO_SCHEME).kdamonds().getFirst().contexts().getFirst();
        assertThat(c.ops()).isEqualTo("paddr");
        assertThat(c.targets().getFirst().regions()).containsExactly(new AddressRange(4096, 1 << 20));
        assertThat(c.nrRegions().max()).isEqualTo(1000);
        SchemeConfig s = c.schemes().getFirst();
        assertThat(s.action()).isEqualTo(DamosAction.MIGRATE_HOT);
        assertThat(s.targetNid()).isEqualTo(1);
        assertThat(s.pattern().maxNrAccesses()).isEqualTo(Values.MAX);
        assertThat(s.quota().szBytes()).isEqualTo(100L << 20);
        assertThat(s.quota().resetIntervalMs()).isEqualTo(1000);
        assertThat(List.of(s.quota().weightSz(), s.quota().weightNrAccesses(), s.quota().weightAge()))
                .containsExactly(1, 1, 1);
        assertThat(s.quota().goals()).containsExactly(
                new QuotaGoal(GoalMetric.SOME_MEM_PSI_US, 1000, 0, -1, null),
                new QuotaGoal(GoalMetric.NODE_MEM_USED_BP, 5000, 0, 0, null));
        assertThat(s.filters()).containsExactly(
                DamosFilter.of(FilterType.ANON, true, false),
                DamosFilter.addr(4096, 8192, true, true),
                DamosFilter.hugepageSize(2L << 20, 2L << 20, true, true),
                DamosFilter.target(0, true, false));
        // damo keeps max_nr_snapshots in the stats
        assertThat(s.maxNrSnapshots()).isEqualTo(7);
    }

    @Test
    void writesNullsWhereDamoDoesAndTargetNidOnlyForMigration() {
        KdamondsConfig.Context c = KdamondsJson.parse(DAMO_SCHEME).kdamonds().getFirst().contexts().getFirst();
        SchemeConfig migrate = c.schemes().getFirst();
        SchemeConfig pageout = migrate.withAction(DamosAction.PAGEOUT, -1, List.of());
        JsonNode tree = KdamondsJson.toTree(KdamondsConfig.single(c.withSchemes(List.of(migrate, pageout))));
        JsonNode schemes = tree.get("kdamonds").get(0).get("contexts").get(0).get("schemes");
        assertThat(schemes.get(0).get("target_nid").asInt()).isEqualTo(1);
        assertThat(schemes.get(1).has("target_nid")).isFalse();
        JsonNode anon = schemes.get(0).get("filters").get(0);
        assertThat(anon.get("memcg_path").isNull()).isTrue();
        assertThat(anon.get("address_range").isNull()).isTrue();
        assertThat(anon.get("damon_target_idx").isNull()).isTrue();
        assertThat(anon.get("hugepage_size").isNull()).isTrue();
        assertThat(schemes.get(0).get("filters").get(3).get("damon_target_idx").asString()).isEqualTo("0");
        JsonNode psi = schemes.get(0).get("quotas").get("goals").get(0);
        assertThat(psi.get("nid").isNull()).isTrue();
        assertThat(psi.get("target_value").asString()).isEqualTo("1,000");
        // ours is kept in the scheme, only when set
        assertThat(schemes.get(0).get("max_nr_snapshots").asString()).isEqualTo("7");
        assertThat(schemes.get(1).has("max_nr_snapshots")).isTrue();
        JsonNode none = KdamondsJson.toTree(KdamondsConfig.single(c.withSchemes(List.of(SchemeConfig.defaults()))))
                .get("kdamonds").get(0).get("contexts").get(0).get("schemes").get(0);
        assertThat(none.has("max_nr_snapshots")).isFalse();
        assertThat(KdamondsJson.parse(KdamondsJson.write(KdamondsConfig.single(c)))).isEqualTo(KdamondsConfig.single(c));
    }

    @Test
    void nonDefaultSamplingIsRefusedRatherThanDropped() {
        String probes = DAMO_SCHEME.replace("\"probes\": []", "\"probes\": [{\"filters\": []}]");
        assertThatThrownBy(() -> KdamondsJson.parse(probes)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("$.kdamonds[0].contexts[0].probes").hasMessageContaining("not supported");
        String faults = DAMO_SCHEME.replace("\"page_fault\": false", "\"page_fault\": true");
        assertThatThrownBy(() -> KdamondsJson.parse(faults)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("primitives_enabled");
    }

    private static DamonArgs args(Long pid, List<String> regions) {
        return new DamonArgs(null, null, pid, regions, null, null, null);
    }

    @Test
    void targetDefaultsAreDamos() {
        AddressRange ram = new AddressRange(0x1000, 0x6_4000_0000L);
        KdamondsConfig.Context none = args(null, List.of()).toConfig(() -> Optional.of(ram)).kdamonds().getFirst()
                .contexts().getFirst();
        assertThat(none.ops()).isEqualTo("paddr");
        assertThat(none.targets()).containsExactly(new KdamondsConfig.TargetConfig(null, false, List.of(ram)));
        KdamondsConfig.Context regions = args(null, List.of("4096-8192")).toConfig(Optional::empty).kdamonds()
                .getFirst().contexts().getFirst();
        assertThat(regions.ops()).isEqualTo("paddr");
        assertThat(regions.targets()).containsExactly(
                new KdamondsConfig.TargetConfig(null, false, List.of(new AddressRange(4096, 8192))));
        KdamondsConfig.Context pid = args(1L, List.of("4096-8192")).toConfig(Optional::empty).kdamonds()
                .getFirst().contexts().getFirst();
        assertThat(pid.ops()).isEqualTo("vaddr");
        assertThat(pid.targets()).containsExactly(
                new KdamondsConfig.TargetConfig(1L, false, List.of(new AddressRange(4096, 8192))));
    }

    @Test
    void systemRamSpansFirstToLastRamEntryOfIomem() {
        List<String> iomem = List.of(
                "00000000-00000fff : Reserved",
                "00001000-0009fbff : System RAM",
                "000f0000-000fffff : Reserved",
                "  000f0000-000fffff : System ROM",
                "00100000-bffdffff : System RAM",
                "  2a000000-2b000000 : Kernel code",
                "fec00000-fec003ff : PNP0003:00",
                "100000000-63fffffff : System RAM");
        // fully closed ranges: the end is the last address + 1
        assertThat(SystemRam.span(iomem)).contains(new AddressRange(0x1000, 0x6_4000_0000L));
        assertThat(SystemRam.span(List.of("00000000-00000fff : Reserved"))).isEmpty();
    }
}
