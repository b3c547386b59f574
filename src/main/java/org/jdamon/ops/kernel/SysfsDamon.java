package org.jdamon.ops.kernel;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
import org.jdamon.core.damos.SchemeStats;
import org.jdamon.ops.kernel.KdamondStatus.Owner;

/**
 * The kernel's DAMON driven through sysfs (design §9), as damo does: builds kdamond directories from
 * {@link KdamondSpec}s, starts them, commits new values to running ones, stops them, asks for fresh
 * scheme stats and tried regions, and sets the DAMON_RECLAIM / DAMON_LRU_SORT module parameters.
 *
 * <p>This class is the only one in jdamon that writes to sysfs, and every write goes under the root
 * given to the constructor ({@code /sys} in production, a fixture directory in tests). It never acts on
 * a kdamond it did not create: before any write it compares the live {@code state}/{@code pid} with the
 * {@link Ownership} record, refuses when a foreign kdamond is running (the kernel cannot change
 * {@code nr_kdamonds} then), and leaves foreign kdamonds as they are.
 */
public final class SysfsDamon {
    /** Set in unit tests: any attempt to write under the real {@code /sys} throws. */
    public static final String FORBID_SYSTEM_WRITES = "jdamon.forbidSystemSysfsWrites";

    private static final Set<String> UPDATE_COMMANDS = Set.of(
            "update_schemes_stats", "update_schemes_tried_regions", "update_schemes_tried_bytes",
            "clear_schemes_tried_regions", "update_schemes_effective_quotas", "update_tuned_intervals",
            "commit_schemes_quota_goals");

    private final Path root;
    private final Path kdamonds;
    private final Ownership ownership;
    /** Tests only: every written file (relative to the root) in write order; null when not journalled. */
    private List<String> writeJournal;

    public SysfsDamon(Path sysfsRoot, Ownership ownership) {
        this.root = sysfsRoot.toAbsolutePath().normalize();
        this.kdamonds = root.resolve("kernel/mm/damon/admin/kdamonds");
        this.ownership = ownership;
    }

    /** The machine's DAMON: {@code /sys}, ownership under {@code /run/jdamon}. */
    public static SysfsDamon system() {
        return new SysfsDamon(Path.of("/sys"), new Ownership(Path.of("/run/jdamon")));
    }

    public Path root() {
        return root;
    }

    public Path kdamondsDir() {
        return kdamonds;
    }

    public Ownership ownership() {
        return ownership;
    }

    /** Appends the path of every later write, relative to the root, to {@code journal} (for tests of write order). */
    void journalWritesTo(List<String> journal) {
        this.writeJournal = journal;
    }

    /** Whether this kernel has the DAMON sysfs interface. */
    public boolean present() {
        return Files.isDirectory(kdamonds);
    }

    // ---------------------------------------------------------------- reading

    /** Every kdamond directory, read-only, with who owns it. */
    public List<KdamondStatus> kdamonds() {
        requirePresent();
        List<KdamondStatus> out = new ArrayList<>();
        for (Path k : SysfsReader.numberedChildren(kdamonds)) {
            int index = Integer.parseInt(k.getFileName().toString());
            boolean running = "on".equals(SysfsReader.read(k.resolve("state")));
            long pid = SysfsReader.readLong(k.resolve("pid"), -1);
            KdamondStatus.ContextStatus ctx = SysfsReader.context(k);
            List<Long> targetPids = ctx == null
                    ? List.of()
                    : ctx.targets().stream().map(KdamondStatus.TargetStatus::pid).toList();
            out.add(new KdamondStatus(index, running, pid, ownerOf(index, running, pid, targetPids), ctx));
        }
        return out;
    }

    public KdamondStatus kdamond(int index) {
        for (KdamondStatus k : kdamonds()) {
            if (k.index() == index) {
                return k;
            }
        }
        throw new KernelDamonException("there is no kdamond " + index + " under " + kdamonds);
    }

    /** Optional sysfs files this kernel has, probed in the first kdamond directory (if any exists). */
    public SysfsFeatures features() {
        return SysfsFeatures.probe(kdamonds.resolve("0"));
    }

