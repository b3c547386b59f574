package org.jdamon.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jdamon.core.Units;
import org.jdamon.ops.kernel.DamonModules;
import org.jdamon.ops.kernel.KdamondStatus;
import org.jdamon.ops.kernel.SysfsDamon;
import org.jdamon.ops.kernel.SysfsScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jdamon status}: the kernel's DAMON as sysfs shows it, read only: every kdamond with its owner
 * (jdamon's or not ours), parameters and the scheme stats the kernel last published; the DAMON modules;
 * the optional sysfs features this kernel lacks.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the kernel's DAMON state (read only): kdamonds and who started them, schemes, modules.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KernelOptions kernel;

    @Override
    public Integer call() {
        SysfsDamon damon = kernel.damon();
        PrintWriter out = spec.commandLine().getOut();
        if (!damon.present()) {
            out.println("kernel DAMON: no sysfs interface (" + damon.kdamondsDir() + " is missing)");
        } else {
            var all = damon.kdamonds();
            out.println("kdamonds: " + all.size());
            for (KdamondStatus k : all) {
                printKdamond(out, k);
            }
            var missing = damon.features().describeMissing();
            if (!missing.isEmpty()) {
                out.println("unsupported by this kernel:");
                missing.forEach(m -> out.println("  " + m));
            }
        }
        DamonModules modules = new DamonModules(damon);
        for (String m : DamonModules.MODULES) {
            if (!modules.present(m)) {
                out.println(m + ": not in this kernel");
                continue;
            }
            Map<String, String> p = modules.parameters(m);
            boolean on = "Y".equals(p.get("enabled"));
            out.printf("%s: %s%s%n", m, on ? "enabled, kdamond pid " + p.getOrDefault("kdamond_pid", "?") : "disabled",
                    on ? (modules.ours(m) ? " (jdamon's)" : " (not ours)") : "");
        }
        out.flush();
        return 0;
    }

    private static void printKdamond(PrintWriter out, KdamondStatus k) {
        String owner = switch (k.owner()) {
            case JDAMON -> "jdamon's";
            case JDAMON_STOPPED -> "jdamon's";
            case FOREIGN -> "not ours";
        };
        out.printf("kdamond %d: %s%s, %s%n", k.index(), k.running() ? "on" : "off",
                k.running() ? " (pid " + k.pid() + ")" : "", owner);
        var c = k.context();
        if (c == null) {
            return;
        }
        out.printf("  ops %s, intervals sample %s aggr %s update %s, regions %d..%d%s%n", c.operations(),
                Units.formatDurationUs(c.sampleUs()), Units.formatDurationUs(c.aggrUs()),
                Units.formatDurationUs(c.updateUs()), c.minNrRegions(), c.maxNrRegions(), c.paused() ? ", paused" : "");
        for (int t = 0; t < c.targets().size(); t++) {
            var tg = c.targets().get(t);
            out.printf("  target %d: %s, %d initial regions%n", t,
                    c.operations().equals("paddr") ? "physical memory" : "pid " + tg.pid(), tg.nrRegions());
        }
        for (int s = 0; s < c.schemes().size(); s++) {
            var sc = c.schemes().get(s);
            SysfsScheme.AccessPattern p = sc.pattern();
            var st = sc.stats();
            out.printf("  scheme %d: %s, sz %s..%s, nr_accesses %s..%s, age %s..%s; tried %d regions (%s), "
                    + "applied %d (%s), quota exceeded %d times%n", s, sc.action(),
                    bound(p.minSz()), bound(p.maxSz()), bound(p.minNrAccesses()), bound(p.maxNrAccesses()),
                    bound(p.minAge()), bound(p.maxAge()), st.nrTried(), Units.formatSize(st.szTried()),
                    st.nrApplied(), Units.formatSize(st.szApplied()), st.qtExceeds());
            List<String> newer = new ArrayList<>();
            if (!sc.dests().isEmpty()) {
                newer.add("dests " + sc.dests().stream().map(d -> "node " + d.id() + " weight " + d.weight())
                        .collect(Collectors.joining(", ")));
            }
            if (sc.maxNrSnapshots() != 0) {
                newer.add("stops after " + sc.maxNrSnapshots() + " snapshots (" + st.nrSnapshots() + " done)");
            }
            if (!sc.goalTuner().equals(SysfsScheme.Quota.DEFAULT_GOAL_TUNER)) {
                newer.add("goal tuner " + sc.goalTuner());
            }
            if (sc.failChargeNum() != 0 || sc.failChargeDenom() != 0) {
                newer.add("failed bytes charged " + sc.failChargeNum() + "/" + sc.failChargeDenom());
            }
            if (!newer.isEmpty()) {
                out.printf("    %s%n", String.join("; ", newer));
            }
        }
    }

    private static String bound(long v) {
        return v == -1L || v == 4294967295L ? "max" : Long.toUnsignedString(v);
    }
}
