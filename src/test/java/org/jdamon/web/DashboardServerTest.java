package org.jdamon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jdamon.report.TestRecords.MIB;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jdamon.io.BoundedJson;
import org.jdamon.record.Recording;
import org.jdamon.report.TestRecords;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DashboardServerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<byte[]> get(DashboardServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path.substring(1))).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void metricsOfAReplayedRecordMatchTheRecord() throws Exception {
        Recording rec = TestRecords.hotBand();
        DashboardState state = new DashboardState();
        try (DashboardServer s = DashboardServer.start(state, "127.0.0.1", 0)) {
            ReplayFeed.start(rec, "hot", state, 0).join();
            HttpResponse<byte[]> r = get(s, "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            PrometheusParser p = PrometheusParser.parse(new String(r.body(), StandardCharsets.UTF_8));
            assertThat(p.value("jdamon_snapshots_total", Map.of())).isEqualTo(100);
            assertThat(p.types).containsEntry("jdamon_snapshots_total", "counter")
                    .containsEntry("jdamon_wss_percentile_bytes", "gauge");
            Map<String, String> t0 = Map.of("target_id", "0");
            // 48 regions in every snapshot; 64 + 256 + 8 MiB monitored; the last window (9.9 s) is idle.
            assertThat(p.value("jdamon_nr_regions", t0)).isEqualTo(48);
            assertThat(p.value("jdamon_monitored_bytes", t0)).isEqualTo(328.0 * MIB);
            assertThat(p.value("jdamon_wss_bytes", t0)).isZero();
            // WSS per snapshot: 64 MiB in windows 20..59, else 0. After dropping the first 20: 80 values,
            // 40 of 64 MiB and 40 of 0. Sorted, index floor(80 * p / 100): p0 -> 0, p25 -> 20 (0),
            // p50 -> 40 (64 MiB), p75 -> 60 (64 MiB), p100 -> 79 (64 MiB).
            assertThat(p.value("jdamon_wss_percentile_bytes", Map.of("target_id", "0", "percentile", "25"))).isZero();
            assertThat(p.value("jdamon_wss_percentile_bytes", Map.of("target_id", "0", "percentile", "50")))
                    .isEqualTo(64.0 * MIB);
            assertThat(p.value("jdamon_wss_percentile_bytes", Map.of("target_id", "0", "percentile", "100")))
                    .isEqualTo(64.0 * MIB);
            assertThat(p.value("jdamon_feed_finished", Map.of())).isEqualTo(1);
            assertThat(p.value("process_cpu_seconds_total", Map.of())).isPositive();
        }
    }

    @Test
    void schemeStatsAndMonitorCpuAppearInMetricsAndSummary() throws Exception {
        DashboardState state = new DashboardState();
        String source = "trace \"a\\b\"\t\u0001 \u00e9 \u6f22"; // quotes, backslash, control characters, non-ASCII
        state.start(TestRecords.header(1), source);
        state.publishSchemeStats(List.of(new SchemeStat("pageout \"cold\"", 10, 4096, 3, 8192, 1)));
        state.publishMonitorCpu(1_500_000_000L);
        try (DashboardServer s = DashboardServer.start(state, "127.0.0.1", 0)) {
            PrometheusParser p = PrometheusParser.parse(new String(get(s, "/metrics").body(), StandardCharsets.UTF_8));
            Map<String, String> l = Map.of("scheme", "0", "name", "pageout \\\"cold\\\"");
            assertThat(p.value("jdamon_scheme_tried_regions_total", l)).isEqualTo(10);
            assertThat(p.value("jdamon_scheme_applied_bytes_total", l)).isEqualTo(8192);
            assertThat(p.value("jdamon_scheme_quota_exceeds_total", l)).isEqualTo(1);
            assertThat(p.value("jdamon_monitor_cpu_seconds_total", Map.of())).isEqualTo(1.5);
            String json = new String(get(s, "/api/summary.json").body(), StandardCharsets.UTF_8);
            JsonNode summary = BoundedJson.read(json);
            assertThat(summary.path("schemes").get(0).path("nr_applied").asLong()).isEqualTo(3);
            assertThat(summary.path("schemes").get(0).path("name").asString()).isEqualTo("pageout \"cold\"");
            assertThat(summary.path("monitor_cpu_s").asDouble()).isEqualTo(1.5);
            assertThat(summary.path("source").asString()).isEqualTo(source);
        }
    }

    @Test
    void eventsStreamPushesUpdatesAsSnapshotsArriveAndEndsWithTheFeed() throws Exception {
        Recording rec = TestRecords.hotBand();
        DashboardState state = new DashboardState();
        state.start(rec.header(), "test");
        try (DashboardServer s = DashboardServer.start(state, "127.0.0.1", 0)) {
            var conn = (java.net.HttpURLConnection) URI.create(s.url() + "events").toURL().openConnection();
            conn.setReadTimeout(20_000);
            assertThat(conn.getContentType()).startsWith("text/event-stream");
            List<String> events = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(conn.getInputStream(), StandardCharsets.UTF_8))) {
                Thread producer = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 3; i++) {
                            Thread.sleep(50);
                            state.publish(rec.snapshots().get(i));
                        }
                        Thread.sleep(50);
                        state.finish();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        events.add(line.substring(7));
                    }
                    if (line.startsWith("data: ") && events.getLast().equals("update")) {
                        assertThat(line).contains("\"targets\":");
                    }
                }
                producer.join();
            }
            // Updates coalesce, so at least the initial one and the end; the last update says finished.
            assertThat(events).contains("update").endsWith("end");
        }
    }

    @Test
    void heatmapAndChartsAreServedAndTheServerIsReadOnly() throws Exception {
        Recording rec = TestRecords.hotBand();
        DashboardState state = new DashboardState();
        try (DashboardServer s = DashboardServer.start(state, "127.0.0.1", 0)) {
            assertThat(ImageIO.read(new java.io.ByteArrayInputStream(get(s, "/heatmap.png").body())).getWidth())
                    .isEqualTo(DashboardServer.HEATMAP_WIDTH); // the "waiting" picture
            ReplayFeed.start(rec, "hot", state, 0).join();
            HttpResponse<byte[]> png = get(s, "/heatmap.png");
            assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
            var img = ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
            // The hottest area is the 256 MiB mmap, hot at offsets [64, 128) MiB from 2 s to 6 s of the 10 s.
            // Plot frame of 900 x 460: x from 96 over 680 px, y from 36 over 368 px, higher addresses up.
            // 4 s is x = 96 + 0.4 x 680 = 368; offset 96 MiB (3/8 up) is y = 36 + 368 x 5/8 = 266, the hottest
            // heat (gnuplot's top colour, yellow); at 8 s (x = 640) or offset 224 MiB (y = 36 + 368 / 8 = 82)
            // nothing was accessed (black).
            assertThat(img.getRGB(368, 266) & 0xFFFFFF).isEqualTo(0xFFFF00);
            assertThat(img.getRGB(640, 266) & 0xFFFFFF).isEqualTo(0x000000);
            assertThat(img.getRGB(368, 82) & 0xFFFFFF).isEqualTo(0x000000);
            String svg = new String(get(s, "/chart/wss_time.svg").body(), StandardCharsets.UTF_8);
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertThat(get(s, "/chart/nope.svg").statusCode()).isEqualTo(404);
            assertThat(get(s, "/nope").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(s.url() + "metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(s.url()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void aPortInUseIsAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> DashboardServer.start(new DashboardState(), "127.0.0.1", port))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("in use")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
