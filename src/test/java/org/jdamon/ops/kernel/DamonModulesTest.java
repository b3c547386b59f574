package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DAMON_RECLAIM / DAMON_LRU_SORT parameters on fixture module directories (names as in Linux 6.12). */
class DamonModulesTest {
    @TempDir
    Path sys;

    @TempDir
    Path state;

    private Path params;

    /** damon_reclaim's parameters with the defaults of design §11.1. */
    private DamonModules reclaim(String enabled) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("enabled", enabled);
        p.put("commit_inputs", "N");
        p.put("min_age", "120000000");
        p.put("quota_ms", "10");
        p.put("quota_sz", "134217728");
        p.put("quota_reset_interval_ms", "1000");
        p.put("wmarks_interval", "5000000");
        p.put("wmarks_high", "500");
        p.put("wmarks_mid", "400");
        p.put("wmarks_low", "200");
        p.put("kdamond_pid", "-1");
        p.put("nr_reclaimed_regions", "0");
        FixtureTree.module(sys, "damon_reclaim", p);
        params = sys.resolve("module/damon_reclaim/parameters");
        return new DamonModules(new SysfsDamon(sys, new Ownership(state)));
    }

    @Test
    void enablingWritesParametersThenEnabledAndRemembersIt() throws IOException {
        DamonModules m = reclaim("N");
        var before = FixtureTree.snapshot(params);
        m.enable(DamonModules.RECLAIM, Map.of("min_age", "30000000", "quota_sz", "67108864"));

        assertThat(FixtureTree.changes(before, FixtureTree.snapshot(params)))
                .isEqualTo(Map.of("min_age", "30000000", "quota_sz", "67108864", "enabled", "Y"));
        assertThat(m.ours(DamonModules.RECLAIM)).isTrue();

        // jdamon's running module takes new values through commit_inputs
        var mid = FixtureTree.snapshot(params);
        m.tune(DamonModules.RECLAIM, Map.of("quota_ms", "20"));
        assertThat(FixtureTree.changes(mid, FixtureTree.snapshot(params)))
                .isEqualTo(Map.of("quota_ms", "20", "commit_inputs", "Y"));

        m.disable(DamonModules.RECLAIM);
        assertThat(m.enabled(DamonModules.RECLAIM)).isFalse();
        assertThat(m.ours(DamonModules.RECLAIM)).isFalse();
    }

    @Test
    void aModuleEnabledByTheMachineIsLeftAlone() throws IOException {
        DamonModules m = reclaim("Y");
        var before = FixtureTree.snapshot(params);
        assertThatThrownBy(() -> m.tune(DamonModules.RECLAIM, Map.of("quota_ms", "20")))
                .isInstanceOf(KernelDamonException.class)
                .hasMessage("damon_reclaim is enabled and was not enabled by jdamon; jdamon leaves it alone"
                        + " (nothing was written)");
        assertThatThrownBy(() -> m.disable(DamonModules.RECLAIM)).hasMessageContaining("leaves it alone");
        assertThat(FixtureTree.snapshot(params)).isEqualTo(before);
    }

    @Test
    void unknownParametersAndModulesAreNamed() throws IOException {
        DamonModules m = reclaim("N");
        var before = FixtureTree.snapshot(params);
        assertThatThrownBy(() -> m.enable(DamonModules.RECLAIM, Map.of("quota_mem_pressure_us", "1000")))
                .hasMessage("this kernel's damon_reclaim has no parameter 'quota_mem_pressure_us'");
        assertThat(FixtureTree.snapshot(params)).isEqualTo(before);
        assertThatThrownBy(() -> m.enable(DamonModules.LRU_SORT, Map.of()))
                .hasMessageContaining("this kernel has no damon_lru_sort module");
        assertThatThrownBy(() -> m.parameters("damon_stat")).isInstanceOf(IllegalArgumentException.class);
        assertThat(m.parameters(DamonModules.RECLAIM)).containsEntry("wmarks_high", "500").hasSize(12);
    }
}
