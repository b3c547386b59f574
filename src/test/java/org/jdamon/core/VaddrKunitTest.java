package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code damon_test_apply_three_regions*} cases of the kernel's {@code mm/damon/tests/vaddr-kunit.h}:
 * {@code damon_set_regions} fitting a target's regions to new three regions, with the kernel's values
 * unchanged (the kunit build's minimum region size is 1). {@code damon_test_three_regions_in_vmas} is in
 * {@code org.jdamon.ops.common.VaddrKunitThreeRegionsTest}, next to the heuristic it tests.
 */
class VaddrKunitTest {
    private static void applyThreeRegions(long[] regions, long[][] threeRegions, long[] expected) {
        Target t = new Target(0, -1, "t", List.of());
        MonitorContext c = MonitorContext.builder()
                .operations(new ScriptedOperations(List.of(), a -> false))
                .minRegionSize(1)
                .addTarget(t)
                .build();
        List<AddressRange> initial = new ArrayList<>();
        for (int i = 0; i < regions.length; i += 2) {
            initial.add(new AddressRange(regions[i], regions[i + 1]));
        }
        c.setRegions(t, initial);
        List<AddressRange> three = new ArrayList<>();
        for (long[] r : threeRegions) {
            three.add(new AddressRange(r[0], r[1]));
        }
        c.setRegions(t, three);
        Regions r = t.regions();
        long[] got = new long[r.size() * 2];
        for (int i = 0; i < r.size(); i++) {
            got[2 * i] = r.start(i);
            got[2 * i + 1] = r.end(i);
        }
        assertThat(got).containsExactly(expected);
    }

    private static final long[] REGIONS = {10, 20, 20, 30, 50, 55, 55, 57, 57, 59, 70, 80, 80, 90, 90, 100};

    @Test
    void damon_test_apply_three_regions1() {
        applyThreeRegions(REGIONS, new long[][] {{5, 27}, {45, 55}, {73, 104}},
                new long[] {5, 20, 20, 27, 45, 55, 73, 80, 80, 90, 90, 104});
    }

    @Test
    void damon_test_apply_three_regions2() {
        applyThreeRegions(REGIONS, new long[][] {{5, 27}, {56, 57}, {65, 104}},
                new long[] {5, 20, 20, 27, 56, 57, 65, 80, 80, 90, 90, 104});
    }

    @Test
    void damon_test_apply_three_regions3() {
        applyThreeRegions(REGIONS, new long[][] {{5, 27}, {61, 63}, {65, 104}},
                new long[] {5, 20, 20, 27, 61, 63, 65, 80, 80, 90, 90, 104});
    }

    @Test
    void damon_test_apply_three_regions4() {
        applyThreeRegions(REGIONS, new long[][] {{5, 7}, {30, 32}, {65, 68}}, new long[] {5, 7, 30, 32, 65, 68});
    }
}
