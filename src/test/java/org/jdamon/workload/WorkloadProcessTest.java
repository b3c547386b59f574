package org.jdamon.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdamon.core.AddressRange;
import org.jdamon.ops.linux.procfs.Mapping;
import org.jdamon.ops.linux.procfs.ProcMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadProcessTest {
    @Test
    void childWorkloadReportsRegionsThatAreInItsMapsAndALeanLayout(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("w.cfg");
        Files.writeString(cfg, "hot, 4M\ncold, 16M\n\nwarm\n100\ncold, 0, 4096, 1, wo\n\nhot only\n5000\nhot, 0, 4096, 1, wo\n");
        try (WorkloadProcess w = WorkloadProcess.start(org.jdamon.cli.Main.class, cfg, dir.resolve("log"), List.of("--no-warm-up"))) {
            assertThat(w.awaitPhase("hot only", 20, TimeUnit.SECONDS)).as(w.output()).isTrue();
            Map<String, AddressRange> regions = w.regions();
            assertThat(regions.keySet()).containsExactly("hot", "cold");
            assertThat(regions.get("hot").size()).isEqualTo(4 << 20);
            List<Mapping> maps = ProcMaps.read(w.pid());
            for (AddressRange r : regions.values()) {
                assertThat(maps).anyMatch(m -> m.start() <= r.start() && r.end() <= m.end());
            }
            // With the lean flags nothing is mapped below 4 GiB, so the middle of the three ranges holds
            // the workload's regions and the whole monitored span stays in the low GiBs, not ~100 GB.
            List<AddressRange> three = ProcMaps.threeRegions(maps, 4096);
            assertThat(three.get(1).contains(regions.get("hot").start())).as(three.toString()).isTrue();
            long total = three.stream().mapToLong(AddressRange::size).sum();
            assertThat(total).as(three.toString()).isLessThan(8L << 30);
            assertThat(w.phases()).extracting(WorkloadProcess.PhaseLine::name).containsExactly("warm");
        }
    }

    @Test
    void parsesMasimLines() {
        String out = "region a: 0x7f0000000000-0x7f0000100000 (1048576 bytes)\nwarm:\t              1,234 accesses/msec,"
                + " 100 msecs run\n";
        assertThat(WorkloadProcess.parseRegions(out))
                .containsEntry("a", new AddressRange(0x7f0000000000L, 0x7f0000100000L));
        assertThat(WorkloadProcess.parsePhases(out)).containsExactly(new WorkloadProcess.PhaseLine("warm", 1234, 100));
    }
}