    /** Operations sets the kernel offers ({@code avail_operations}); empty when no context exists to tell. */
    public List<String> availableOperations(int index) {
        String s = SysfsReader.read(kdamonds.resolve(index + "/contexts/0/avail_operations"));
        return s == null ? List.of() : List.of(s.split("\\s+"));
    }

    /** The stats the kernel last published for scheme {@code scheme} of kdamond {@code index}. */
    public SchemeStats schemeStats(int index, int scheme) {
        return SysfsReader.stats(schemeDir(index, scheme));
    }

    /** The tried regions the kernel last published for the scheme. */
    public TriedRegions triedRegions(int index, int scheme) {
        return SysfsReader.triedRegions(schemeDir(index, scheme));
    }

    private Owner ownerOf(int index, boolean running, long pid, List<Long> targetPids) {
        var rec = ownership.kdamond(index);
        if (rec.isEmpty()) {
            return Owner.FOREIGN;
        }
        if (running) {
            return rec.get().kdamondPid() == pid ? Owner.JDAMON : Owner.FOREIGN;
        }
        return rec.get().targetPids().equals(targetPids) ? Owner.JDAMON_STOPPED : Owner.FOREIGN;
    }

    // ---------------------------------------------------------------- kdamond lifecycle

    /**
     * Creates one kdamond per spec and turns them on; returns their indices. Refuses, writing nothing,
     * when any kdamond is running (a foreign one stays running; jdamon's own must be tuned or stopped
     * first), or when a stopped kdamond jdamon did not create would be discarded and
     * {@code replaceStopped} is false.
     */
    public List<Integer> start(List<KdamondSpec> specs, boolean replaceStopped) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("nothing to start: no kdamond given");
        }
        for (KdamondStatus k : kdamonds()) {
            if (k.running() && k.owner() == Owner.FOREIGN) {
                throw new KernelDamonException(("kdamond %d (pid %d) is running and was not started by jdamon;"
                        + " the kernel cannot add kdamonds while one runs, and jdamon leaves it alone"
                        + " (nothing was written)").formatted(k.index(), k.pid()));
            }
            if (k.running()) {
                throw new KernelDamonException(("jdamon's kdamond %d (pid %d) is already running: change it with"
                        + " 'jdamon tune' or stop it with 'jdamon stop' (nothing was written)")
                        .formatted(k.index(), k.pid()));
            }
            if (k.owner() == Owner.FOREIGN && !replaceStopped) {
                throw new KernelDamonException(("kdamond %d is stopped but was not created by jdamon; starting"
                        + " would discard its configuration (allow it with --replace-stopped; nothing was"
                        + " written)").formatted(k.index()));
            }
        }
        SysfsFeatures known = features();
        for (int i = 0; i < specs.size(); i++) {
            requireNewerFiles(i, specs.get(i), known, false);
        }
        ownership.clearKdamonds();
        write(kdamonds.resolve("nr_kdamonds"), Integer.toString(specs.size()));
        List<Integer> started = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            KdamondSpec spec = specs.get(i);
            List<Long> pids = targetPids(spec);
            ownership.putKdamond(new Ownership.KdamondRecord(i, -1, pids, System.currentTimeMillis()));
            writeKdamond(i, spec, true);
            try {
                write(kdamonds.resolve(i + "/state"), "on");
            } catch (KernelDamonException e) {
                for (int s : started) {
                    stop(s);
                }
                throw new KernelDamonException(e.getMessage() + explainOnFailure(), e);
            }
            long pid = SysfsReader.readLong(kdamonds.resolve(i + "/pid"), -1);
            ownership.putKdamond(new Ownership.KdamondRecord(i, pid, pids, System.currentTimeMillis()));
            started.add(i);
        }
        return started;
    }

    /** Writes new values into jdamon's running kdamond {@code index} and commits them online. */
    public void commit(int index, KdamondSpec spec) {
        KdamondStatus k = requireOwnedRunning(index, "commit new parameters to");
        requireNewerFiles(index, spec, SysfsFeatures.probe(kdamonds.resolve(Integer.toString(index))), false);
        writeKdamond(index, spec, false);
        write(kdamonds.resolve(index + "/state"), "commit");
        ownership.putKdamond(new Ownership.KdamondRecord(index, k.pid(), targetPids(spec), System.currentTimeMillis()));
    }

    /** Turns off jdamon's kdamond {@code index}; returns false when it had already stopped. */
    public boolean stop(int index) {
        KdamondStatus k = kdamond(index);
        if (k.owner() == Owner.FOREIGN) {
            throw new KernelDamonException(("kdamond %d%s was not started by jdamon; jdamon does not stop it")
                    .formatted(index, k.running() ? " (pid " + k.pid() + ")" : ""));
        }
        if (!k.running()) {
            return false;
        }
        try {
            write(kdamonds.resolve(index + "/state"), "off");
        } catch (KernelDamonException e) {
            // the kdamond may have ended by itself (all targets exited) since its state was read
            if (!"on".equals(SysfsReader.read(kdamonds.resolve(index + "/state")))) {
                return false;
            }
            throw e;
        }
        return true;
    }

    /** Stops every kdamond jdamon started and is still running; returns their indices. */
    public List<Integer> stopAll() {
        List<Integer> stopped = new ArrayList<>();
        for (KdamondStatus k : kdamonds()) {
            if (k.owner() == Owner.JDAMON && stop(k.index())) {
                stopped.add(k.index());
            }
        }
        return stopped;
    }

    /**
     * Writes a {@code state} command that refreshes published values ({@code update_schemes_stats},
     * {@code update_schemes_tried_regions}, ...) to jdamon's running kdamond. Retries a few times when
     * the kernel is busy, as damo does.
     */
    public void update(int index, String command) {
        if (!UPDATE_COMMANDS.contains(command)) {
            throw new IllegalArgumentException("not a state update command: " + command);
        }
        requireOwnedRunning(index, "send '" + command + "' to");
        Path state = kdamonds.resolve(index + "/state");
        for (int attempt = 1; ; attempt++) {
            try {
                write(state, command);
                return;
            } catch (KernelDamonException e) {
                if (attempt >= 5 || !(e.getCause() instanceof FileSystemException fse)
                        || fse.getReason() == null || !fse.getReason().contains("busy")) {
                    throw e;
                }
                sleepMs(20L << attempt);
            }
        }
    }

    private KdamondStatus requireOwnedRunning(int index, String action) {
        KdamondStatus k = kdamond(index);
        if (k.owner() == Owner.FOREIGN) {
            throw new KernelDamonException(("kdamond %d%s was not started by jdamon; jdamon does not %s it")
                    .formatted(index, k.running() ? " (pid " + k.pid() + ")" : "", action.replace(" to", "")));
        }
        if (!k.running()) {
            throw new KernelDamonException(("jdamon's kdamond %d has stopped (its targets may have exited);"
                    + " cannot %s it").formatted(index, action));
        }
        return k;
    }

    private String explainOnFailure() {
        List<String> holders = new ArrayList<>();
        for (String m : DamonModules.MODULES) {
            String enabled = SysfsReader.read(moduleParamDir(m).resolve("enabled"));
            if ("Y".equals(enabled)) {
                holders.add(m);
            }
        }
        return holders.isEmpty()
                ? " (check that the target processes exist and the attributes are valid)"
                : " (" + String.join(" and ", holders) + " is enabled and holds DAMON exclusively)";
    }

    private static List<Long> targetPids(KdamondSpec spec) {
        boolean paddr = spec.context().operations().equals("paddr");
        return spec.context().targets().stream().map(t -> paddr || t.pid() < 0 ? 0L : t.pid()).toList();
    }

    // ---------------------------------------------------------------- building a kdamond directory

    private void writeKdamond(int index, KdamondSpec spec, boolean fresh) {
        Path k = kdamonds.resolve(Integer.toString(index));
        KdamondSpec.Context ctx = spec.context();
        if (fresh) {
            write(k.resolve("contexts/nr_contexts"), "1");
        }
        Path c = k.resolve("contexts/0");
        write(c.resolve("targets/nr_targets"), Integer.toString(ctx.targets().size()));
        write(c.resolve("schemes/nr_schemes"), Integer.toString(ctx.schemes().size()));
        SysfsFeatures features = SysfsFeatures.probe(k);
        checkSupported(index, spec, features);
        requireNewerFiles(index, spec, features, true);

        write(c.resolve("operations"), ctx.operations());
        if (ctx.addrUnit() != 1) {
            write(c.resolve("addr_unit"), Long.toString(ctx.addrUnit()));
        }
        if (ctx.pause() || "Y".equals(SysfsReader.read(c.resolve("pause")))) {
            // N only to resume a context a previous commit paused
            write(c.resolve("pause"), ctx.pause() ? "Y" : "N");
        }
        writeAttributes(c.resolve("monitoring_attrs"), ctx.attributes(), features);
        for (int t = 0; t < ctx.targets().size(); t++) {
            writeTarget(c.resolve("targets/" + t), ctx.targets().get(t), ctx.operations());
        }
        for (int s = 0; s < ctx.schemes().size(); s++) {
            writeScheme(c.resolve("schemes/" + s), ctx.schemes().get(s), features);
        }
        if (spec.refreshMs() != 0) {
            write(k.resolve("refresh_ms"), Long.toString(spec.refreshMs()));
        }
    }

    private void checkSupported(int index, KdamondSpec spec, SysfsFeatures f) {
        KdamondSpec.Context ctx = spec.context();
        List<String> avail = availableOperations(index);
        if (!avail.isEmpty() && !avail.contains(ctx.operations())) {
            throw new KernelDamonException("this kernel's DAMON has no '%s' operations set (avail_operations: %s)"
                    .formatted(ctx.operations(), String.join(" ", avail)));
        }
        if (ctx.attributes().intervalsGoal().enabled()) {
            f.require(SysfsFeature.INTERVALS_GOAL, "monitoring intervals auto-tuning");
        }
        if (ctx.addrUnit() != 1) {
            f.require(SysfsFeature.ADDR_UNIT, "addr_unit " + ctx.addrUnit());
        }
        if (spec.refreshMs() != 0) {
            f.require(SysfsFeature.REFRESH_MS, "refresh_ms");
        }
        for (SysfsScheme s : ctx.schemes()) {
            if (s.applyIntervalUs() != 0) {
                f.require(SysfsFeature.APPLY_INTERVAL, "a scheme apply interval");
            }
            if (s.targetNid() != -1) {
                f.require(SysfsFeature.TARGET_NID, "a scheme target_nid");
            }
            if (!s.quota().goals().isEmpty()) {
                f.require(SysfsFeature.QUOTA_GOALS, "quota goals");
            }
            if (!s.filters().isEmpty()) {
                f.require(SysfsFeature.FILTERS, "scheme filters");
            }
        }
    }

    /**
     * Refuses settings newer than this kernel's sysfs tree, naming the setting, the absent file and the
     * release that added it. Default values need no file. With {@code strict} false (before anything is
     * written) only files known to be absent count; with {@code strict} the kdamond's tree is complete,
     * so a file not seen is absent.
     */
    private void requireNewerFiles(int index, KdamondSpec spec, SysfsFeatures f, boolean strict) {
        String where = "kdamonds[" + index + "].contexts[0]";
        String dir = index + "/contexts/0/";
        KdamondSpec.Context ctx = spec.context();
        if (ctx.pause()) {
            requireFile(f, strict, SysfsFeature.PAUSE, where + ".pause", dir + "pause");
        }
        for (int i = 0; i < ctx.schemes().size(); i++) {
            SysfsScheme s = ctx.schemes().get(i);
            String sw = where + ".schemes[" + i + "]";
            String sd = dir + "schemes/" + i + "/";
            if (!s.quota().defaultGoalTuner()) {
                requireFile(f, strict, SysfsFeature.GOAL_TUNER, sw + ".quotas.goal_tuner", sd + "quotas/goal_tuner");
            }
            if (!s.quota().defaultFailCharge()) {
                requireFile(f, strict, SysfsFeature.FAIL_CHARGE, sw + ".quotas.fail_charge_num/denom",
                        sd + "quotas/fail_charge_num");
            }
            if (!s.dests().isEmpty()) {
                requireFile(f, strict, SysfsFeature.DESTS, sw + ".dests", sd + "dests");
            }
            if (s.maxNrSnapshots() != 0) {
                requireFile(f, strict, SysfsFeature.MAX_NR_SNAPSHOTS, sw + ".max_nr_snapshots",
                        sd + "stats/max_nr_snapshots");
            }
        }
    }

    private void requireFile(SysfsFeatures f, boolean strict, SysfsFeature feature, String setting, String file) {
        if (f.missing(feature) || (strict && !f.has(feature))) {
            throw new KernelDamonException("%s: this kernel has no %s (added in %s)"
                    .formatted(setting, root.relativize(kdamonds.resolve(file)), feature.origin()));
        }
    }

    private void writeAttributes(Path m, Attributes a, SysfsFeatures f) {
        Path iv = m.resolve("intervals");
        write(iv.resolve("sample_us"), Long.toString(a.sampleUs()));
        write(iv.resolve("aggr_us"), Long.toString(a.aggrUs()));
        write(iv.resolve("update_us"), Long.toString(a.updateUs()));
        if (f.has(SysfsFeature.INTERVALS_GOAL)) {
            IntervalsGoal g = a.intervalsGoal();
            Path gd = iv.resolve("intervals_goal");
            write(gd.resolve("access_bp"), Long.toString(g.accessBp()));
            write(gd.resolve("aggrs"), Long.toString(g.aggrs()));
            write(gd.resolve("min_sample_us"), Long.toString(g.minSampleUs()));
            write(gd.resolve("max_sample_us"), Long.toString(g.maxSampleUs()));
        }
        write(m.resolve("nr_regions/min"), Integer.toString(a.minNrRegions()));
        write(m.resolve("nr_regions/max"), Integer.toString(a.maxNrRegions()));
    }

    private void writeTarget(Path t, KdamondSpec.TargetSpec target, String ops) {
        if (!ops.equals("paddr") && target.pid() >= 0) {
            write(t.resolve("pid_target"), Long.toString(target.pid()));
        }
        List<AddressRange> regions = target.regions();
        write(t.resolve("regions/nr_regions"), Integer.toString(regions.size()));
        for (int r = 0; r < regions.size(); r++) {
            write(t.resolve("regions/" + r + "/start"), Long.toUnsignedString(regions.get(r).start()));
            write(t.resolve("regions/" + r + "/end"), Long.toUnsignedString(regions.get(r).end()));
        }
    }

    private void writeScheme(Path s, SysfsScheme scheme, SysfsFeatures f) {
        write(s.resolve("action"), scheme.action());
        if (f.has(SysfsFeature.TARGET_NID)) {
            write(s.resolve("target_nid"), Integer.toString(scheme.targetNid()));
        }
        if (f.has(SysfsFeature.APPLY_INTERVAL)) {
            write(s.resolve("apply_interval_us"), Long.toString(scheme.applyIntervalUs()));
        }
        SysfsScheme.AccessPattern p = scheme.pattern();
        Path ap = s.resolve("access_pattern");
        writeRange(ap.resolve("sz"), p.minSz(), p.maxSz());
        writeRange(ap.resolve("nr_accesses"), p.minNrAccesses(), p.maxNrAccesses());
        writeRange(ap.resolve("age"), p.minAge(), p.maxAge());

        SysfsScheme.Quota q = scheme.quota();
        Path qd = s.resolve("quotas");
        write(qd.resolve("ms"), Long.toString(q.ms()));
        write(qd.resolve("bytes"), Long.toUnsignedString(q.bytes()));
        write(qd.resolve("reset_interval_ms"), Long.toString(q.resetIntervalMs()));
        write(qd.resolve("weights/sz_permil"), Long.toString(q.szPermil()));
        write(qd.resolve("weights/nr_accesses_permil"), Long.toString(q.nrAccessesPermil()));
        write(qd.resolve("weights/age_permil"), Long.toString(q.agePermil()));
        if (!q.defaultGoalTuner()) {
            write(qd.resolve("goal_tuner"), q.goalTuner());
        }
        if (!q.defaultFailCharge()) {
            write(qd.resolve("fail_charge_num"), Long.toString(q.failChargeNum()));
            write(qd.resolve("fail_charge_denom"), Long.toString(q.failChargeDenom()));
        }
        if (f.has(SysfsFeature.QUOTA_GOALS)) {
            write(qd.resolve("goals/nr_goals"), Integer.toString(q.goals().size()));
            for (int g = 0; g < q.goals().size(); g++) {
                writeGoal(qd.resolve("goals/" + g), q.goals().get(g));
            }
        }

        SysfsScheme.Watermarks w = scheme.watermarks();
        Path wd = s.resolve("watermarks");
        write(wd.resolve("metric"), w.metric());
        write(wd.resolve("interval_us"), Long.toString(w.intervalUs()));
        write(wd.resolve("high"), Long.toString(w.high()));
        write(wd.resolve("mid"), Long.toString(w.mid()));
        write(wd.resolve("low"), Long.toString(w.low()));

        if (f.has(SysfsFeature.FILTERS)) {
            writeFilters(s, scheme.filters(), f);
        }
        // the kernel builds a scheme in this order: ..., filters, dests, max_nr_snapshots (design §9.3)
        List<SysfsScheme.Dest> dests = scheme.dests();
        if (!dests.isEmpty()) {
            write(s.resolve("dests/nr_dests"), Integer.toString(dests.size()));
            for (int d = 0; d < dests.size(); d++) {
                write(s.resolve("dests/" + d + "/id"), Integer.toString(dests.get(d).id()));
                write(s.resolve("dests/" + d + "/weight"), Long.toString(dests.get(d).weight()));
            }
        }
        if (scheme.maxNrSnapshots() != 0) {
            write(s.resolve("stats/max_nr_snapshots"), Long.toString(scheme.maxNrSnapshots()));
        }
    }

    private void writeGoal(Path g, SysfsScheme.Goal goal) {
        write(g.resolve("target_metric"), goal.metric());
        write(g.resolve("target_value"), Long.toString(goal.targetValue()));
        write(g.resolve("current_value"), Long.toString(goal.currentValue()));
        if (Files.exists(g.resolve("nid"))) {
            write(g.resolve("nid"), Integer.toString(goal.nid()));
        } else if (goal.metric().startsWith("node_")) {
            throw new KernelDamonException("quota goal " + goal.metric()
                    + " needs a node id, and this kernel has no goals/<G>/nid (6.16+)");
        }
        if (Files.exists(g.resolve("path"))) {
            write(g.resolve("path"), goal.path());
        } else if (!goal.path().isEmpty()) {
            throw new KernelDamonException("quota goal " + goal.metric()
                    + " has a memcg path, and this kernel has no goals/<G>/path (6.19+)");
        }
    }

    /**
     * Filters go to {@code core_filters}/{@code ops_filters} by layer where the kernel has them (6.15+),
     * otherwise all to {@code filters}, in the given order.
     */
    private void writeFilters(Path s, List<SysfsScheme.Filter> filters, SysfsFeatures f) {
        Map<String, List<SysfsScheme.Filter>> byDir = new LinkedHashMap<>();
        if (f.has(SysfsFeature.LAYERED_FILTERS)) {
            byDir.put("core_filters", filters.stream().filter(SysfsScheme.Filter::coreLayer).toList());
            byDir.put("ops_filters", filters.stream().filter(x -> !x.coreLayer()).toList());
            byDir.put("filters", List.of());
        } else {
            byDir.put("filters", filters);
        }
        for (var e : byDir.entrySet()) {
            Path dir = s.resolve(e.getKey());
            write(dir.resolve("nr_filters"), Integer.toString(e.getValue().size()));
            for (int i = 0; i < e.getValue().size(); i++) {
                writeFilter(dir.resolve(Integer.toString(i)), e.getValue().get(i));
            }
        }
    }

    private void writeFilter(Path d, SysfsScheme.Filter x) {
        write(d.resolve("type"), x.type());
        write(d.resolve("matching"), x.matching() ? "Y" : "N");
        if (Files.exists(d.resolve("allow"))) {
            write(d.resolve("allow"), x.allow() ? "Y" : "N");
        } else if (x.allow()) {
            throw new KernelDamonException("an 'allow' filter needs Linux 6.14+ (this kernel has no "
                    + "filters/<F>/allow; its filters only reject)");
        }
        switch (x.type()) {
            case "memcg" -> write(d.resolve("memcg_path"), x.memcgPath());
            case "addr" -> {
                write(d.resolve("addr_start"), Long.toUnsignedString(x.addrStart()));
                write(d.resolve("addr_end"), Long.toUnsignedString(x.addrEnd()));
            }
            case "target" -> write(d.resolve("damon_target_idx"), Integer.toString(x.targetIdx()));
            case "hugepage_size" -> {
                write(d.resolve("min"), Long.toUnsignedString(x.min()));
                write(d.resolve("max"), Long.toUnsignedString(x.max()));
            }
            default -> {}
        }
    }

    private void writeRange(Path dir, long min, long max) {
        write(dir.resolve("min"), Long.toUnsignedString(min));
        write(dir.resolve("max"), Long.toUnsignedString(max));
    }

    // ---------------------------------------------------------------- DAMON modules

    Path moduleParamDir(String module) {
        return root.resolve("module/" + module + "/parameters");
    }

    /**
     * Writes module parameters of {@code damon_reclaim} or {@code damon_lru_sort}, then turns the module
     * on or off ({@code enable} null: leave as is). A module that is enabled but that jdamon did not
     * enable is left alone. When jdamon's module is running, {@code commit_inputs} applies the new values.
     */
    void configureModule(String module, Map<String, String> params, Boolean enable) {
        Path dir = moduleParamDir(module);
        if (!Files.isDirectory(dir)) {
            throw new KernelDamonException("this kernel has no " + module + " module (no " + dir + ")");
        }
        boolean enabled = "Y".equals(SysfsReader.read(dir.resolve("enabled")));
        if (enabled && !ownership.module(module)) {
            throw new KernelDamonException(module + " is enabled and was not enabled by jdamon;"
                    + " jdamon leaves it alone (nothing was written)");
        }
        for (var e : params.entrySet()) {
            if (e.getKey().equals("enabled") || e.getKey().equals("commit_inputs")) {
                throw new IllegalArgumentException(e.getKey() + " is set by jdamon itself, not as a parameter");
            }
            if (!Files.exists(dir.resolve(e.getKey()))) {
                throw new KernelDamonException("this kernel's " + module + " has no parameter '" + e.getKey() + "'");
            }
        }
        for (var e : params.entrySet()) {
            write(dir.resolve(e.getKey()), e.getValue());
        }
        if (enabled && !params.isEmpty() && !Boolean.FALSE.equals(enable)) {
            write(dir.resolve("commit_inputs"), "Y");
        }
        if (Boolean.TRUE.equals(enable) && !enabled) {
            write(dir.resolve("enabled"), "Y");
            ownership.putModule(module, true);
        } else if (Boolean.FALSE.equals(enable) && enabled) {
            write(dir.resolve("enabled"), "N");
            ownership.putModule(module, false);
        }
    }

    // ---------------------------------------------------------------- the one write primitive

    private Path schemeDir(int index, int scheme) {
        return kdamonds.resolve(index + "/contexts/0/schemes/" + scheme);
    }

    private void requirePresent() {
        if (!present()) {
            throw new KernelDamonException("this kernel has no DAMON sysfs interface (" + kdamonds
                    + " is missing; it needs CONFIG_DAMON_SYSFS, Linux 5.18+)");
        }
    }

    private void write(Path file, String value) {
        Path f = file.toAbsolutePath().normalize();
        if (!f.startsWith(root)) {
            throw new IllegalStateException(f + " is outside the sysfs root " + root);
        }
        if (Boolean.getBoolean(FORBID_SYSTEM_WRITES) && root.equals(Path.of("/sys"))) {
            throw new IllegalStateException("refusing to write " + f + ": writes to the real /sys are forbidden"
                    + " in this JVM (" + FORBID_SYSTEM_WRITES + ")");
        }
        try {
            Files.writeString(f, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            if (writeJournal != null) {
                writeJournal.add(root.relativize(f).toString());
            }
        } catch (NoSuchFileException e) {
            throw new KernelDamonException("this kernel has no " + root.relativize(f)
                    + " (an older or differently configured DAMON)", e);
        } catch (FileSystemException e) {
            throw new KernelDamonException("the kernel refused '%s' in %s: %s"
                    .formatted(value, root.relativize(f), e.getReason()), e);
        } catch (IOException e) {
            throw new KernelDamonException("the kernel refused '%s' in %s: %s"
                    .formatted(value, root.relativize(f), e.getMessage()), e);
        }
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelDamonException("interrupted while waiting for the kernel", e);
        }
    }
}
