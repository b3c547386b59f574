package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdamon.config.KdamondsConfig;
import java.util.Map;
import org.jdamon.ops.kernel.ConfigToSysfs;
import org.jdamon.ops.kernel.KdamondSpec;
import org.jdamon.record.capture.DamosCapture;
import org.jdamon.record.capture.KernelRecording;
import org.jdamon.ops.linux.procfs.PhysicalMemory;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.eval.CoverageMeter;
import java.io.UncheckedIOException;
import org.jdamon.ops.trace.TraceInput;
import org.jdamon.ops.trace.TraceOptions;
import org.jdamon.ops.trace.TraceReader;
import org.jdamon.profile.Profiler;
import org.jdamon.profile.ProfilingTraceReader;
import org.jdamon.profile.Symbolizer;
import org.jdamon.profile.TraceProfiler;
import org.jdamon.record.RecordWriteException;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.damo.DamoFileType;
import org.jdamon.record.SideData;
import org.jdamon.core.AddressRange;
import org.jdamon.record.capture.FootprintCollector;
import org.jdamon.ops.linux.LinuxTargets;
import org.jdamon.session.LinuxSource;
import org.jdamon.session.TraceSource;
import org.jdamon.core.Units;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.session.MonitorRun;
import org.jdamon.session.SchemeSetup;
import org.jdamon.session.MonitorSource;
import org.jdamon.session.SimSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdamon record}: monitor a target and write its access pattern to a record file. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Monitor a target's data accesses and record them.")
public final class RecordCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--sim", paramLabel = "CONFIG",
                description = "Simulated workload: a masim config file or a built-in name "
                        + "(demo, zigzag, zigzag_30secs, stairs, stairs_30secs, default).")
        String sim;

        @Option(names = "--trace", paramLabel = "FILE|-",
                description = "Replay a memory trace: Valgrind Lackey text (optionally .gz), jdamon's binary "
                        + "trace, or - for standard input.")
        String trace;

        @Option(names = "--pid", paramLabel = "PID", description = "Monitor a running process (vaddr).")
        Long pid;

        @Parameters(paramLabel = "paddr | -- CMD ARGS", arity = "1..*",
                description = "'paddr' for physical memory, or a command to start and monitor until it exits.")
        List<String> deducible;
    }

    @Option(names = {"-r", "--regions"}, arity = "1..*", paramLabel = "START-END",
            description = "Fixed monitoring ranges: fvaddr for --pid, physical ranges for paddr.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--access", paramLabel = "PRIMITIVE", defaultValue = "auto",
            description = "Access check for live targets: auto, page_idle, soft_dirty (default: ${DEFAULT-VALUE}).")
    String access;

    @Mixin
    TraceOptionsMixin traceOptions;

    @Option(names = "--profile",
            description = "Record call stacks too: JFR for a JVM target, perf for a native one, the trace's "
                    + "instruction addresses for --trace (see 'jdamon report profile').")
    boolean profile;

    @Option(names = "--profile_every", paramLabel = "N", defaultValue = "10000",
            description = "With --trace: keep every N-th instruction address (default: ${DEFAULT-VALUE}).")
    long profileEvery;

    @Option(names = "--profile_binary", paramLabel = "FILE",
            description = "With --trace --profile: name instruction addresses with the symbols (nm) of this binary, "
                    + "as Valgrind loaded it.")
    Path profileBinary;

    @Option(names = "--kernel",
            description = "Use the kernel's DAMON (sysfs, root) instead of jdamon's engine, for --pid, -- CMD or "
                    + "paddr; jdamon starts its own kdamond and stops only that one.")
    boolean kernel;

    @Mixin
    KernelOptions kernelOptions;

    private TraceProfiler traceProfiler;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = RecordFiles.DEFAULT_NAME,
            description = "Record file to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = {"--output_type", "--format"}, paramLabel = "TYPE", defaultValue = "jdamon",
            description = "File type: jdamon (its own, the default) or damo's json_compressed, json, perf_script "
                    + "(written when recording ends; damo's types hold the snapshots only).")
    String outputType;

    /** Where the run writes: the output itself, or a jdamon record converted to damo's type at the end. */
    private Path recordPath;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "Stop after this much monitored time (e.g. 30s); a simulated workload otherwise "
                    + "runs its phases once.")
    String duration;

    @Option(names = "--sim_rate", paramLabel = "ACCESSES_PER_MS", defaultValue = "0",
            description = "Total access rate of a simulated workload (default: the workload's, 25000/ms).")
    long simRate;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    SchemeOptions schemeOptions;

    @Override
    public Integer call() throws IOException {
        DamoFileType damoType = outputType.equals("jdamon") ? null : DamoFileType.of(outputType);
        if (damoType == null && !outputType.equals("jdamon")) {
            throw new UserException("--output_type: jdamon, " + DamoFileType.names() + ", not '" + outputType + "'",
                    true);
        }
        recordPath = damoType == null ? output
                : output.resolveSibling("." + output.getFileName() + ".jdamon-" + ProcessHandle.current().pid());
        try {
            int rc = record();
            if (damoType != null && Files.exists(recordPath)) {
                damoType.write(RecordFiles.source(recordPath), output);
                spec.commandLine().getErr().printf("jdamon: wrote %s as damo's %s (%s)%n", output,
                        damoType.damoName(), Units.formatSize(Files.size(output)));
                spec.commandLine().getErr().flush();
            }
            return rc;
        } finally {
            if (damoType != null) {
                Files.deleteIfExists(recordPath);
            }
        }
    }

    private int record() throws IOException {
        SchemeSetup schemes = schemeOptions.setup(monitoring);
        DamosEngine engine = schemes.engine();
        long durationNs = CliParsing.durationNs("--duration", duration);
        if (kernel) {
            return recordWithKernel(schemes.config(), durationNs);
        }
        MonitorSource source = openSource();
        try {
            schemes.validateFor(source.operations());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            source.close();
            throw new UserException(e.getMessage(), true);
        }
        var err = spec.commandLine().getErr();
        if (source instanceof LinuxSource live && live.caveat() != null) {
            err.println("jdamon: note: " + live.caveat());
            err.flush();
        }
        CoverageMeter[] coverage = new CoverageMeter[1];
        MonitorRun run = new MonitorRun(source)
                .attributes(schemes.attributes())
                .seed(monitoring.seed())
                .durationNs(durationNs)
                .output(recordPath)
                .schemes(schemes.schemeEngine())
                .onBuild((ctx, writer) -> {
                    coverage[0] = CoverageMeter.attach(ctx, source.operations(),
                            writer == null ? null : writer.sideDataSink());
                    if (writer != null) {
                        DamosCapture.attach(ctx, engine, writer, schemes.configJson());
                        if (source instanceof LinuxSource) {
                            ctx.addAfterAggregation(new FootprintCollector(writer.sideDataSink()));
                        }
                    }
                })
                .progress(System.console() != null ? System.err : null);
        try {
            addProfiler(run, source);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        MonitorRun.Result r;
        try {
            r = run.run();
        } catch (RecordWriteException e) {
            throw writeFailure(e);
        }
        err.printf("jdamon: recorded %d snapshots (%s monitored) to %s (%s)%s%n",
                r.snapshots(), Units.formatDurationUs(r.monitoredNs() / 1000), output,
                Units.formatSize(r.recordBytes()), r.interrupted() ? ", interrupted" : "");
        printCoverage(err, coverage[0]);
        if (source instanceof TraceSource trace) {
            TraceOptionsMixin.printStretchHint(err, trace.traceOperations(), schemes.attributes().aggrUs());
        }
        if (r.snapshots() == 0 && engine != null) {
            err.println("jdamon: no snapshot: monitoring stayed off because every scheme's watermarks were inactive"
                    + " (as DAMON_RECLAIM is while free memory is above its high watermark)");
        }
        err.flush();
        return 0;
    }

    /** The coverage line of a trace or simulation, and the warning when much of it went unseen. */
    static void printCoverage(java.io.PrintWriter err, CoverageMeter meter) {
        if (meter == null || meter.samples().isEmpty()) {
            return;
        }
        err.println("jdamon: " + meter.summary().text());
        String warning = meter.warning();
        if (warning != null) {
            err.println("jdamon: warning: " + warning);
        }
    }

    /** {@code record --kernel}: the kernel's DAMON takes the snapshots; jdamon writes them as a record. */
    private int recordWithKernel(KdamondsConfig config, long durationNs) throws IOException {
        if (target.sim != null || target.trace != null || profile) {
            throw new UserException("--kernel monitors processes or paddr, not --sim/--trace/--profile", true);
        }
        Process child = null;
        KdamondsConfig.Context c = config.kdamonds().getFirst().contexts().getFirst();
        List<AddressRange> ranges = RegionsOption.parse(regions);
        String ops;
        Long pid = target.pid;
        if (pid == null && target.deducible.size() == 1 && target.deducible.getFirst().equals("paddr")) {
            ops = "paddr";
            if (ranges.isEmpty()) {
                ranges = List.of(PhysicalMemory.largest(PhysicalMemory.systemRam()));
            }
        } else {
            if (pid == null) {
                child = new ProcessBuilder(target.deducible).inheritIO().start();
                pid = child.pid();
            }
            ops = ranges.isEmpty() ? "vaddr" : "fvaddr";
        }
        c = new KdamondsConfig.Context(ops, c.addrUnit(),
                List.of(new KdamondsConfig.TargetConfig(pid, false, ranges)), c.intervals(), c.nrRegions(),
                c.pause(), c.schemes());
        KdamondSpec kdamond = ConfigToSysfs.kdamonds(KdamondsConfig.single(c)).getFirst();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "jdamon-kernel-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Map<String, String> props = new java.util.LinkedHashMap<>();
            props.put("access_primitive", "kernel DAMON (" + ops + ")");
            if (pid != null) {
                props.put("pid", Long.toString(pid));
            }
            KernelRecording.Result r = KernelRecording.record(kernelOptions.damon(), kdamond, recordPath, durationNs, 0,
                    props, Version.get(), false, stop::get);
            spec.commandLine().getErr().printf("jdamon: recorded %d snapshots from the kernel's DAMON (%s) to %s (%s)%s%n",
                    r.snapshots(), Units.formatDurationUs(r.recordedNs() / 1000), output,
                    Units.formatSize(r.recordBytes()), r.targetsExited() ? ", target exited" : "");
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already stopping
            }
            if (child != null && child.isAlive()) {
                child.destroy();
            }
        }
    }

    /** Profiles the run's process (or collects the trace's instruction samples) into the record. */
    private void addProfiler(MonitorRun run, MonitorSource source) {
        if (!profile) {
            return;
        }
        if (traceProfiler != null) {
            run.beforeClose((ctx, writer) -> writeAll(writer, traceProfiler.sideData()));
            return;
        }
        long pid = source.targets().getFirst().pid();
        if (pid < 0) {
            throw new UserException("--profile needs a process (--pid, -- CMD) or a trace (--trace)", true);
        }
        Profiler.Handle h = Profiler.start(pid, 0, Profiler.Options.DEFAULTS);
        spec.commandLine().getErr().println("jdamon: profiling with " + h.description());
        run.beforeClose((ctx, writer) -> writeAll(writer,
                h.stop(ctx.clock().epochOffsetNs() + ctx.startNs(), ctx.clock().nowNs() - ctx.startNs())));
    }

    /** Writing the record failed (a full disk, a quota): the file, why, and how much of it is readable. */
    private static UserException writeFailure(RecordWriteException e) {
        String readable;
        try {
            readable = RecordFiles.read(e.path()).snapshots().size() + " snapshot(s) written before it are readable";
        } catch (IOException unreadable) {
            readable = "nothing readable was written";
        }
        return new UserException("cannot write the record " + e.getMessage() + "; " + readable, e);
    }

    private static void writeAll(RecordWriter writer, List<SideData> data) {
        if (writer == null) {
            return;
        }
        try {
            for (SideData d : data) {
                writer.writeSideData(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MonitorSource openSource() {
        if (target.sim != null) {
            return SimSource.load(target.sim, simRate);
        }
        if (target.trace != null) {
            TraceOptions opts = traceOptions.options();
            if (!profile) {
                return new TraceSource(target.trace, opts);
            }
            traceProfiler = new TraceProfiler(profileEvery,
                    profileBinary == null ? Symbolizer.hexOnly() : Symbolizer.forValgrindGuest(profileBinary));
            TraceReader reader = new ProfilingTraceReader(TraceInput.open(target.trace), traceProfiler,
                    opts.instructionsPerUs());
            return new TraceSource(reader, opts);
        }
        List<AddressRange> ranges = RegionsOption.parse(regions);
        if (target.pid != null) {
            return new LinuxSource(ranges.isEmpty() ? LinuxTargets.forPid(target.pid, access)
                    : LinuxTargets.fvaddr(target.pid, ranges, access));
        }
        if (target.deducible.size() == 1 && target.deducible.getFirst().equals("paddr")) {
            return new LinuxSource(LinuxTargets.paddr(ranges, access));
        }
        return new LinuxSource(LinuxTargets.forCommand(target.deducible, access));
    }
}
