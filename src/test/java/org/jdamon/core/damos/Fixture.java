package org.jdamon.core.damos;

import java.util.List;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;

/**
 * A context that is never run: tests lay out regions by hand, set the clock, and call the engine's
 * pass directly with the number of completed sampling intervals. Default attributes (5 ms / 100 ms),
 * so the default apply interval is 20 sampling intervals.
 */
final class Fixture {
    final FakeDamosOps ops = new FakeDamosOps();
    final VirtualClock clock = new VirtualClock();
    final Target target = new Target(0, -1, "t0", List.of());
    final MonitorContext ctx;
    final DamosEngine engine;
    long passed;

    Fixture(List<Scheme> schemes, Target... more) {
        engine = new DamosEngine(schemes);
        MonitorContext.Builder b = MonitorContext.builder().operations(ops).clock(clock).schemes(engine).addTarget(target);
        for (Target t : more) {
            b.addTarget(t);
        }
        ctx = b.build();
    }

    Fixture(Scheme... schemes) {
        this(List.of(schemes));
    }

    Regions regions() {
        return target.regions();
    }

    /** Adds {@code n} regions of {@code size} bytes from {@code base} with the given counters. */
    Fixture layout(long base, long size, int n, int nrAccesses, int age) {
        Regions r = regions();
        for (int k = 0; k < n; k++) {
            r.add(base + k * size, base + (k + 1) * size);
            int i = r.size() - 1;
            r.setNrAccesses(i, nrAccesses);
            r.setNrAccessesBp(i, nrAccesses * 10_000);
            r.setAge(i, age);
        }
        return this;
    }

    /** Advances to the next default apply interval (100 ms of virtual time) and runs a pass. */
    void pass() {
        passed += 20;
        clock.advanceNs(100_000_000L);
        engine.applySchemesAt(ctx, passed);
    }
}
