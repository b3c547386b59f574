package org.jdamon.web;

import org.jdamon.markup.Html;

/**
 * The dashboard page: self-contained HTML with inline CSS and JS. It listens to {@code /events}, shows the
 * latest numbers at once, and reloads the heatmap and chart images at most once a second (preloading each
 * so the page never flickers); it closes the stream when the feed ends.
 */
final class DashboardPage {
    private DashboardPage() {}

    static String html() {
        String body = """
                <p id="status" class="muted">connecting...</p>
                <div>
                  <span class="stat">snapshots<b id="snapshots">0</b></span>
                  <span class="stat">time<b id="time">-</b></span>
                  <span class="stat">WSS<b id="wss">-</b></span>
                  <span class="stat">regions<b id="regions">-</b></span>
                  <span class="stat">monitored<b id="monitored">-</b></span>
                  <span class="stat">monitor CPU<b id="cpu">-</b></span>
                </div>
                <h2>Heatmap (hottest area)</h2>
                <figure><img id="heatmap" src="heatmap.png" alt="heatmap" width="900" height="460"></figure>
                <h2>Working set size and regions</h2>
                <figure><img id="wss_time" src="chart/wss_time.svg" alt="WSS over time" width="560" height="320"></figure>
                <figure><img id="wss_sz" src="chart/wss_sz.svg" alt="WSS distribution" width="560" height="320"></figure>
                <figure><img id="nr_regions_time" src="chart/nr_regions_time.svg" alt="regions over time" width="560" height="320"></figure>
                <h2>Schemes</h2>
                <div id="schemes"><p class="muted">No schemes.</p></div>
                <p class="muted">Prometheus metrics: <a href="metrics">/metrics</a></p>
                """;
        return Html.page("jdamon dashboard", "<h1>jdamon live dashboard</h1>", body, SCRIPT);
    }

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var IMAGES = ['heatmap', 'wss_time', 'wss_sz', 'nr_regions_time'];
              var SRC = {heatmap: 'heatmap.png', wss_time: 'chart/wss_time.svg', wss_sz: 'chart/wss_sz.svg',
                         nr_regions_time: 'chart/nr_regions_time.svg'};
              var lastRefresh = 0, pending = null, latestVersion = 0;
              window.jdamonUpdates = 0;
              window.jdamonImageLoads = 0;
              function size(b) {
                var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], i = 0;
                while (b >= 1024 && i < u.length - 1) { b /= 1024; i++; }
                return (i === 0 ? b : b.toFixed(2)) + ' ' + u[i];
              }
              function dur(ns) {
                var s = ns / 1e9;
                return s < 60 ? s.toFixed(1) + ' s' : Math.floor(s / 60) + ' m ' + Math.round(s % 60) + ' s';
              }
              function text(id, v) { document.getElementById(id).textContent = v; }
              function refreshImages() {
                pending = null;
                lastRefresh = Date.now();
                IMAGES.forEach(function (id) {
                  var img = new Image();
                  img.onload = function () {
                    document.getElementById(id).src = img.src;
                    window.jdamonImageLoads++;
                  };
                  img.src = SRC[id] + '?v=' + latestVersion;
                });
              }
              function scheduleImages() {
                if (pending) { return; }
                var wait = Math.max(0, 1000 - (Date.now() - lastRefresh));
                pending = setTimeout(refreshImages, wait);
              }
              function schemes(list) {
                var el = document.getElementById('schemes');
                if (!list.length) { return; }
                var rows = list.map(function (s) {
                  return '<tr><td>' + s.name.replace(/[<>&]/g, '') + '</td><td>' + s.nr_tried + '</td><td>' +
                    size(s.sz_tried) + '</td><td>' + s.nr_applied + '</td><td>' + size(s.sz_applied) +
                    '</td><td>' + s.qt_exceeds + '</td></tr>';
                }).join('');
                el.innerHTML = '<table><thead><tr><th>scheme</th><th>tried</th><th>tried bytes</th>' +
                  '<th>applied</th><th>applied bytes</th><th>quota exceeds</th></tr></thead><tbody>' + rows +
                  '</tbody></table>';
              }
              function update(d) {
                window.jdamonUpdates++;
                latestVersion = d.version;
                text('status', (d.finished ? 'finished: ' : 'live: ') + d.source);
                text('snapshots', d.snapshots);
                text('time', dur(d.time_ns));
                var wss = 0, regions = 0, monitored = 0;
                d.targets.forEach(function (t) { wss += t.wss_bytes; regions += t.nr_regions; monitored += t.monitored_bytes; });
                text('wss', size(wss));
                text('regions', regions);
                text('monitored', size(monitored));
                text('cpu', d.monitor_cpu_s === null ? 'n/a' : d.monitor_cpu_s.toFixed(2) + ' s');
                schemes(d.schemes);
                scheduleImages();
              }
              var es = new EventSource('events');
              es.addEventListener('update', function (e) { update(JSON.parse(e.data)); });
              es.addEventListener('end', function () {
                es.close();
                var s = document.getElementById('status');
                s.textContent = s.textContent.replace(/^live: /, 'finished: ');
                scheduleImages();
              });
              es.onerror = function () { if (es.readyState === 2) { text('status', 'disconnected'); } };
            })();
            """;
}
