package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineFlowTest {
    private static final long B = 0x10_0000;
    private static final long K = 1024;

    @Test
    void applyIntervalCountsSamplingIntervals() {
        // apply every 1 s = 200 samples of 5 ms; default scheme every aggregation (20 samples).
        Scheme slow = Scheme.of(AccessPattern.ANY, DamosAction.STAT).withApplyIntervalUs(1_000_000);
        Scheme fast = Scheme.of(AccessPattern.ANY, DamosAction.STAT);
        Fixture f = new Fixture(slow, fast).layout(B, 16 * K, 1, 0, 0);
        for (int k = 0; k < 25; k++) {
            f.pass(); // passes at 20, 40, ..., 500 samples
        }
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(2); // at 200 and 400
        assertThat(f.engine.stats(1).nrTried()).isEqualTo(25);
    }

    @Test
    void patternUsesMovingSumAndAgeIsResetExceptForStat() {
        AccessPattern twoToFour = new AccessPattern(0, Long.MAX_VALUE, 2, 4, 0, Integer.MAX_VALUE);
        Fixture f = new Fixture(Scheme.of(twoToFour, DamosAction.COLD), Scheme.of(twoToFour, DamosAction.STAT));
        f.layout(B, 16 * K, 3, 0, 7);
        // bp 19999 -> 1 (no), 20000 -> 2 (yes), 49999 -> 4 (yes); nr_accesses itself is ignored
        f.regions().setNrAccessesBp(0, 19_999);
        f.regions().setNrAccessesBp(1, 20_000);
        f.regions().setNrAccessesBp(2, 49_999);
        f.regions().setNrAccesses(0, 3);
        List<String> seen = new ArrayList<>();
        f.engine.setWalkListener((s, t, start, end, nr, age, passed) -> seen.add(s + ":" + (start - B) / K + ":" + nr + ":" + age));
        f.pass();
        // scheme 0 (cold) resets the age after applying; scheme 1 (stat) then sees age 0 for the same region
        assertThat(seen).containsExactly("0:16:2:7", "1:16:2:0", "0:32:4:7", "1:32:4:0");
        assertThat(f.regions().age(0)).isEqualTo(7);
        assertThat(f.regions().age(1)).isZero();
        assertThat(f.engine.stats(1).nrApplied()).isZero(); // stat applies nothing
    }

    @Test
    void triedRegionsKeepTheLastCompletePass() {
        Fixture f = new Fixture(Scheme.of(AccessPattern.ANY, DamosAction.STAT)).layout(B, 16 * K, 2, 0, 3);
        f.engine.collectTriedRegions(true);
        f.pass();
        assertThat(f.engine.triedRegions(0)).containsExactly(
                new TriedRegion(0, B, B + 16 * K, 0, 3, 16 * K), new TriedRegion(0, B + 16 * K, B + 32 * K, 0, 3, 16 * K));
        assertThat(f.engine.stats(0).nrSnapshots()).isEqualTo(1);
    }

    @Test
    void maxNrSnapshotsStopsTheScheme() {
        Scheme s = new Scheme(AccessPattern.ANY, DamosAction.STAT, 0, null, null, null, -1, null, 2);
        Fixture f = new Fixture(s).layout(B, 16 * K, 2, 0, 0);
        for (int k = 0; k < 5; k++) {
            f.pass();
        }
        assertThat(f.engine.stats(0).nrSnapshots()).isEqualTo(2);
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(4);
    }

    @Test
    void operationsWithoutDamosOnlyRunStat() {
        org.jdamon.core.Operations plain = new org.jdamon.core.Operations() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public void prepareAccessChecks(org.jdamon.core.MonitorContext ctx) {}

            @Override
            public int checkAccesses(org.jdamon.core.MonitorContext ctx) {
                return 0;
            }
        };
        DamosEngine e = new DamosEngine(List.of(Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT)));
        assertThatThrownBy(() -> e.validateFor(plain)).hasMessageContaining("cannot apply DAMOS actions");
        DamosEngine goal = new DamosEngine(List.of(Scheme.of(AccessPattern.ANY, DamosAction.STAT)
                .withQuota(Quota.UNLIMITED.withGoals(List.of(new QuotaGoal(GoalMetric.NODE_MEM_FREE_BP, 10, 0, 0, null))))));
        assertThatThrownBy(() -> goal.validateFor(plain)).hasMessageContaining("cannot measure quota goal metric node_mem_free_bp");
    }

    @Test
    void badSchemeValuesAreRejected() {
        assertThatThrownBy(() -> new AccessPattern(10, 5, 0, 0, 0, 0)).hasMessageContaining("sz: min (10) > max (5)");
        assertThatThrownBy(() -> DamosAction.fromKeyword("page_out")).hasMessageContaining("unknown DAMOS action 'page_out'");
        assertThatThrownBy(() -> QuotaGoal.of(GoalMetric.NODE_MEM_USED_BP, 100)).hasMessageContaining("needs a NUMA node id");
        assertThatThrownBy(() -> new QuotaGoal(GoalMetric.NODE_MEMCG_USED_BP, 100, 0, 0, "")).hasMessageContaining("needs a memcg path");
        assertThatThrownBy(() -> GoalMetric.fromKeyword("free")).hasMessageContaining("unknown quota goal metric 'free'");
    }
}
