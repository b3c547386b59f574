package org.jdamon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.RegionsView;
import org.jdamon.ops.sim.SimOperations;
import org.jdamon.ops.sim.SimWorkloads;
import org.junit.jupiter.api.Test;

/** The README's embedding example, run as written: an access-aware policy in a dozen lines. */
class EmbeddingExampleTest {
    @Test
    void pageOutCandidatesOfZigzagAreTheIdleHundredMegabytes() throws Exception {
        List<Long> coldBytes = new ArrayList<>();
        // --- README snippet start
        SimOperations ops = SimOperations.of(SimWorkloads.load("zigzag"));
        MonitorContext ctx = ops.configure(MonitorContext.builder())
                .attributes(Attributes.DAMO_DEFAULTS)
                .afterAggregation((c, windowStart, windowEnd) -> {
                    RegionsView r = c.targets().getFirst().regions();
                    long cold = 0;
                    for (int i = 0; i < r.size(); i++) {
                        if (r.nrAccesses(i) == 0 && r.age(i) >= 20) { // idle for 2 s of 100 ms windows
                            cold += r.regionSize(i);
                        }
                    }
                    coldBytes.add(cold);                              // e.g. madvise(MADV_PAGEOUT) them
                })
                .build();
        ctx.run();
        // --- README snippet end
        // zigzag: after a 10 s warm-up, two 100,000,000 B regions take turns being hot for 5 s, so 2 s
        // into each phase the other region has been idle long enough to be a candidate.
        long max = coldBytes.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat((double) max).isBetween(0.95e8, 1.1e8);
        assertThat(coldBytes.subList(0, 95)).allMatch(b -> b < 0.05e8); // nothing idle 2 s during warm-up
    }
}
