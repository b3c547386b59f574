package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Online commit of schemes into a running engine, with the state the kernel's damos_commit keeps. */
class SchemeCommitTest {
    private static final long K = 1024;
    private static final long BASE = 0x10_0000;

    @Test
    void committedQuotaKeepsItsResumePointAndStats() {
        // 4 regions of 16 KiB, 32 KiB per window: pass 1 tries regions 0 and 1 (resume point BASE + 32K).
        Scheme before = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withQuota(new Quota(0, 32 * K, 0, 0, 0, 0));
        Fixture f = new Fixture(before).layout(BASE, 16 * K, 4, 0, 0);
        f.pass();
        // commit a lru_prio scheme with the same budget: the next window resumes at BASE + 32K, and the
        // stats go on counting from 2 tried regions
        Scheme after = Scheme.of(AccessPattern.ANY, DamosAction.LRU_PRIO).withQuota(new Quota(0, 32 * K, 0, 0, 0, 0));
        f.engine.commitSchemes(List.of(after));
        f.pass();
        assertThat(f.ops.calls).extracting(FakeDamosOps.Call::action, FakeDamosOps.Call::start).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DamosAction.PAGEOUT, BASE),
                org.assertj.core.groups.Tuple.tuple(DamosAction.PAGEOUT, BASE + 16 * K),
                org.assertj.core.groups.Tuple.tuple(DamosAction.LRU_PRIO, BASE + 32 * K),
                org.assertj.core.groups.Tuple.tuple(DamosAction.LRU_PRIO, BASE + 48 * K));
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(4);
        assertThat(f.engine.schemes()).containsExactly(after);
    }

    @Test
    void extraSchemesAreAddedFreshAndDroppedOnes() {
        Scheme a = Scheme.of(AccessPattern.ANY, DamosAction.STAT);
        Fixture f = new Fixture(a).layout(BASE, 16 * K, 2, 0, 0);
        f.pass();
        Scheme b = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT);
        f.engine.commitSchemes(List.of(a, b));
        f.pass(); // b was added at this pass's start: its first apply interval ends 20 samples later
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(4);
        assertThat(f.engine.stats(1).nrTried()).isZero();
        f.pass();
        assertThat(f.engine.stats(1).nrTried()).isEqualTo(2);
        f.engine.commitSchemes(List.of(b));
        f.pass();
        // b now sits at index 0 and inherits index 0's state (a's 6 tried regions), as the kernel matches by index
        assertThat(f.engine.schemes()).containsExactly(b);
        assertThat(f.engine.stats(0).nrTried()).isEqualTo(8);
    }

    @Test
    void commitIsValidatedAgainstTheBoundOperationsSet() {
        Fixture f = new Fixture(Scheme.of(AccessPattern.ANY, DamosAction.STAT)).layout(BASE, 16 * K, 1, 0, 0);
        f.pass();
        Scheme memcg = Scheme.of(AccessPattern.ANY, DamosAction.STAT)
                .withFilters(List.of(DamosFilter.memcg("/a", true, false)));
        assertThatThrownBy(() -> f.engine.commitSchemes(List.of(memcg)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not support filter type memcg");
        assertThat(f.engine.schemes()).hasSize(1);
    }
}
