package org.jdamon.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jdamon.io.Json;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.heatmap.HeatmapGrid;
import org.jdamon.report.heatmap.HeatmapViews;
import org.jdamon.report.image.HeatmapImage;
import org.jdamon.report.image.Images;
import org.jdamon.report.image.Palette;
import org.jdamon.report.image.PngCanvas;
import org.jdamon.report.image.RecordCharts;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code jdamon serve}: a read-only live dashboard of a {@link DashboardState} over the JDK HTTP server
 * with virtual threads. {@code /} the page, {@code /events} server-sent events (one {@code update} per
 * change, {@code end} when the feed finishes), {@code /api/summary.json}, {@code /heatmap.png} (hottest
 * area of the snapshots kept), {@code /chart/<name>.svg}, and {@code /metrics} (Prometheus text).
 * Every page is generated: nothing is ever read from disk, so no path reaches a file. Only GET and HEAD
 * are answered; event streams, connections, request headers and request time are bounded.
 */
public final class DashboardServer implements AutoCloseable {
    public static final int HEATMAP_WIDTH = 900;
    public static final int HEATMAP_HEIGHT = 460;
    private static final long KEEPALIVE_MS = 10_000;
    /** Concurrent {@code /events} streams; more get 503, so a flood of dashboards cannot exhaust memory. */
    public static final int MAX_EVENT_STREAMS = 256;
    /**
     * Limits of the JDK server (its system properties, unless already set): connections, request
     * header size and count, and the time a client may take to send its request (slow senders).
     */
    static final Map<String, String> SERVER_LIMITS = Map.of(
            "jdk.httpserver.maxConnections", "1024",
            "sun.net.httpserver.maxReqHeaderSize", "16384",
            "sun.net.httpserver.maxReqHeaders", "64",
            "sun.net.httpserver.maxReqTime", "10");

    private final DashboardState state;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore eventStreams = new Semaphore(MAX_EVENT_STREAMS);
    private volatile boolean closed;
    private final Map<String, byte[]> imageCache = new HashMap<>();
    private long imageCacheVersion = -1;

    private DashboardServer(DashboardState state, HttpServer server) {
        this.state = state;
        this.server = server;
    }

