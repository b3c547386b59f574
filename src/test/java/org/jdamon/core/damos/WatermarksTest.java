package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatermarksTest {
    // DAMON_RECLAIM's defaults: high 500, mid 400, low 200 permil, re-check every 5 s.
    private static final Watermarks W = new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 5_000_000, 500, 400, 200);

    @Test
    void hysteresisBetweenMidAndHigh() throws InterruptedException {
        Fixture f = new Fixture(Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withWatermarks(W));
        long[] metric = {450};
        f.ops.freeMemRate = c -> metric[0];
        // Initially active (the kernel's default): 450 in [mid, high] keeps it on, no wait.
        assertThat(f.engine.waitForActivation(f.ctx)).isTrue();
        assertThat(f.engine.activated(0)).isTrue();
        assertThat(f.clock.nowNs()).isZero();
        // Above high: off; the worker sleeps 5 s per check until the metric drops to mid or below.
        // The metric follows the clock: 550 until 10 s, 450 until 20 s, then 350.
        f.ops.freeMemRate = c -> {
            long s = f.clock.nowNs() / 1_000_000_000L;
            return s < 10 ? 550 : s < 20 ? 450 : 350;
        };
        assertThat(f.engine.waitForActivation(f.ctx)).isTrue();
        // checks at 0 (550, off), 5 (550), 10 (450: inside [mid, high] but off -> still waits), 15, 20 (350: on)
        assertThat(f.clock.nowNs()).isEqualTo(20_000_000_000L);
        assertThat(f.engine.activated(0)).isTrue();
        // Below low: off again until the metric is back in [low, mid].
        f.ops.freeMemRate = c -> f.clock.nowNs() < 30_000_000_000L ? 150 : 300;
        assertThat(f.engine.waitForActivation(f.ctx)).isTrue();
        assertThat(f.clock.nowNs()).isEqualTo(30_000_000_000L);
        assertThat(f.engine.activated(0)).isTrue();
    }

    @Test
    void inactiveSchemeIsNotAppliedWhileAnotherRuns() throws InterruptedException {
        Scheme gated = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withWatermarks(W);
        Scheme always = Scheme.of(AccessPattern.ANY, DamosAction.STAT);
        Fixture f = new Fixture(gated, always).layout(0x10_0000, 4096 * 4, 2, 0, 0);
        f.ops.freeMemRate = c -> 900;
        assertThat(f.engine.waitForActivation(f.ctx)).isTrue(); // the stat scheme keeps the worker going
        assertThat(f.clock.nowNs()).isZero();
        assertThat(f.engine.activated(0)).isFalse();
        f.pass();
        assertThat(f.engine.stats(0).nrTried()).isZero();
        assertThat(f.engine.stats(1).nrTried()).isEqualTo(2);
    }

    @Test
    void stopsWaitingWhenTheContextMustStop() throws InterruptedException {
        Fixture f = new Fixture(Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withWatermarks(W));
        f.ops.freeMemRate = c -> {
            if (f.clock.nowNs() >= 60_000_000_000L) {
                f.ctx.stop();
            }
            return 1000;
        };
        // the check at 60 s asks to stop but the 5 s sleep it decided on still happens, like the kernel's
        assertThat(f.engine.waitForActivation(f.ctx)).isFalse();
        assertThat(f.clock.nowNs()).isEqualTo(65_000_000_000L);
    }

    @Test
    void inconsistentWatermarksAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 1000, 300, 400, 200))
                .hasMessageContaining("low <= mid <= high");
    }
}
