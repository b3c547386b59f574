package org.jdamon.record.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.record.Footprints;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import org.jdamon.record.capture.FootprintCollector;
import org.jdamon.report.image.ChartSpec;
import org.jdamon.report.image.RecordCharts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintCollectorTest {
    @TempDir
    Path proc;

    @Test
    void readsStatmAndMeminfoLikeDamo() throws Exception {
        Files.createDirectories(proc.resolve("1234"));
        Files.writeString(proc.resolve("1234/statm"), "100 50 10 1 0 40 0\n");
        Files.writeString(proc.resolve("meminfo"), """
                MemTotal:           1000 kB
                MemFree:             400 kB
                MemAvailable:        600 kB
                Active:              300 kB
                Inactive:            100 kB
                """);
        List<SideData> out = new ArrayList<>();
        FootprintCollector c = new FootprintCollector(out::add, proc, 4096);
        Target live = new Target(0, 1234, "p", List.of());
        Target gone = new Target(1, 999, "q", List.of());
        MonitorContext ctx = MonitorContext.builder()
                .attributes(Attributes.DAMO_DEFAULTS)
                .operations(new Idle())
                .addTarget(live)
                .addTarget(gone)
                .build();
        c.afterAggregation(ctx, 0, 100_000_000);
        Footprints.Sample s = Footprints.decode(out.getFirst());
        // statm counts pages: 100 and 50 pages of 4 KiB; sys_used = (1000 - 400) kB
        assertThat(s.targets()).containsExactly(
                new Footprints.TargetFootprint(0, 409_600, 204_800),
                new Footprints.TargetFootprint(1, -1, -1));
        assertThat(s.sysUsedBytes()).isEqualTo(600 * 1024);
        assertThat(s.timeNs()).isEqualTo(100_000_000);
    }

    @Test
    void ownProcessHasAPlausibleFootprint() {
        FootprintCollector c = new FootprintCollector(d -> {});
        long[] statm = c.statm(ProcessHandle.current().pid());
        assertThat(statm[1]).isPositive();
        assertThat(statm[0]).isGreaterThanOrEqualTo(statm[1]);
        assertThat(c.sysUsed()).isPositive();
    }

    @Test
    void chartsHaveOneLinePerFootprint() {
        Recording rec = new Recording(RecordFixtures.header(1), List.of(), List.of(
                Footprints.encode(new Footprints.Sample(1_000, 7_000, List.of(new Footprints.TargetFootprint(0, 50, 20)))),
                Footprints.encode(new Footprints.Sample(2_000, 8_000, List.of(new Footprints.TargetFootprint(0, 60, -1))))),
                List.of());
        ChartSpec chart = RecordCharts.footprintsOverTime(rec);
        assertThat(chart.series()).extracting(x -> x.name()).containsExactly("vsz target 0", "rss target 0", "sys_used");
        assertThat(chart.series().get(0).y()).containsExactly(50, 60);
        assertThat(chart.series().get(1).y()).containsExactly(20); // the unknown rss is left out
        assertThat(chart.series().get(2).x()).containsExactly(1_000, 2_000);
    }

    private static final class Idle implements Operations {
        @Override
        public String name() {
            return "idle";
        }

        @Override
        public void prepareAccessChecks(MonitorContext ctx) {}

        @Override
        public int checkAccesses(MonitorContext ctx) {
            return 0;
        }
    }
}