    /**
     * Binds and starts; a busy port or unknown address becomes an {@link IOException} whose message is a
     * single line naming the address.
     */
    public static DashboardServer start(DashboardState state, String address, int port) throws IOException {
        SERVER_LIMITS.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v); // read once, when the JDK server's configuration class loads
            }
        });
        HttpServer server;
        InetSocketAddress bind = new InetSocketAddress(address, port);
        if (bind.isUnresolved()) {
            throw new IOException("cannot resolve address '" + address + "'");
        }
        try {
            server = HttpServer.create(bind, 0);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + address + ":" + port + ": " + e.getMessage()
                    + " (is the port in use? try --port)");
        }
        DashboardServer d = new DashboardServer(state, server);
        server.setExecutor(d.executor);
        server.createContext("/", d.readOnly(d::page));
        server.createContext("/events", d.readOnly(exactly("/events", d::events)));
        server.createContext("/api/summary.json", d.readOnly(exactly("/api/summary.json", ex -> send(ex, 200,
                "application/json", summaryJson(state.view()).getBytes(StandardCharsets.UTF_8)))));
        server.createContext("/heatmap.png", d.readOnly(exactly("/heatmap.png", d::heatmap)));
        server.createContext("/chart/", d.readOnly(d::chart));
        server.createContext("/metrics", d.readOnly(exactly("/metrics", ex -> send(ex, 200, PrometheusText.CONTENT_TYPE,
                PrometheusText.render(state.view()).getBytes(StandardCharsets.UTF_8)))));
        server.start();
        return d;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        String host = server.getAddress().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        closed = true;
        synchronized (state) {
            state.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    /** The JDK server routes by path prefix: {@code /metrics/anything} is not {@code /metrics}. */
    private static Handler exactly(String path, Handler h) {
        return ex -> {
            if (!ex.getRequestURI().getPath().equals(path)) {
                send(ex, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            h.handle(ex);
        };
    }

    private HttpHandler readOnly(Handler h) {
        return ex -> {
            try (ex) {
                String m = ex.getRequestMethod();
                if (!m.equals("GET") && !m.equals("HEAD")) {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(ex, 405, "text/plain", "read-only: only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                h.handle(ex);
            } catch (IOException | RuntimeException e) {
                // The client went away or sent nonsense; nothing to do on a read-only server.
            }
        };
    }

    private void page(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!path.equals("/") && !path.equals("/index.html")) {
            send(ex, 404, "text/plain", ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(ex, 200, "text/html; charset=utf-8", DashboardPage.html().getBytes(StandardCharsets.UTF_8));
    }

    private void events(HttpExchange ex) throws IOException {
        if (!eventStreams.tryAcquire()) {
            ex.getResponseHeaders().set("Retry-After", "10");
            send(ex, 503, "text/plain", ("too many event streams (" + MAX_EVENT_STREAMS + ")\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            stream(ex);
        } finally {
            eventStreams.release();
        }
    }

    private void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        long seen = -1;
        try {
            while (!closed) {
                long v = state.awaitChange(seen, KEEPALIVE_MS);
                if (closed) {
                    break;
                }
                if (v == seen) {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                seen = v;
                DashboardState.View view = state.view();
                String json = summaryJson(view);
                out.write(("event: update\nid: " + view.version() + "\ndata: " + json + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                if (view.finished()) {
                    out.write("event: end\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    break;
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heatmap(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI());
        DashboardState.View view = state.view();
        int target = parseInt(q.get("target"), -1);
        String key = "heatmap." + target;
        byte[] png = cached(view.version(), key);
        if (png == null) {
            png = renderHeatmap(view, target);
            cache(view.version(), key, png);
        }
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, 200, "image/png", png);
    }

    static byte[] renderHeatmap(DashboardState.View view, int target) {
        Recording rec = view.recording();
        if (rec.snapshots().isEmpty()) {
            PngCanvas c = new PngCanvas(HEATMAP_WIDTH, HEATMAP_HEIGHT);
            c.text("waiting for the first aggregation...", HEATMAP_WIDTH / 2.0, HEATMAP_HEIGHT / 2.0, 16, 0x555555,
                    org.jdamon.report.image.Canvas.Align.CENTER, false);
            return c.toPngBytes();
        }
        int[] res = HeatmapImage.naturalResolution(HEATMAP_WIDTH, HEATMAP_HEIGHT);
        HeatmapViews.Options o = HeatmapViews.Options.defaults(res[0], res[1]);
        if (target >= 0) {
            o = new HeatmapViews.Options(target, List.of(), null, HeatmapViews.DrawRange.HOTTEST, false, res[0], res[1]);
        }
        HeatmapViews.View v = HeatmapViews.plan(rec, o).getFirst();
        HeatmapGrid g = HeatmapGrid.build(rec.snapshots(), v.spec(), v.layout());
        return Images.heatmapPng(g, v, Palette.GNUPLOT, HEATMAP_WIDTH, HEATMAP_HEIGHT);
    }

    private void chart(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring("/chart/".length());
        DashboardState.View view = state.view();
        Recording rec = view.recording();
        List<Integer> targets = targetIds(view);
        var wss = state.workingSetSize();
        var spec = switch (name) {
            case "wss_time.svg" -> RecordCharts.wssOverTime(rec, targets, wss);
            case "wss_sz.svg" -> RecordCharts.wssDistribution(rec, targets, wss);
            case "nr_regions_time.svg" -> RecordCharts.nrRegionsOverTime(rec, targets);
            default -> null;
        };
        if (spec == null) {
            send(ex, 404, "text/plain", ("no chart " + name + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, 200, "image/svg+xml", Images.chartSvg(spec, 560, 320).getBytes(StandardCharsets.UTF_8));
    }

    static List<Integer> targetIds(DashboardState.View view) {
        Snapshot last = view.latest();
        if (last == null) {
            return List.of();
        }
        return last.targets().stream().map(TargetSnapshot::targetId).toList();
    }

    private synchronized byte[] cached(long version, String key) {
        return version == imageCacheVersion ? imageCache.get(key) : null;
    }

    private synchronized void cache(long version, String key, byte[] data) {
        if (version != imageCacheVersion) {
            imageCache.clear();
            imageCacheVersion = version;
        }
        imageCache.put(key, data);
    }

    /** The summary pushed with every event: counts, latest per-target numbers, scheme stats, CPU. */
    static String summaryJson(DashboardState.View v) {
        Snapshot last = v.latest();
        ObjectNode root = Json.object()
                .put("version", v.version())
                .put("source", v.source())
                .put("finished", v.finished())
                .put("snapshots", v.snapshotsTotal())
                .put("time_ns", last == null ? 0 : last.endNs());
        ArrayNode targets = root.putArray("targets");
        if (last != null) {
            for (TargetSnapshot t : last.targets()) {
                long[] w = v.wssPerTarget().getOrDefault(t.targetId(), new long[0]);
                targets.addObject()
                        .put("target_id", t.targetId())
                        .put("wss_bytes", w.length == 0 ? 0 : w[w.length - 1])
                        .put("nr_regions", t.size())
                        .put("monitored_bytes", t.totalBytes());
            }
        }
        ArrayNode schemes = root.putArray("schemes");
        for (SchemeStat s : v.schemes()) {
            schemes.addObject()
                    .put("name", s.name())
                    .put("nr_tried", s.nrTried())
                    .put("sz_tried", s.szTried())
                    .put("nr_applied", s.nrApplied())
                    .put("sz_applied", s.szApplied())
                    .put("qt_exceeds", s.qtExceeds());
        }
        if (v.monitorCpuNs() < 0) {
            root.putNull("monitor_cpu_s");
        } else {
            root.put("monitor_cpu_s", v.monitorCpuNs() / 1e9);
        }
        return Json.write(root);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static int parseInt(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            ex.getResponseBody().write(body);
        }
    }
}
