package org.jdamon.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real headless Chromium driven over the DevTools protocol with the JDK's WebSocket client (no
 * Selenium): open a page, evaluate JavaScript, collect console errors and uncaught exceptions, save a
 * screenshot. {@link #find()} returns null when no chromium binary is installed.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path profile;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private String session;

    /** The chromium binary, or null. */
    static String find() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    HeadlessChromium(String binary) throws Exception {
        profile = Files.createTempDirectory("jdamon-chromium-");
        process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--remote-allow-origins=*", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=1200,1600", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String wsUrl = readDevToolsUrl();
        ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(wsUrl), new Listener()).get(20, TimeUnit.SECONDS);
        JsonNode created = call(null, "Target.createTarget", Map.of("url", "about:blank"));
        String targetId = created.path("targetId").asString();
        session = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId").asString();
        call(session, "Runtime.enable", Map.of());
        call(session, "Log.enable", Map.of());
        call(session, "Page.enable", Map.of());
    }

    private String readDevToolsUrl() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while ((line = err.readLine()) != null) {
            int i = line.indexOf("ws://");
            if (line.startsWith("DevTools listening on") && i >= 0) {
                String url = line.substring(i).trim();
                Thread.ofVirtual().start(() -> drain(err));
                return url;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new IOException("chromium did not print its DevTools address");
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // discard chromium's own stderr chatter
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    /** Navigates and waits for the load event. */
    void open(String url) throws Exception {
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        loadWaiter = loaded;
        call(session, "Page.navigate", Map.of("url", url));
        loaded.get(30, TimeUnit.SECONDS);
    }

    private volatile CompletableFuture<JsonNode> loadWaiter;

    /** Evaluates an expression in the page and returns its value (awaiting promises). */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call(session, "Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page threw: " + r.path("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * Polls {@code expression} until it is true or the timeout passes; returns the last value. A poll that
     * lands while the page is navigating (its context is gone) counts as "not yet".
     */
    boolean waitFor(String expression, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (eval(expression).asBoolean()) {
                    return true;
                }
            } catch (java.io.IOException e) {
                if (e.getMessage() == null || !e.getMessage().contains("navigated or closed")) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    void screenshot(Path file) throws Exception {
        JsonNode r = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(r.path("data").asString()));
    }

    /** Console errors, uncaught exceptions and error log entries (failed loads) seen so far. */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        synchronized (ws) {
            ws.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        }
        JsonNode reply = f.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.path("error"));
        }
        return reply.path("result");
    }

    private void onMessage(String text) {
        JsonNode m = JSON.readTree(text);
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.path("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        String method = m.path("method").asString();
        JsonNode p = m.path("params");
        switch (method) {
            case "Page.loadEventFired" -> {
                CompletableFuture<JsonNode> w = loadWaiter;
                if (w != null) {
                    w.complete(p);
                }
            }
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asString();
                if (type.equals("error") || type.equals("assert")) {
                    errors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asString().equals("error")) {
                    errors.add("log: " + p.path("entry").path("text").asString() + " "
                            + p.path("entry").path("url").asString());
                }
            }
            default -> {
                // other events are not needed
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                String text = buf.toString();
                buf.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is going away anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var walk = Files.walk(profile)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
