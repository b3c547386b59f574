package org.jdamon.web;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.Distribution;

/**
 * {@code /metrics} in the Prometheus text exposition format 0.0.4, written by hand (a few gauges and
 * counters need no library): the latest WSS, nr_regions and monitored bytes per target, the WSS
 * percentiles over every snapshot seen (damo's {@code report wss} defaults), per-scheme DAMOS stats, the
 * monitor thread's CPU time and the process's.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final int[] PERCENTILES = {0, 25, 50, 75, 100};

    private PrometheusText() {}

    public static String render(DashboardState.View v) {
        StringBuilder sb = new StringBuilder(2048);
        family(sb, "jdamon_snapshots_total", "counter", "Aggregation snapshots received.");
        sample(sb, "jdamon_snapshots_total", "", v.snapshotsTotal());
        family(sb, "jdamon_feed_finished", "gauge", "1 when the monitoring session or replay has ended.");
        sample(sb, "jdamon_feed_finished", "", v.finished() ? 1 : 0);
        Snapshot last = v.latest();
        if (last != null) {
            family(sb, "jdamon_nr_regions", "gauge", "Number of DAMON regions of the target in the latest snapshot.");
            for (TargetSnapshot t : last.targets()) {
                sample(sb, "jdamon_nr_regions", target(t.targetId()), t.size());
            }
            family(sb, "jdamon_monitored_bytes", "gauge", "Bytes covered by the target's regions in the latest snapshot.");
            for (TargetSnapshot t : last.targets()) {
                sample(sb, "jdamon_monitored_bytes", target(t.targetId()), t.totalBytes());
            }
        }
        if (!v.wssPerTarget().isEmpty()) {
            family(sb, "jdamon_wss_bytes", "gauge", "Working set size (regions with nr_accesses >= 1) of the latest snapshot.");
            for (Map.Entry<Integer, long[]> e : v.wssPerTarget().entrySet()) {
                long[] w = e.getValue();
                sample(sb, "jdamon_wss_bytes", target(e.getKey()), w.length == 0 ? 0 : w[w.length - 1]);
            }
            family(sb, "jdamon_wss_percentile_bytes", "gauge",
                    "Working set size distribution over the snapshots seen, the first 20 excluded (damo report wss).");
            for (Map.Entry<Integer, long[]> e : v.wssPerTarget().entrySet()) {
                long[] all = e.getValue();
                int skip = Math.min(all.length, v.excludeSamples());
                Distribution d = Distribution.sorted(java.util.Arrays.copyOfRange(all, skip, all.length));
                if (d.isEmpty()) {
                    continue;
                }
                for (int p : PERCENTILES) {
                    sample(sb, "jdamon_wss_percentile_bytes",
                            "target_id=\"" + e.getKey() + "\",percentile=\"" + p + "\"", d.percentile(p));
                }
            }
        }
        if (!v.schemes().isEmpty()) {
            String[][] fields = {
                {"jdamon_scheme_tried_regions_total", "Regions a scheme was tried on."},
                {"jdamon_scheme_tried_bytes_total", "Bytes of the regions a scheme was tried on."},
                {"jdamon_scheme_applied_regions_total", "Regions a scheme's action was applied to."},
                {"jdamon_scheme_applied_bytes_total", "Bytes a scheme's action was applied to."},
                {"jdamon_scheme_quota_exceeds_total", "Times a scheme's quota was exceeded."},
            };
            for (int f = 0; f < fields.length; f++) {
                family(sb, fields[f][0], "counter", fields[f][1]);
                for (int i = 0; i < v.schemes().size(); i++) {
                    SchemeStat s = v.schemes().get(i);
                    long value = switch (f) {
                        case 0 -> s.nrTried();
                        case 1 -> s.szTried();
                        case 2 -> s.nrApplied();
                        case 3 -> s.szApplied();
                        default -> s.qtExceeds();
                    };
                    sample(sb, fields[f][0], "scheme=\"" + i + "\",name=\"" + escape(s.name()) + "\"", value);
                }
            }
        }
        if (v.monitorCpuNs() >= 0) {
            family(sb, "jdamon_monitor_cpu_seconds_total", "counter", "CPU time used by the monitor's worker thread.");
            sampleDouble(sb, "jdamon_monitor_cpu_seconds_total", "", v.monitorCpuNs() / 1e9);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            family(sb, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
            sampleDouble(sb, "process_cpu_seconds_total", "", os.getProcessCpuTime() / 1e9);
        }
        return sb.toString();
    }

    private static String target(int id) {
        return "target_id=\"" + id + "\"";
    }

    private static void family(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder sb, String name, String labels, long value) {
        sb.append(name);
        if (!labels.isEmpty()) {
            sb.append('{').append(labels).append('}');
        }
        sb.append(' ').append(value).append('\n');
    }

    private static void sampleDouble(StringBuilder sb, String name, String labels, double value) {
        sb.append(name);
        if (!labels.isEmpty()) {
            sb.append('{').append(labels).append('}');
        }
        sb.append(' ').append(String.format(Locale.ROOT, "%.6f", value)).append('\n');
    }

    static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
