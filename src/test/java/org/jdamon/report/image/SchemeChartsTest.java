package org.jdamon.report.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.core.damos.SchemeStats;
import org.jdamon.record.DamosSideData;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import org.jdamon.report.TestRecords;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.report.site.SiteGenerator;
import org.jdamon.web.DashboardState;
import org.jdamon.web.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheme and memory side data (as the DAMOS side records them) in charts, the site and the dashboard. */
class SchemeChartsTest {
    @TempDir
    Path dir;

    /** Three aggregations at 1, 2, 3 s: one scheme applied 4, 8, 12 KiB; RSS 100, 90, 80 MiB; refaults 0, 5, 7. */
    static Recording withSchemes() {
        Recording base = TestRecords.hotBand();
        List<SideData> side = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            long t = i * 1_000_000_000L;
            side.add(DamosSideData.stats(t, List.of(new DamosSideData.SchemeSample(
                    new SchemeStats(10L * i, 40960L * i, i, 4096L * i, 0, i - 1, i), 0))));
            side.add(DamosSideData.memory(t, new MemoryState((110 - 10L * i) << 20, new long[] {0, 5, 7}[i - 1],
                    -1, -1, -1, -1, -1, -1)));
        }
        return new Recording(base.header(), base.snapshots(), side, List.of());
    }

    @Test
    void schemeAndMemorySeriesFollowTheSideData() {
        List<RecordCharts.Named> charts = RecordCharts.all(withSchemes(), List.of(0), WorkingSetSize.DAMO_DEFAULT);
        assertThat(charts).extracting(RecordCharts.Named::stem)
                .contains("damos_applied_time", "rss_time", "refaults_time");
        Series applied = charts.stream().filter(c -> c.stem().equals("damos_applied_time")).findFirst().orElseThrow()
                .spec().series().getFirst();
        assertThat(applied.x()).containsExactly(1e9, 2e9, 3e9);
        assertThat(applied.y()).containsExactly(4096, 8192, 12288);
        Series rss = charts.stream().filter(c -> c.stem().equals("rss_time")).findFirst().orElseThrow()
                .spec().series().getFirst();
        assertThat(rss.y()).containsExactly(100.0 * (1 << 20), 90.0 * (1 << 20), 80.0 * (1 << 20));
        Series refaults = charts.stream().filter(c -> c.stem().equals("refaults_time")).findFirst().orElseThrow()
                .spec().series().getFirst();
        assertThat(refaults.y()).containsExactly(0, 5, 7);
        // No side data: no scheme charts.
        assertThat(RecordCharts.all(TestRecords.hotBand(), List.of(0), WorkingSetSize.DAMO_DEFAULT))
                .extracting(RecordCharts.Named::stem).containsExactly("wss_sz", "wss_time", "nr_regions_time");
    }

    @Test
    void siteShowsTheSchemeTotalsAndCharts() throws Exception {
        new SiteGenerator(WorkingSetSize.DAMO_DEFAULT).generate(
                List.of(new SiteGenerator.Entry("damos", withSchemes(), List.of())), dir);
        String page = Files.readString(dir.resolve("damos/index.html"));
        // Final stats (at 3 s): 30 tried, 120 KiB tried, 3 applied, 12 KiB applied, 2 quota exceeds.
        assertThat(page).contains("<td>30</td><td>120.000 KiB</td><td>3</td><td>12.000 KiB</td><td>2</td>");
        // Average RSS (100 + 90 + 80) / 3 = 90 MiB, max 100 MiB, last refaults 7.
        assertThat(page).contains("<td>90.000 MiB</td><td>100.000 MiB</td><td>7</td>");
        assertThat(page).contains("src=\"damos_applied_time.svg\"", "src=\"rss_time.svg\"", "src=\"refaults_time.svg\"");
    }

    @Test
    void dashboardTakesSchemeStatsFromSideData() {
        DashboardState state = new DashboardState();
        state.start(TestRecords.header(1), "test");
        state.setSchemeNames(List.of("pageout"));
        for (SideData d : withSchemes().sideData()) {
            state.publishSideData(d);
        }
        String metrics = PrometheusText.render(state.view());
        assertThat(metrics).contains("jdamon_scheme_applied_bytes_total{scheme=\"0\",name=\"pageout\"} 12288\n",
                "jdamon_scheme_tried_regions_total{scheme=\"0\",name=\"pageout\"} 30\n",
                "jdamon_scheme_quota_exceeds_total{scheme=\"0\",name=\"pageout\"} 2\n");
    }
}
