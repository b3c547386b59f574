package org.jdamon.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdamon.record.Recording;
import org.jdamon.report.TestRecords;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.report.site.SiteGenerator;
import org.jdamon.report.site.SiteSection;
import org.jdamon.web.DashboardServer;
import org.jdamon.web.DashboardState;
import org.jdamon.web.ReplayFeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site and the dashboard in a real headless Chromium: pages load from file:// and localhost, images
 * and charts are decoded, the dashboard updates live, nothing is logged as an error. Screenshots go to
 * {@code target/browser-artifacts/}. Skipped (with the reason) when chromium is not installed; install it
 * with {@code scripts/install-test-deps.sh}.
 */
class BrowserIT {
    static final Path ARTIFACTS = Path.of("target", "browser-artifacts");
    static String chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        chromium = HeadlessChromium.find();
        assumeTrue(chromium != null,
                "chromium is not installed: browser tests skipped (run scripts/install-test-deps.sh)");
    }

    @Test
    void siteOpensFromFileWithHeatmapsAndCharts() throws Exception {
        Recording rec = TestRecords.hotBand();
        Path index = new SiteGenerator(WorkingSetSize.DAMO_DEFAULT).generate(List.of(
                new SiteGenerator.Entry("hot band", rec, List.of(SiteSection.of("eval accuracy",
                        "<table><tr><th>p50 error</th></tr><tr><td>1.0%</td></tr></table>")))), dir);
        try (HeadlessChromium b = new HeadlessChromium(chromium)) {
            b.open(index.toUri().toString());
            assertThat(b.eval("document.title").asString()).isEqualTo("jdamon records");
            assertThat(b.eval("document.querySelectorAll('table td > a:not(:has(img))').length").asInt()).isEqualTo(1);
            assertThat(b.waitFor("document.images.length === 1 && document.images[0].complete"
                    + " && document.images[0].naturalWidth === " + SiteGenerator.HEATMAP_WIDTH, 10_000)).isTrue();
            b.screenshot(ARTIFACTS.resolve("site-index.png"));
            b.eval("document.querySelector('table a').click()");
            assertThat(b.waitFor("location.href.endsWith('hot-band/index.html') && document.readyState === 'complete'",
                    10_000)).as("navigated to the record page, at %s", b.eval("location.href")).isTrue();
            assertThat(b.waitFor("Array.from(document.images).every(i => i.complete)", 10_000)).isTrue();
            // Every image decoded (naturalWidth > 0): 3 area heatmaps + the sorted one + 3 charts.
            assertThat(b.eval("document.images.length").asInt()).isEqualTo(7);
            assertThat(b.eval("Array.from(document.images).filter(i => i.naturalWidth > 0).length").asInt())
                    .isEqualTo(7);
            assertThat(b.eval("document.body.innerText.includes('(hottest)')").asBoolean()).isTrue();
            assertThat(b.eval("document.getElementById('accuracy').nextElementSibling.textContent").asString())
                    .isEqualTo("eval accuracy");
            b.screenshot(ARTIFACTS.resolve("site-record.png"));
            assertThat(b.errors()).isEmpty();
        }
    }

    @Test
    void dashboardUpdatesLiveFromLocalhost() throws Exception {
        Recording rec = TestRecords.hotBand();
        DashboardState state = new DashboardState();
        try (DashboardServer server = DashboardServer.start(state, "127.0.0.1", 0);
                HeadlessChromium b = new HeadlessChromium(chromium)) {
            // 10 s of record replayed at 2x: about 5 s of live updates.
            state.start(rec.header(), "test");
            b.open(server.url());
            Thread replay = ReplayFeed.start(rec, "hot band", state, 2.0);
            assertThat(b.waitFor("window.jdamonUpdates >= 3 && parseInt(document.getElementById('snapshots').textContent) > 0",
                    15_000)).isTrue();
            int early = b.eval("parseInt(document.getElementById('snapshots').textContent)").asInt();
            assertThat(b.waitFor("parseInt(document.getElementById('snapshots').textContent) > " + (early + 5), 15_000))
                    .as("snapshot count grows after %d", early).isTrue();
            assertThat(b.waitFor("window.jdamonImageLoads >= 4", 15_000)).isTrue();
            replay.join();
            assertThat(b.waitFor("document.getElementById('status').textContent.startsWith('finished')", 15_000))
                    .isTrue();
            assertThat(b.eval("document.getElementById('snapshots').textContent").asString()).isEqualTo("100");
            assertThat(b.waitFor("document.getElementById('heatmap').naturalWidth === 900", 10_000)).isTrue();
            Thread.sleep(1200); // the last throttled image refresh
            b.screenshot(ARTIFACTS.resolve("dashboard.png"));
            assertThat(b.errors()).isEmpty();
        }
        assertThat(Files.size(ARTIFACTS.resolve("dashboard.png"))).isPositive();
    }
}
