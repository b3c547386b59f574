package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.jdamon.core.Target;
import org.junit.jupiter.api.Test;

class FiltersTest {
    private static final long K = 1024;
    private static final long B = 0x10_0000;

    private static Scheme pageout(DamosFilter... filters) {
        return Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withFilters(List.of(filters));
    }

    @Test
    void rejectAddrSplitsRegionsAndAllowsTheRestByDefault() {
        // One 64 KiB region; reject [B+16K, B+40K). Unmatched memory gets the opposite of the last filter
        // (reject -> allow). The region splits at the range start (left part: outside), then at the range
        // end (left part: inside).
        Fixture f = new Fixture(pageout(DamosFilter.addr(B + 16 * K, B + 40 * K, true, false))).layout(B, 64 * K, 1, 0, 0);
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start, FakeDamosOps.Call::end)
                .containsExactly(tuple(B, B + 16 * K), tuple(B + 40 * K, B + 64 * K));
        // core-rejected memory is not tried (not counted); like the kernel, the first try is accounted with
        // the region's size from before the filter split it (64K), the last with its own 24K.
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(2);
        assertThat(f.engine.stats(0).szTried()).isEqualTo(88 * K);
        assertThat(f.regions().size()).isEqualTo(3);
    }

    @Test
    void allowAddrRejectsTheRest() {
        Fixture f = new Fixture(pageout(DamosFilter.addr(B + 16 * K, B + 40 * K, true, true))).layout(B, 64 * K, 1, 0, 0);
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start, FakeDamosOps.Call::end)
                .containsExactly(tuple(B + 16 * K, B + 40 * K));
    }

    @Test
    void nonMatchingFilterInvertsTheProperty() {
        // reject memory NOT in the range == allow only the range, but unmatched (in-range) memory is then
        // allowed by default (opposite of reject).
        Fixture f = new Fixture(pageout(DamosFilter.addr(B + 16 * K, B + 40 * K, false, false))).layout(B, 64 * K, 1, 0, 0);
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start, FakeDamosOps.Call::end)
                .containsExactly(tuple(B + 16 * K, B + 40 * K));
    }

    @Test
    void firstMatchingCoreFilterWins() {
        // [allow addr [B, B+32K), reject target 0]: the first half is allowed by the first filter, the
        // second half matches the second filter and is rejected.
        Fixture f = new Fixture(pageout(DamosFilter.addr(B, B + 32 * K, true, true), DamosFilter.target(0, true, false)))
                .layout(B, 64 * K, 1, 0, 0);
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start, FakeDamosOps.Call::end)
                .containsExactly(tuple(B, B + 32 * K));
    }

    @Test
    void targetFilterSelectsTargets() {
        Target second = new Target(1, -1, "t1", List.of());
        second.regions().add(B, B + 16 * K);
        Fixture f = new Fixture(List.of(pageout(DamosFilter.target(1, true, true))), second).layout(B, 16 * K, 1, 0, 0);
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::targetIdx).containsExactly(1);
    }

    @Test
    void opsFiltersWorkedExample() {
        // [allow anon, reject young] over 4 pages: anon+young (applied: first filter allows), non-anon young
        // (rejected), non-anon old (no match: opposite of the last filter, reject -> allowed), anon old (applied).
        Fixture f = new Fixture(pageout(DamosFilter.of(FilterType.ANON, true, true), DamosFilter.of(FilterType.YOUNG, true, false)))
                .layout(B, 16 * K, 1, 0, 0);
        f.ops.anon = a -> a == B || a == B + 12 * K;
        f.ops.young = a -> a == B || a == B + 4 * K;
        f.pass();
        // ops-rejected memory is tried and charged, but not applied
        SchemeStats s = f.engine.stats(0);
        assertThat(s.szTried()).isEqualTo(16 * K);
        assertThat(s.szApplied()).isEqualTo(12 * K);
        assertThat(s.szOpsFilterPassed()).isEqualTo(12 * K);
    }

    @Test
    void opsFiltersOnlyDefaultAllowsUnmatchedAtTheCoreStage() {
        // A core "reject addr" filter followed by an ops "allow anon" filter: memory outside the address
        // range matches no core filter; with ops filters present it passes the core stage, and the ops
        // stage rejects non-anon pages (opposite of the last ops filter, allow).
        Fixture f = new Fixture(pageout(DamosFilter.addr(B, B + 8 * K, true, false), DamosFilter.of(FilterType.ANON, true, true)))
                .layout(B, 16 * K, 1, 0, 0);
        f.ops.anon = a -> a == B + 12 * K;
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start, FakeDamosOps.Call::applied)
                .containsExactly(tuple(B + 8 * K, 4 * K));
    }

    @Test
    void explicitCoreAllowShortCircuitsOpsFilters() {
        // allow addr [B, B+8K) then reject anon: the allowed range is applied even for anon pages; the rest
        // goes to the ops stage where anon pages are rejected and others allowed (opposite of reject).
        Fixture f = new Fixture(pageout(DamosFilter.addr(B, B + 8 * K, true, true), DamosFilter.of(FilterType.ANON, true, false)))
                .layout(B, 16 * K, 1, 0, 0);
        f.ops.anon = a -> true;
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::start, FakeDamosOps.Call::applied)
                .containsExactly(tuple(B, 8 * K), tuple(B + 8 * K, 0L));
    }

    @Test
    void opsFilterNeedsSupportFromTheOperationsSet() {
        Fixture f = new Fixture(pageout(DamosFilter.memcg("/a", true, false)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.engine.validateFor(f.ops))
                .hasMessageContaining("does not support filter type memcg");
    }

    @Test
    void malformedFiltersAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DamosFilter.addr(B + 8, B, true, true))
                .hasMessageContaining("addr filter: end");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DamosFilter.hugepageSize(4 * K, 2 * K, true, true))
                .hasMessageContaining("min (4096) > max (2048)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FilterType.fromKeyword("anonymous"))
                .hasMessageContaining("unknown filter type 'anonymous'");
    }
}
