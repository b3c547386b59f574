package org.jdamon.ops.linux.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdamon.ops.linux.procfs.CgroupMemory;
import org.jdamon.ops.linux.procfs.KeyValues;
import org.jdamon.ops.linux.procfs.Mapping;
import org.jdamon.ops.linux.procfs.MemInfo;
import org.jdamon.ops.linux.procfs.MemoryPressure;
import org.jdamon.ops.linux.procfs.ProcMaps;
import org.jdamon.ops.linux.procfs.ProcSmaps;
import org.junit.jupiter.api.Test;

/** meminfo, PSI, status, smaps, memory.stat and mountinfo parsing against files captured here. */
class MetricsParsersTest {
    @Test
    void meminfoMetrics() {
        MemInfo m = MemInfo.parse(Fixtures.text("meminfo"), "meminfo");
        // MemTotal 24684084 kB, MemFree 22278920 kB, Active 238708 kB, Inactive 1967912 kB.
        assertThat(m.totalBytes()).isEqualTo(24684084L * 1024);
        assertThat(m.freeBytes()).isEqualTo(22278920L * 1024);
        // 22278920 * 1000 / 24684084 = 902.56 -> 902 permil; * 10000 -> 9025 bp.
        assertThat(m.freeMemRatePermil()).isEqualTo(902);
        assertThat(m.freeBp()).isEqualTo(9025);
        assertThat(m.usedBp()).isEqualTo(974); // (24684084 - 22278920) * 10000 / 24684084 = 974.4
        // 238708 * 10000 / 2206620 = 1081.8 -> 1081; 1967912 * 10000 / 2206620 = 8918.2 -> 8918.
        assertThat(m.activeBp()).isEqualTo(1081);
        assertThat(m.inactiveBp()).isEqualTo(8918);
    }

    @Test
    void nodeMeminfoPrefixIsStripped() {
        String node = "Node 0 MemTotal:       1000 kB\nNode 0 MemFree:         250 kB\n"
                + "Node 0 Active:          30 kB\nNode 0 Inactive:        10 kB\n";
        MemInfo m = MemInfo.parse(node.replace("Node 0 ", ""), "node0/meminfo");
        assertThat(m.freeMemRatePermil()).isEqualTo(250);
        assertThat(m.activeBp()).isEqualTo(7500);
    }

    @Test
    void meminfoWithoutMemTotalNamesTheField() {
        assertThatThrownBy(() -> MemInfo.parse("MemFree: 1 kB\n", "/proc/meminfo"))
                .hasMessage("/proc/meminfo: no 'MemTotal' field");
    }

    @Test
    void pressureFileOfThisHostAndABusyOne() {
        MemoryPressure idle = MemoryPressure.parse(Fixtures.text("pressure-memory"), "pressure");
        assertThat(idle.someTotalUs()).isZero();
        MemoryPressure busy = MemoryPressure.parse("""
                some avg10=1.25 avg60=0.50 avg300=0.10 total=123456789
                full avg10=0.75 avg60=0.25 avg300=0.05 total=9876
                """, "x");
        assertThat(busy.someAvg10()).isCloseTo(1.25, within(1e-9));
        assertThat(busy.someAvg300()).isCloseTo(0.10, within(1e-9));
        assertThat(busy.someTotalUs()).isEqualTo(123456789L);
        assertThat(busy.fullAvg60()).isCloseTo(0.25, within(1e-9));
        assertThat(busy.fullTotalUs()).isEqualTo(9876);
        assertThatThrownBy(() -> MemoryPressure.parse("some avg10=x avg60=0 avg300=0 total=0\n", "p"))
                .hasMessageStartingWith("p:1: bad value");
    }

    @Test
    void statusRss() {
        Map<String, Long> status = KeyValues.parse(Fixtures.text("bash.status"), "bash.status");
        assertThat(status.get("VmRSS")).isEqualTo(1924L * 1024); // "VmRSS:	    1924 kB"
        assertThat(status).doesNotContainKey("Name"); // "Name: bash" is not a number
    }

    @Test
    void smapsOfARealProcess() {
        List<ProcSmaps.Entry> smaps = ProcSmaps.parse(Fixtures.text("bash.smaps"), "bash.smaps");
        List<Mapping> maps = ProcMaps.parse(Fixtures.text("bash.maps"), "bash.maps");
        assertThat(smaps).hasSize(maps.size());
        ProcSmaps.Entry stack = ProcSmaps.find(smaps, 0x7ffd65d05000L);
        // [stack]: Size 132 kB, Rss 28 kB, Referenced 12 kB, Anonymous 28 kB.
        assertThat(stack.mapping().path()).isEqualTo("[stack]");
        assertThat(stack.field("Size")).isEqualTo(132 * 1024);
        assertThat(stack.field("Rss")).isEqualTo(28 * 1024);
        assertThat(stack.field("Referenced")).isEqualTo(12 * 1024);
        assertThat(stack.field("Anonymous")).isEqualTo(28 * 1024);
        assertThat(ProcSmaps.find(smaps, 0x564c2d8a6000L).field("Rss")).isEqualTo(260 * 1024); // [heap]
    }

    @Test
    void cgroupV2StatAndMount() {
        Map<String, Long> stat = KeyValues.parse("""
                anon 1048576
                file 2097152
                active_anon 524288
                inactive_anon 524288
                active_file 1048576
                inactive_file 1048576
                """, "memory.stat");
        assertThat(CgroupMemory.lruBytes(stat)).isEqualTo(3L << 20);
        // This host is a hybrid: cgroup v1 controllers plus cgroup2 on /sys/fs/cgroup/unified.
        assertThat(CgroupMemory.parseCgroup2Mount(Fixtures.text("mountinfo")))
                .isEqualTo(Path.of("/sys/fs/cgroup/unified"));
        assertThat(CgroupMemory.parseCgroup2Mount(
                "25 1 0:22 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"))
                .isEqualTo(Path.of("/sys/fs/cgroup"));
        assertThat(CgroupMemory.parseCgroup2Mount("22 1 0:20 / /proc rw - proc proc rw\n")).isNull();
    }
}
