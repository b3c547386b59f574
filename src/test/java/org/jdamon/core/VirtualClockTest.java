package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.ops.sim.SimOperations;
import org.jdamon.ops.sim.SimWorkloads;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    private static final long MS = 1_000_000L;

    /** A wall clock under the test's control: it records each sleep and lets the test spend time. */
    private static final class FakeWall implements Clock {
        long now = 7 * MS;
        final List<Long> sleepsUs = new ArrayList<>();

        @Override
        public long nowNs() {
            return now;
        }

        @Override
        public void sleepUs(long us) {
            sleepsUs.add(us);
            now += us * 1000;
        }

        @Override
        public long epochOffsetNs() {
            return 1_000_000 * MS;
        }
    }

    @Test
    void unpacedSleepsOnlyAdvanceTheCounter() throws InterruptedException {
        VirtualClock c = new VirtualClock(3, 11);
        c.sleepUs(5);
        assertThat(c.nowNs()).isEqualTo(5_003);
        assertThat(c.epochOffsetNs()).isEqualTo(11);
        assertThat(c.isPaced()).isFalse();
    }

    @Test
    void pacedClockSleepsOncePerWindowUntilTheWallReachesItsEnd() throws InterruptedException {
        FakeWall wall = new FakeWall();
        VirtualClock c = VirtualClock.paced(wall, 1.0, 100 * MS);
        assertThat(c.epochOffsetNs()).isEqualTo(1_000_000 * MS + 7 * MS);
        for (int i = 0; i < 40; i++) {
            c.sleepUs(5_000);
            assertThat(c.nowNs()).isEqualTo((i + 1) * 5 * MS);
        }
        // 200 ms of 5 ms samples, no compute time: two wake-ups, each a whole window long
        assertThat(wall.sleepsUs).containsExactly(100_000L, 100_000L);
        assertThat(wall.now).isEqualTo(207 * MS);
    }

    @Test
    void pacedClockSubtractsTheTimeSpentComputingAndNeverSleepsWhenBehind() throws InterruptedException {
        FakeWall wall = new FakeWall();
        VirtualClock c = VirtualClock.paced(wall, 1.0, 100 * MS);
        c.sleepUs(5_000); // pacing starts here: virtual 0 is wall 7 ms
        wall.now += 30 * MS;
        for (int i = 1; i < 20; i++) {
            c.sleepUs(5_000);
        }
        // at virtual 100 ms the wall is 30 ms past the origin: 70 ms left
        assertThat(wall.sleepsUs).containsExactly(70_000L);
        wall.now += 150 * MS; // the next window took longer than the window itself
        for (int i = 0; i < 20; i++) {
            c.sleepUs(5_000);
        }
        assertThat(wall.sleepsUs).containsExactly(70_000L);
        for (int i = 0; i < 20; i++) {
            c.sleepUs(5_000);
        }
        // virtual 300 ms is due at wall 307 ms; the wall is at 257 ms
        assertThat(wall.sleepsUs).containsExactly(70_000L, 50_000L);
    }

    @Test
    void speedScalesTheWallTimePerWindow() throws InterruptedException {
        FakeWall wall = new FakeWall();
        VirtualClock c = VirtualClock.paced(wall, 4.0, 100 * MS);
        for (int i = 0; i < 60; i++) {
            c.sleepUs(5_000);
        }
        assertThat(wall.sleepsUs).containsExactly(25_000L, 25_000L, 25_000L);
    }

    @Test
    void windowsStayAlignedWhenASleepCrossesSeveralOfThem() throws InterruptedException {
        FakeWall wall = new FakeWall();
        VirtualClock c = VirtualClock.paced(wall, 1.0, 100 * MS);
        c.sleepUs(250_000);
        c.sleepUs(40_000);
        c.sleepUs(10_000);
        // 250 ms crosses windows 1 and 2 (one sleep); 290 ms is inside window 3; 300 ms ends it
        assertThat(wall.sleepsUs).containsExactly(250_000L, 50_000L);
    }

    @Test
    void pacingCountsFromTheVirtualTimeOfTheFirstSleep() throws InterruptedException {
        // the clock was moved to 250 ms before pacing began: the first window ends at 350 ms of virtual
        // time, 100 ms after the pacing origin, so the wall sleeps 100 ms (not 350 or 600)
        FakeWall wall = new FakeWall();
        VirtualClock c = VirtualClock.paced(wall, 1.0, 100 * MS);
        c.advanceNs(250 * MS);
        c.sleepUs(100_000);
        assertThat(wall.sleepsUs).containsExactly(100_000L);
        assertThat(wall.now).isEqualTo(107 * MS);
    }

    @Test
    void thePacingWindowIsWholeAggregationsOfAtLeastASecond() {
        assertThat(VirtualClock.paceWindowNs(Attributes.DAMO_DEFAULTS)).isEqualTo(1_000 * MS);
        assertThat(VirtualClock.paceWindowNs(Attributes.DAMO_DEFAULTS.withIntervals(5_000, 300_000, 1_000_000)))
                .isEqualTo(1_200 * MS);
        assertThat(VirtualClock.paceWindowNs(Attributes.DAMO_DEFAULTS.withIntervals(100_000, 5_000_000, 60_000_000)))
                .isEqualTo(5_000 * MS);
    }

    @Test
    void badPacingIsRejected() {
        FakeWall wall = new FakeWall();
        assertThatThrownBy(() -> VirtualClock.paced(wall, 0, MS)).hasMessageContaining("speed");
        assertThatThrownBy(() -> VirtualClock.paced(wall, Double.POSITIVE_INFINITY, MS)).hasMessageContaining("speed");
        assertThatThrownBy(() -> VirtualClock.paced(wall, Double.NaN, MS)).hasMessageContaining("speed");
        assertThatThrownBy(() -> VirtualClock.paced(wall, 1, 0)).hasMessageContaining("window");
    }

    @Test
    void aPacedSimulationSeesExactlyWhatAnUnpacedOneSeesAndWakesOncePerAggregation()
            throws InterruptedException {
        List<String> unpaced = snapshots(new VirtualClock());
        FakeWall wall = new FakeWall();
        List<String> paced = snapshots(VirtualClock.paced(wall, 1.0, 100 * MS));
        assertThat(paced).isEqualTo(unpaced).hasSize(30);
        // 3 s at 5 ms / 100 ms: 600 samples, 30 wake-ups of one aggregation interval each
        assertThat(wall.sleepsUs).hasSize(30).allMatch(us -> us == 100_000L);
    }

    private static List<String> snapshots(VirtualClock clock) throws InterruptedException {
        SimOperations ops = SimOperations.of(SimWorkloads.load("zigzag"));
        List<String> out = new ArrayList<>();
        MonitorContext ctx = ops.configure(MonitorContext.builder())
                .clock(clock)
                .seed(42)
                .deadlineNs(3_000 * MS)
                .afterAggregation((c, t0, t1) -> {
                    StringBuilder sb = new StringBuilder().append(t0).append('-').append(t1).append(':');
                    Regions r = c.targets().getFirst().regions();
                    for (int i = 0; i < r.size(); i++) {
                        sb.append(r.start(i)).append('+').append(r.regionSize(i)).append('=')
                                .append(r.nrAccesses(i)).append('/').append(r.age(i)).append(' ');
                    }
                    out.add(sb.toString());
                })
                .build();
        ctx.run();
        return out;
    }
}
