package org.jdamon.ops.linux.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.ops.linux.procfs.CgroupMemory;
import org.jdamon.ops.linux.procfs.KeyValues;
import org.jdamon.ops.linux.procfs.LinuxMetrics;
import org.jdamon.ops.linux.procfs.MemInfo;
import org.jdamon.ops.linux.procfs.MemoryPressure;
import org.junit.jupiter.api.Test;

/** Goal and watermark metrics: cgroup/node files captured in the VM (Debian 6.12), live values here. */
class LinuxMetricsTest {
    @Test
    void memcgShareOfANodeFromNumaStat() {
        // numa_stat N0: inactive_anon 0 + active_anon 3096576 + inactive_file 32768 + active_file 61440
        // = 3190784 bytes of LRU; "anon"/"file"/"shmem" lines are not LRU lists and must not count.
        long lru = CgroupMemory.nodeLruBytes(Fixtures.text("guest-6.12-memory.numa_stat"), 0);
        assertThat(lru).isEqualTo(3_190_784L);
        assertThat(CgroupMemory.nodeLruBytes(Fixtures.text("guest-6.12-memory.numa_stat"), 1)).isZero();
        MemInfo node0 = MemInfo.parse(Fixtures.text("guest-6.12-node0.meminfo").replace("Node 0 ", ""), "node0");
        // Node 0 MemTotal 2021304 kB: 3190784 * 10000 / 2069815296 = 15.4 -> 15 bp used, 9984 free.
        assertThat(LinuxMetrics.memcgBp(lru, node0.totalBytes(), true)).isEqualTo(15);
        assertThat(LinuxMetrics.memcgBp(lru, node0.totalBytes(), false)).isEqualTo(9984);
        // MemFree 1975820 kB: free 1975820e4 / 2021304 = 9774.9 -> 9774; used 45484e4 / 2021304 -> 225.
        assertThat(node0.freeBp()).isEqualTo(9774);
        assertThat(node0.usedBp()).isEqualTo(225);
    }

    @Test
    void memoryStatOfACgroupV2() {
        var stat = KeyValues.parse(Fixtures.text("guest-6.12-memory.stat"), "memory.stat");
        assertThat(stat.get("anon")).isEqualTo(188_416L);
        assertThat(stat.get("file")).isEqualTo(3_096_576L);
        // 0 + 3112960 + 32768 + 61440
        assertThat(CgroupMemory.lruBytes(stat)).isEqualTo(3_207_168L);
    }

    @Test
    void liveMetricsAgreeWithProcMeminfo() throws IOException {
        MemInfo m = MemInfo.read();
        long active = LinuxMetrics.read(new QuotaGoal(GoalMetric.ACTIVE_MEM_BP, 5000, 0, -1, null));
        long inactive = LinuxMetrics.read(new QuotaGoal(GoalMetric.INACTIVE_MEM_BP, 5000, 0, -1, null));
        // Read moments apart; memory moves a little in between.
        assertThat((double) active).isCloseTo(m.activeBp(), within(200.0));
        assertThat(active + inactive).isBetween(9998L, 10000L);
        assertThat((double) LinuxMetrics.freeMemRatePermil()).isCloseTo(m.freeMemRatePermil(), within(20.0));
        assertThat(LinuxMetrics.read(new QuotaGoal(GoalMetric.NODE_MEM_FREE_BP, 5000, 0, 99, null)))
                .as("a node that does not exist reads as all free").isEqualTo(10_000);
        assertThat(LinuxMetrics.read(new QuotaGoal(GoalMetric.NODE_MEM_USED_BP, 5000, 0, 99, null))).isZero();
        if (LinuxMetrics.supports(GoalMetric.SOME_MEM_PSI_US)) {
            assertThat(LinuxMetrics.read(new QuotaGoal(GoalMetric.SOME_MEM_PSI_US, 1000, 0, -1, null)))
                    .isEqualTo(MemoryPressure.read().someTotalUs());
        }
    }
}
