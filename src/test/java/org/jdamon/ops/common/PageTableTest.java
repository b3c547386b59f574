package org.jdamon.ops.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PageTableTest {
    @Test
    void slotsAreDenseStableAndSortedPagesTrackInsertions() {
        for (long seed = 1; seed <= 4; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            PageTable t = new PageTable(16);
            Map<Long, Integer> expected = new HashMap<>();
            for (int round = 0; round < 50; round++) {
                for (int i = 0, n = rnd.nextInt(500); i < n; i++) {
                    long page = rnd.nextInt(4) == 0 ? rnd.nextLong() >>> 12 : rnd.nextInt(3000);
                    int slot = t.getOrAdd(page);
                    Integer before = expected.putIfAbsent(page, expected.size());
                    assertThat(slot).as("seed %d", seed).isEqualTo(before == null ? expected.size() - 1 : before);
                }
                long[] want = expected.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
                assertThat(Arrays.copyOf(t.sortedPages(), t.size())).as("seed %d round %d", seed, round).isEqualTo(want);
            }
            for (Map.Entry<Long, Integer> e : expected.entrySet()) {
                assertThat(t.get(e.getKey())).isEqualTo(e.getValue());
                assertThat(t.page(e.getValue())).isEqualTo(e.getKey());
            }
            assertThat(t.get(-5)).isEqualTo(-1);
        }
    }
}
