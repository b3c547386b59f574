package org.jdamon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdamon.record.Snapshot;
import org.jdamon.report.TestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} under bounded load on loopback: 100 live event streams, clients that never read, a
 * client that sends its request a byte at a time, path traversal attempts, methods other than GET and
 * oversized headers. Throughout, {@code /metrics} must answer within a second, the heap must stay
 * within a bound, nothing outside the server's own pages may be served, and promtool must accept the
 * exposition (skipped without promtool: scripts/install-test-deps.sh installs it).
 */
class ServeLoadTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private DashboardState state;
    private DashboardServer server;
    private Thread publisher;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        state = new DashboardState();
        state.start(TestRecords.header(1), "load");
        server = DashboardServer.start(state, "127.0.0.1", 0);
        // a new snapshot every 20 ms, so that every stream has events to be sent
        List<Snapshot> snaps = TestRecords.hotBand().snapshots();
        publisher = Thread.ofVirtual().start(() -> {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                Snapshot s = snaps.get(i % snaps.size());
                long shift = (long) (i / snaps.size()) * 10_000_000_000L;
                state.publish(new Snapshot(s.startNs() + shift, s.endNs() + shift, s.targets()));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        publisher.interrupt();
        for (Socket c : clients) {
            c.close();
        }
        server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(LOOPBACK, server.port());
        s.setSoTimeout(5_000);
        clients.add(s);
        return s;
    }

    private static void send(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads a whole response from a connection the server closes, or what came within the timeout. */
    private static String readAll(Socket s) {
        byte[] buf = new byte[1 << 16];
        StringBuilder sb = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            for (int n; (n = in.read(buf)) > 0 && sb.length() < 1 << 20; ) {
                sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // a timeout or a reset: what arrived is the answer
        }
        return sb.toString();
    }

    private static String statusLine(String response) {
        int eol = response.indexOf("\r\n");
        return eol < 0 ? response : response.substring(0, eol);
    }

    /** /metrics on a fresh connection: status and body, and how long it took. */
    private long metricsWithin(long limitMs) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = new Socket(LOOPBACK, server.port())) {
            s.setSoTimeout((int) limitMs);
            send(s, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String r = readAll(s);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(statusLine(r)).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r).contains("jdamon_snapshots_total");
            assertThat(ms).as("/metrics answered in %d ms", ms).isLessThan(limitMs);
            return ms;
        }
    }

    @Test
    void staysResponsiveAndBoundedUnderLoad() throws Exception {
        long heapBefore = usedHeapAfterGc();
        // 100 live dashboards, each reading its stream
        List<Socket> streams = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Socket s = connect();
            send(s, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            streams.add(s);
        }
        for (Socket s : streams) {
            byte[] head = s.getInputStream().readNBytes(15);
            assertThat(new String(head, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK");
        }
        // 20 more that never read a byte of their streams (their socket buffers fill, the writes block)
        for (int i = 0; i < 20; i++) {
            send(connect(), "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        }
        // one that sends its request a byte at a time
        Socket slow = connect();
        Thread slowSender = Thread.ofVirtual().start(() -> {
            try {
                for (byte b : "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1)) {
                    slow.getOutputStream().write(b);
                    slow.getOutputStream().flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the server may close it: that is allowed
            }
        });
        long worst = 0;
        for (int i = 0; i < 10; i++) {
            worst = Math.max(worst, metricsWithin(1_000));
            Thread.sleep(100);
        }
        // the streams still flow: every reading client gets events
        for (Socket s : streams.subList(0, 10)) {
            String got = readUntil(s, "event: update");
            assertThat(got).contains("event: update");
        }
        long heapDuring = usedHeapAfterGc();
        assertThat(heapDuring - heapBefore).as("heap growth with 121 clients").isLessThan(64L << 20);
        slowSender.interrupt();
        System.out.printf("serve under load: /metrics worst %d ms, heap +%d KiB%n", worst, (heapDuring - heapBefore) >> 10);
    }

    @Test
    void eventStreamsBeyondTheLimitAreRefused() throws Exception {
        for (int i = 0; i < DashboardServer.MAX_EVENT_STREAMS; i++) {
            send(connect(), "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        }
        for (Socket s : clients) {
            assertThat(new String(s.getInputStream().readNBytes(15), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK");
        }
        Socket extra = connect();
        send(extra, "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(statusLine(readAll(extra))).isEqualTo("HTTP/1.1 503 Service Unavailable");
        metricsWithin(1_000);
    }

    @Test
    void neverServesAFileOutsideItsPages() throws Exception {
        for (String path : List.of("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/chart/../../../../etc/passwd", "/chart/..%2f..%2f..%2fetc%2fpasswd", "//etc/passwd",
                "/index.html/../../etc/passwd", "/chart/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/passwd",
                "/heatmap.png/../../etc/passwd", "/chart/..\\..\\..\\etc\\passwd", "/api/../../etc/passwd",
                "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/metrics/../../../etc/passwd", "/events/../../etc/passwd")) {
            Socket s = connect();
            send(s, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String r = readAll(s);
            assertThat(r).as(path).doesNotContain("root:x:0:0").doesNotContain("/bin/bash");
            assertThat(statusLine(r)).as(path).matches("HTTP/1.1 (200 OK|400 Bad Request|404 Not Found)|");
        }
        assertThat(Files.readString(Path.of("/etc/passwd"))).contains("root:"); // what a leak would look like
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND")) {
            for (String path : List.of("/", "/metrics", "/events", "/api/summary.json")) {
                Socket s = connect();
                send(s, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
                String r = readAll(s);
                assertThat(statusLine(r)).as(method + " " + path).isEqualTo("HTTP/1.1 405 Method Not Allowed");
                assertThat(r).contains("Allow: GET, HEAD");
            }
        }
        Socket head = connect();
        send(head, "HEAD /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String r = readAll(head);
        assertThat(statusLine(r)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(r).doesNotContain("jdamon_snapshots_total");
    }

    @Test
    void oversizedHeadersAreRefusedAndTheServerStaysUp() throws Exception {
        Socket big = connect();
        sendMayBeCutOff(big, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(1 << 20) + "\r\n\r\n");
        assertThat(readAll(big)).doesNotContain("jdamon_snapshots_total");
        Socket many = connect();
        StringBuilder sb = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 1_000; i++) {
            sb.append("X-H").append(i).append(": v\r\n");
        }
        sendMayBeCutOff(many, sb.append("\r\n").toString());
        assertThat(readAll(many)).doesNotContain("jdamon_snapshots_total");
        Socket longLine = connect();
        sendMayBeCutOff(longLine, "GET /" + "a".repeat(1 << 20) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(readAll(longLine)).doesNotContain("jdamon_snapshots_total");
        metricsWithin(1_000);
    }

    /** The server may close the connection before an oversized request is all sent: that is a refusal. */
    private static void sendMayBeCutOff(Socket s, String request) {
        try {
            send(s, request);
        } catch (IOException refused) {
            // reset by the server part way: what follows checks it answered nothing useful
        }
    }

    @Test
    void promtoolAcceptsTheMetrics() throws Exception {
        Path promtool = findOnPath("promtool");
        assumeTrue(promtool != null, "promtool not installed (Debian's prometheus package; scripts/install-test-deps.sh)");
        Thread.sleep(100);
        state.publishSchemeStats(List.of(new SchemeStat("pageout \"cold\"\\n", 10, 4096, 3, 8192, 1)));
        state.publishMonitorCpu(2_000_000L);
        Socket s = connect();
        send(s, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String r = readAll(s);
        String body = r.substring(r.indexOf("\r\n\r\n") + 4);
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(body.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + "\n--- metrics:\n" + body).isZero();
    }

    private static String readUntil(Socket s, String marker) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[8192];
        while (!sb.toString().contains(marker)) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static Path findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
